import type { Config } from '../../schemas/config.ts';
import type { ExtractTextOptions } from './extract-text.ts';
import { disposeSharedOcrPool, sharedOcrPool } from './ocr/ocr-pool.ts';
import { disposeSharedPdfSandbox, sharedPdfSandbox } from './sandbox/pdf-sandbox.ts';

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
