import type { DocumentText, LanguageGuess, PageSource, TextPage } from '../../schemas/text.ts';
import { imagePages, DEFAULT_MAX_IMAGE_PIXELS } from './image/image-pages.ts';
import { DocumentTooLargeError } from './intake/errors.ts';
import { detectFileType } from './intake/file-type.ts';
import { parseLanguageHint, toBcp47 } from './language/codes.ts';
import { detectLanguage, languageOfPart } from './language/detect-language.ts';
import { DocumentOcr } from './ocr/document-ocr.ts';
import type { PageOcrResult } from './ocr/ocr-page.ts';
import { sharedOcrPool, type OcrPool } from './ocr/ocr-pool.ts';
import type { SandboxPage } from './sandbox/pdf-protocol.ts';
import { sharedPdfSandbox, type PdfSandbox } from './sandbox/pdf-sandbox.ts';
import { readMarkup } from './formats/read-markup.ts';
import type { StructuredText } from './formats/types.ts';
import { segmentDocument } from './segments/segment-document.ts';
import { segmentStructured } from './segments/segment-structured.ts';
import { joinPages, normalizePages, PAGE_BREAK } from './text/normalize.ts';
import { DEFAULT_RENDER } from './text/pdf-render.ts';
import { decodePlainText } from './text/plain-text.ts';

export interface ExtractTextOptions {
  maxPages: number;
  /** ISO 639-3 or BCP-47 ("fr", "fra", "fr-CA"); used when valid, otherwise detection decides. */
  languageHint?: string | null;
  maxBytes?: number;
  /** OCR workers; default: the process-wide pool. null: no OCR (text layers only). */
  ocr?: OcrPool | null;
  /** Where PDFs are parsed and rendered; default: the process-wide sandbox. */
  pdfSandbox?: PdfSandbox;
  /** Pixels per page: images above it are refused, PDF pages are rendered below it. */
  maxPagePixels?: number;
  /** Rendering resolution for OCR of PDF pages. */
  renderDpi?: number;
}

export const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;

/** Pages are joined with a blank line, so no paragraph spans two pages by accident, unless a sentence runs on across the break (normalize.ts joinPages). */
export const PAGE_SEPARATOR = PAGE_BREAK;

/** One page as extracted, before normalisation. */
export interface RawPage {
  text: string;
  source: PageSource;
  reason: string;
  ocrConfidence?: number | null;
}

/** OCR below this mean confidence on a page that had a (garbled) text layer loses to the layer. */
const MIN_OCR_CONFIDENCE_OVER_LAYER = 40;

/**
 * Bytes of an uploaded document → text, pages, language and segments. Throws a
 * DocumentInputError subclass for bad input (empty, unsupported, corrupt, encrypted, too large,
 * over a time or memory limit).
 */
export async function extractDocumentText(bytes: Uint8Array, filename: string, opts: ExtractTextOptions): Promise<DocumentText> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) {
    throw new DocumentTooLargeError(`${filename} is ${bytes.length} bytes; the limit is ${maxBytes}`);
  }
  const type = detectFileType(bytes, filename);
  const hint = opts.languageHint ?? null;
  const ocr = opts.ocr === undefined ? sharedOcrPool() : opts.ocr;
  if (type.kind === 'html' || type.kind === 'xml' || type.kind === 'docx') {
    return assembleStructured(readMarkup(bytes, type.kind, filename), hint);
  }
  let raw: RawPage[];
  if (type.kind === 'pdf') raw = await pdfPages(bytes, opts, ocr?.available ? ocr : null);
  else if (type.kind === 'image') raw = await imageDocumentPages(bytes, opts, ocr);
  else raw = [plainPage(bytes, filename)];
  return assemble(raw, hint);
}

async function pdfPages(bytes: Uint8Array, opts: ExtractTextOptions, ocr: OcrPool | null): Promise<RawPage[]> {
  const sandbox = opts.pdfSandbox ?? sharedPdfSandbox();
  const ocrRuns = new Map<number, Promise<PageOcrResult>>();
  const documentOcr = ocr ? new DocumentOcr(ocr, opts.languageHint ?? null) : null;
  const pages = await sandbox.extract(
    bytes,
    {
      maxPages: opts.maxPages, render: ocr !== null, dpi: opts.renderDpi ?? DEFAULT_RENDER.dpi, maxPixels: opts.maxPagePixels ?? DEFAULT_RENDER.maxPixels,
      // Rendering outpaces OCR; page images beyond a few per OCR worker would only wait in memory.
      maxPendingRenders: ocr ? Math.max(4, 2 * ocr.size) : undefined,
    },
    (page, release) => {
      if (documentOcr && page.png) {
        const run = documentOcr.read(Buffer.from(page.png), page.n);
        // Awaited below; a rejection before then must not count as unhandled.
        run.finally(release).catch(() => undefined);
        ocrRuns.set(page.n, run);
        page.png = null;
      }
    },
  );
  const out: RawPage[] = [];
  for (const page of pages) {
    const run = ocrRuns.get(page.n);
    out.push(run ? fromOcr(page, await run) : fromTextLayer(page, ocr !== null));
  }
  return out;
}

function fromTextLayer(page: SandboxPage, ocrAvailable: boolean): RawPage {
  if (page.textLayerOk) return { text: page.text, source: 'text_layer', reason: page.reason };
  if (page.blank) return { text: page.text, source: 'text_layer', reason: `${page.reason}; blank page, nothing to OCR` };
  const why = ocrAvailable ? 'not rendered' : 'OCR unavailable (no traineddata installed)';
  return { text: page.text, source: 'text_layer', reason: `${page.reason}; ${why}, text layer kept` };
}

function fromOcr(page: SandboxPage, ocr: PageOcrResult): RawPage {
  const hasLayer = /\p{L}/u.test(page.text);
  const confidence = round1(ocr.confidence);
  if (hasLayer && ocr.confidence < MIN_OCR_CONFIDENCE_OVER_LAYER) {
    return { text: page.text, source: 'text_layer', reason: `${page.reason}; OCR confidence ${confidence} too low (${ocr.route}), text layer kept`, ocrConfidence: confidence };
  }
  return { text: ocr.text, source: 'ocr', reason: `${page.reason} → OCR (${ocrRoute(ocr)})`, ocrConfidence: confidence };
}

async function imageDocumentPages(bytes: Uint8Array, opts: ExtractTextOptions, ocr: OcrPool | null): Promise<RawPage[]> {
  const images = await imagePages(bytes, { maxPixels: opts.maxPagePixels ?? DEFAULT_MAX_IMAGE_PIXELS, maxPages: opts.maxPages });
  if (!ocr?.available) {
    return images.map(() => ({ text: '', source: 'ocr', reason: 'image; OCR unavailable (no traineddata installed)', ocrConfidence: null }));
  }
  const documentOcr = new DocumentOcr(ocr, opts.languageHint ?? null);
  const results = await Promise.all(images.map((png, i) => documentOcr.read(png, i + 1)));
  return results.map((r) => ({
    text: r.text,
    source: 'ocr',
    reason: `image → OCR (${ocrRoute(r)})`,
    ocrConfidence: round1(r.confidence),
  }));
}

function ocrRoute(r: PageOcrResult): string {
  return `${r.route}${r.rotated ? `, rotated ${r.rotated}°` : ''}${r.singleLine ? ', read as one text line' : ''}`;
}

function plainPage(bytes: Uint8Array, filename: string): RawPage {
  return { text: decodePlainText(bytes, filename), source: 'plain', reason: 'plain text file' };
}

/** Pure part of the pipeline: normalise, join, detect languages, segment. */
export function assemble(raw: readonly RawPage[], languageHint: string | null): DocumentText {
  // Pages meet at a blank line, or at a line break where a sentence runs on (joinPages).
  const { text, spans } = joinPages(normalizePages(raw.map((p) => p.text)));
  const texts = spans.map((span) => text.slice(span.start, span.end));

  const language = documentLanguage(text, languageHint);
  const docCode = language.code === 'und' ? null : language.code;
  const pages: TextPage[] = raw.map((p, i) => ({
    n: i + 1,
    source: p.source,
    reason: p.reason,
    ocrConfidence: p.ocrConfidence ?? null,
    start: spans[i]!.start,
    end: spans[i]!.end,
    language: languageOfPart(texts[i]!, docCode),
  }));

  return { text, language, pages, segments: segmentDocument(text, spans, language) };
}

/**
 * HTML, XML and DOCX: the reader's text is already normalised (normalizePages would move
 * offsets under the units, and markup has no page furniture to remove), so it is one page;
 * units the markup states become the segments, else the plain-text segmenter reads headings.
 */
export function assembleStructured(doc: StructuredText, languageHint: string | null): DocumentText {
  const { text } = doc;
  const language = documentLanguage(text, languageHint);
  const docCode = language.code === 'und' ? null : language.code;
  const spans = [{ start: 0, end: text.length }];
  const pages: TextPage[] = [{ n: 1, source: 'plain', reason: doc.reason, ocrConfidence: null, start: 0, end: text.length, language: languageOfPart(text, docCode) }];
  const segments = doc.units.length ? segmentStructured(text, doc.units, spans, language, doc.headings) : segmentDocument(text, spans, language);
  return { text, language, pages, segments };
}

function documentLanguage(text: string, hint: string | null): LanguageGuess {
  const detected = detectLanguage(text);
  const hinted = parseLanguageHint(hint);
  if (!hinted) return detected;
  // The hint is the uploader's statement; detection's candidates stay for the record.
  return { code: hinted, bcp47: toBcp47(hinted), confidence: 1, candidates: detected.candidates };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
