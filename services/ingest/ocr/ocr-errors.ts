import { DocumentInputError } from '../intake/errors.ts';

/**
 * A model that is not installed is a deployment problem, not the document's: it is a plain Error
 * so the job is retried (after the operator installs the package) instead of failing the document.
 */
export class OcrModelMissingError extends Error {
  constructor(models: string[], dir: string) {
    super(`OCR model(s) ${models.join(', ')} not installed in ${dir} (install tesseract-ocr-* packages or set TESSDATA_DIR)`);
    this.name = 'OcrModelMissingError';
  }
}

/** One page that does not finish within the limit: the page is at fault (size, noise), not the worker. */
export class OcrTimeoutError extends DocumentInputError {
  constructor(what: string, limitMs: number) {
    super('page_timeout', `${what} took longer than ${Math.round(limitMs / 1000)} s and was stopped`);
  }
}
