import { z } from 'zod';

/** The text pipeline's output for one document: pages, then segments with sentences. */
export const PAGE_SOURCES = ['text_layer', 'ocr', 'plain'] as const;
export const PageSource = z.enum(PAGE_SOURCES);
export type PageSource = z.infer<typeof PageSource>;

export const TextPage = z.object({
  /** 1-based page number. */
  n: z.number().int().min(1),
  source: PageSource,
  /** Why this source was chosen ("text layer present", "plain text file"). */
  reason: z.string(),
  ocrConfidence: z.number().nullable(),
  /** UTF-16 offsets of the page inside the document text. */
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  language: z.string().nullable(),
});
export type TextPage = z.infer<typeof TextPage>;

export const LanguageGuess = z.object({
  /** ISO 639-3, or 'und' when there is too little text to tell. */
  code: z.string(),
  /** BCP-47 tag where one exists ("en", "zh", "fr"); 'und' otherwise. */
  bcp47: z.string(),
  confidence: z.number().min(0).max(1),
  candidates: z.array(z.object({ code: z.string(), score: z.number() })),
});
export type LanguageGuess = z.infer<typeof LanguageGuess>;

/** A sentence as UTF-16 offsets into the document text; its id is its index in the segment. */
export const SentenceSpan = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });
export type SentenceSpan = z.infer<typeof SentenceSpan>;

/**
 * What a segment is in the act's legal structure. Only binding kinds reach the extraction engines
 * by default; recitals, preambles, tables of contents, footnotes and signature blocks yield no
 * obligations unless the caller opts in (then the rows are marked non-binding).
 */
export const SEGMENT_KINDS = ['preamble', 'recital', 'article', 'definition', 'annex', 'table', 'footnote', 'signature', 'toc', 'other'] as const;
export const SegmentKind = z.enum(SEGMENT_KINDS);
export type SegmentKind = z.infer<typeof SegmentKind>;
/** Kinds whose text states binding law. */
export const BINDING_SEGMENT_KINDS: readonly SegmentKind[] = ['article', 'definition', 'annex', 'table', 'other'];

export const TextSegment = z.object({
  ordinal: z.number().int().min(0),
  /** Citation path, e.g. "Chapter IV > Article 33". Empty when the document has no headings. */
  citation: z.string(),
  /** The citation in a normalised machine form ("art:16/par:1/pt:b", "annex:III/pt:4"); null when unknown. */
  citationKey: z.string().nullable(),
  kind: SegmentKind,
  /** The heading line that opened the segment, carried as context for extraction. */
  heading: z.string().nullable(),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  pageStart: z.number().int().min(1),
  pageEnd: z.number().int().min(1),
  language: z.string().nullable(),
  sentences: z.array(SentenceSpan),
});
export type TextSegment = z.infer<typeof TextSegment>;

export const DocumentText = z.object({
  text: z.string(),
  language: LanguageGuess,
  pages: z.array(TextPage),
  segments: z.array(TextSegment),
});
export type DocumentText = z.infer<typeof DocumentText>;
