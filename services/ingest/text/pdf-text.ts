import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { getDocument, VerbosityLevel } from './pdfjs.ts';
import type { TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api.js';
import { CorruptPdfError, DocumentTooLargeError, EncryptedPdfError } from '../intake/errors.ts';
import { joinTextItems } from './text-lines.ts';

/** pdf.js reads these from disk in Node; paths need the trailing separator. */
const PDFJS_ROOT = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const STANDARD_FONT_DATA_URL = join(PDFJS_ROOT, 'standard_fonts') + sep;
const CMAP_URL = join(PDFJS_ROOT, 'cmaps') + sep;

/** pdf.js loading task with the options every caller needs for untrusted files. */
export function openPdf(bytes: Uint8Array): ReturnType<typeof getDocument> {
  return getDocument({
    // pdf.js may take ownership of (detach) the buffer it is given; the caller keeps theirs.
    data: bytes.slice(),
    // Hostile PDFs: never compile PDF functions with eval, never load fonts into a renderer
    // (glyphs are drawn as paths when rendering for OCR), never reach for system fonts.
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    enableXfa: false,
    standardFontDataUrl: STANDARD_FONT_DATA_URL,
    cMapUrl: CMAP_URL,
    cMapPacked: true,
    verbosity: VerbosityLevel.ERRORS,
  });
}

/** Negative or absurd counts (hostile trailers claim -2^31 or 2×10^8 pages) fail like any excess. */
export function checkPageCount(numPages: number, maxPages: number): void {
  if (!Number.isSafeInteger(numPages) || numPages < 0) throw new CorruptPdfError(`invalid page count ${numPages}`);
  if (numPages > maxPages) throw new DocumentTooLargeError(`PDF has ${numPages} pages; the limit is ${maxPages}`);
}

export type PdfDocument = Awaited<ReturnType<typeof getDocument>['promise']>;

export async function pageText(doc: PdfDocument, n: number): Promise<string> {
  try {
    const page = await doc.getPage(n);
    try {
      const content = await page.getTextContent();
      return joinTextItems(content.items.filter(isTextItem));
    } finally {
      page.cleanup();
    }
  } catch (error) {
    throw toInputError(error, `page ${n}`);
  }
}

function isTextItem(item: TextItem | TextMarkedContent): item is TextItem {
  return 'str' in item;
}

/**
 * pdf.js reports problems through exception names (its classes are not all exported, and
 * errors crossing the worker boundary are re-created): PasswordException for a needed
 * password, InvalidPDFException for a broken file, and UnknownErrorException wrapping anything
 * the parser threw (FormatError, stack overflow on cyclic structures, ...). Other errors are
 * ours or the environment's and propagate unchanged so that the job is retried.
 */
export function toInputError(error: unknown, where?: string): unknown {
  if (!(error instanceof Error)) return error;
  const reason = where ? `${error.message} (${where})` : error.message;
  switch (error.name) {
    case 'PasswordException':
      return new EncryptedPdfError(error.message.includes('Incorrect') ? 'the password is not known' : undefined, { cause: error });
    case 'InvalidPDFException':
    case 'FormatError':
    case 'UnknownErrorException':
      return new CorruptPdfError(reason, { cause: error });
    default:
      return error;
  }
}
