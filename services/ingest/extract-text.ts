import type { DocumentText, LanguageGuess, PageSource, TextPage } from '../../schemas/text.ts';
import { DocumentTooLargeError } from './intake/errors.ts';
import { detectFileType } from './intake/file-type.ts';
import { parseLanguageHint, toBcp47 } from './language/codes.ts';
import { detectLanguage, languageOfPart } from './language/detect-language.ts';
import { segmentDocument } from './segments/segment-document.ts';
import { normalizePages } from './text/normalize.ts';
import { choosePageSource } from './text/page-source.ts';
import { DEFAULT_MAX_PDF_BYTES, extractPdfText } from './text/pdf-text.ts';
import { decodePlainText } from './text/plain-text.ts';

export interface ExtractTextOptions {
  maxPages: number;
  /** ISO 639-3 or BCP-47 ("fr", "fra", "fr-CA"); used when valid, otherwise detection decides. */
  languageHint?: string | null;
  maxBytes?: number;
}

/** Pages are joined with a blank line, so no paragraph spans two pages by accident. */
export const PAGE_SEPARATOR = '\n\n';

/** One page as extracted, before normalisation. */
export interface RawPage {
  text: string;
  source: PageSource;
  reason: string;
}

/**
 * Bytes of an uploaded document → text, pages, language and segments. Throws a
 * DocumentInputError subclass for bad input (empty, unsupported, corrupt, encrypted, too large).
 */
export async function extractDocumentText(bytes: Uint8Array, filename: string, opts: ExtractTextOptions): Promise<DocumentText> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_PDF_BYTES;
  if (bytes.length > maxBytes) {
    throw new DocumentTooLargeError(`${filename} is ${bytes.length} bytes; the limit is ${maxBytes}`);
  }
  const type = detectFileType(bytes, filename);
  const raw = type.kind === 'pdf' ? await pdfPages(bytes, opts.maxPages, maxBytes) : [plainPage(bytes, filename)];
  return assemble(raw, opts.languageHint ?? null);
}

async function pdfPages(bytes: Uint8Array, maxPages: number, maxBytes: number): Promise<RawPage[]> {
  const { pages } = await extractPdfText(bytes, { maxPages, maxBytes });
  return pages.map((text) => {
    const decision = choosePageSource(text);
    // Pages that need OCR keep their (empty) text-layer text until the OCR stage exists.
    return { text, source: 'text_layer', reason: decision.reason };
  });
}

function plainPage(bytes: Uint8Array, filename: string): RawPage {
  return { text: decodePlainText(bytes, filename), source: 'plain', reason: 'plain text file' };
}

/** Pure part of the pipeline: normalise, join, detect languages, segment. */
export function assemble(raw: readonly RawPage[], languageHint: string | null): DocumentText {
  const texts = normalizePages(raw.map((p) => p.text));
  let text = '';
  const spans = texts.map((pageText, i) => {
    if (i > 0) text += PAGE_SEPARATOR;
    const start = text.length;
    text += pageText;
    return { start, end: text.length };
  });

  const language = documentLanguage(text, languageHint);
  const docCode = language.code === 'und' ? null : language.code;
  const pages: TextPage[] = raw.map((p, i) => ({
    n: i + 1,
    source: p.source,
    reason: p.reason,
    ocrConfidence: null,
    start: spans[i]!.start,
    end: spans[i]!.end,
    language: languageOfPart(texts[i]!, docCode),
  }));

  return { text, language, pages, segments: segmentDocument(text, spans, language) };
}

function documentLanguage(text: string, hint: string | null): LanguageGuess {
  const detected = detectLanguage(text);
  const hinted = parseLanguageHint(hint);
  if (!hinted) return detected;
  // The hint is the uploader's statement; detection's candidates stay for the record.
  return { code: hinted, bcp47: toBcp47(hinted), confidence: 1, candidates: detected.candidates };
}
