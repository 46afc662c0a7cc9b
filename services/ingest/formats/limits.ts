import { DocumentInputError, UnsupportedFileError } from '../intake/errors.ts';

/**
 * Resource limits for markup. Measured over the 43 markup files of the shared corpus (formats/
 * and the GDPR OJ original): elements nest at most 32 deep (a Veneto portal page), a file has
 * at most 7,948 elements, the largest DOCX document.xml inflates to 262,544 bytes. The limits
 * leave orders of magnitude of headroom and still stop hostile input (billion laughs, 100,000-deep
 * nesting, zip bombs) with a per-document error instead of a hang or a crash.
 */
export interface MarkupLimits {
  maxDepth: number;
  maxElements: number;
  /** Characters of decoded markup, and of text produced. */
  maxChars: number;
  zip: {
    maxEntries: number;
    /** Inflated bytes of one part (word/document.xml) and of all parts read. */
    maxPartBytes: number;
    /** Declared inflated/compressed ratio above which an entry is treated as a bomb. */
    maxRatio: number;
  };
}

export const DEFAULT_MARKUP_LIMITS: MarkupLimits = {
  maxDepth: 1000,
  maxElements: 4_000_000,
  maxChars: 200_000_000,
  zip: { maxEntries: 10_000, maxPartBytes: 256 * 1024 * 1024, maxRatio: 1000 },
};

/** Over a markup limit (depth, element count, entity declarations, zip bomb). */
export class MarkupLimitError extends DocumentInputError {
  constructor(message: string) {
    super('processing_limit', message);
  }
}

/** Markup that cannot be read at all (a DOCX whose parts are missing or not inflatable). */
export class CorruptMarkupError extends UnsupportedFileError {
  constructor(what: string, reason: string, options?: { cause?: unknown }) {
    super(`${what} could not be read: ${reason}`);
    if (options?.cause) this.cause = options.cause;
  }
}
