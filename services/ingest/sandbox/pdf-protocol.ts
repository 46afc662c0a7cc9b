/**
 * Messages between the ingest process and a PDF sandbox worker thread. Plain data only: they
 * cross a structured-clone boundary, and errors are re-created on the calling side.
 */

export interface PdfJob {
  id: number;
  bytes: Uint8Array;
  maxPages: number;
  /**
   * Next page to take, shared by every worker on this file (an Int32Array over a
   * SharedArrayBuffer; a worker takes a page with Atomics.add). Workers that join late simply
   * take fewer pages, so one file spreads over several workers without a fixed split.
   */
  cursor: Int32Array;
  /**
   * Rendered pages the parent will still take (one Int32 over a SharedArrayBuffer). A worker
   * takes one before rendering and waits while there are none; the parent gives one back when a
   * page's image has been read. Bounds the page images held while OCR is slower than rendering.
   */
  renderCredits: Int32Array;
  /** Render pages whose text layer is missing or garbled (false when OCR is unavailable). */
  render: boolean;
  dpi: number;
  maxPixels: number;
}

export interface SandboxPage {
  n: number;
  text: string;
  /** The text layer can be used as it is. */
  textLayerOk: boolean;
  reason: string;
  /** PNG of the page for OCR, when rendered and not blank. */
  png: Uint8Array | null;
  blank: boolean;
}

export type ErrorKind = 'encrypted' | 'corrupt' | 'too_large' | 'other';

export type WorkerMessage =
  /** Sent once, when the thread has loaded pdf.js. */
  | { type: 'ready' }
  | { id: number; type: 'meta'; numPages: number }
  | { id: number; type: 'page'; page: SandboxPage }
  /** Waiting for a render credit (pauses the page clock); 'resumed' restarts it. */
  | { id: number; type: 'waiting' }
  | { id: number; type: 'resumed' }
  | { id: number; type: 'done' }
  | { id: number; type: 'error'; kind: ErrorKind; message: string };
