/**
 * Messages between the ingest process and a PDF sandbox worker thread. Plain data only: they
 * cross a structured-clone boundary, and errors are re-created on the calling side.
 */

export interface PdfJob {
  id: number;
  bytes: Uint8Array;
  maxPages: number;
  /**
   * Pages this worker handles: n where (n - 1) % count === index, so one file can use several
   * workers. Absent: the worker reports the page count and waits for a PdfPlan.
   */
  shard?: Shard;
  /** Render pages whose text layer is missing or garbled (false when OCR is unavailable). */
  render: boolean;
  dpi: number;
  maxPixels: number;
}

export interface Shard {
  index: number;
  count: number;
}

/** Sent after 'meta' to a worker whose job came without a shard. */
export interface PdfPlan {
  id: number;
  type: 'plan';
  shard: Shard;
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
  | { id: number; type: 'meta'; numPages: number }
  | { id: number; type: 'page'; page: SandboxPage }
  | { id: number; type: 'done' }
  | { id: number; type: 'error'; kind: ErrorKind; message: string };
