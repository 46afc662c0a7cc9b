import type { Config } from '../../schemas/config.ts';
import type { ExtractTextOptions } from './extract-text.ts';
import { disposeSharedOcrPool, OcrPool, sharedOcrPool } from './ocr/ocr-pool.ts';
import { disposeSharedPdfSandbox, PdfSandbox, sharedPdfSandbox } from './sandbox/pdf-sandbox.ts';

/**
 * The config's OCR and PDF limits as `extractDocumentText` options. The pool and the sandbox are
 * process-wide (workers are expensive to start and are reused across documents), so they are
 * created on the first call with this config and ended by `disposeTextRuntime` at shutdown.
 */
export type TextRuntimeOptions = Pick<ExtractTextOptions, 'ocr' | 'pdfSandbox' | 'maxPagePixels' | 'renderDpi'>;

export type TextRuntimeConfig = Pick<Config,
  'tessdataDir' | 'ocrWorkers' | 'ocrPageTimeoutMs' | 'pdfWorkers' | 'pdfPageTimeoutMs' | 'pdfWorkerHeapMb' | 'maxPagePixels' | 'ocrDpi'>;

export function textRuntimeOptions(config: TextRuntimeConfig): TextRuntimeOptions {
  return {
    ocr: sharedOcrPool({ size: config.ocrWorkers, tessdataDir: config.tessdataDir, jobTimeoutMs: config.ocrPageTimeoutMs }),
    pdfSandbox: sharedPdfSandbox({ workers: config.pdfWorkers, pageTimeoutMs: config.pdfPageTimeoutMs, maxHeapMb: config.pdfWorkerHeapMb }),
    // Unset keeps extractDocumentText's per-kind defaults (images and rendered PDF pages differ).
    ...(config.maxPagePixels === undefined ? {} : { maxPagePixels: config.maxPagePixels }),
    renderDpi: config.ocrDpi,
  };
}

/** Ends the OCR and PDF worker threads so the process can exit; safe to call when none started. */
export async function disposeTextRuntime(): Promise<void> {
  await Promise.all([disposeSharedOcrPool(), disposeSharedPdfSandbox()]);
}

/** An OCR pool and a PDF sandbox owned by one context (a service or the embedded runner), closed with it. */
export interface TextRuntime {
  options: TextRuntimeOptions;
  close(): Promise<void>;
}

/**
 * Creates this context's OCR pool and PDF sandbox (their threads start on first use), instead of
 * the process-wide ones: two contexts in one process (tests, the CLI) each own and close theirs.
 */
export function createTextRuntime(config: TextRuntimeConfig): TextRuntime {
  const ocr = new OcrPool({ size: config.ocrWorkers, tessdataDir: config.tessdataDir, jobTimeoutMs: config.ocrPageTimeoutMs });
  const pdfSandbox = new PdfSandbox({ workers: config.pdfWorkers, pageTimeoutMs: config.pdfPageTimeoutMs, maxHeapMb: config.pdfWorkerHeapMb });
  return {
    options: {
      ocr, pdfSandbox,
      ...(config.maxPagePixels === undefined ? {} : { maxPagePixels: config.maxPagePixels }),
      renderDpi: config.ocrDpi,
    },
    close: async () => { await Promise.all([ocr.dispose(), pdfSandbox.dispose()]); },
  };
}
