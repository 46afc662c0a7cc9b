import { z } from 'zod';

/**
 * The obligation concept. Engines (rules, llm) produce `ExtractedObligation`s that point at
 * sentence ids of the segment they read; grounding turns them into stored rows whose quote and
 * offsets come from the document text, never from the engine.
 */
export const MODALITIES = ['obligation', 'prohibition', 'permission', 'exemption'] as const;
export const Modality = z.enum(MODALITIES);
export type Modality = z.infer<typeof Modality>;

export const ENGINES = ['rules', 'llm'] as const;
export const Engine = z.enum(ENGINES);
export type Engine = z.infer<typeof Engine>;

/**
 * String bounds keep grammar-constrained generation finite. llama.cpp grammars count code points
 * while JS counts UTF-16 units, so validity is always re-checked with zod after parsing.
 */
const text = (max: number) => z.string().max(max);

export const ExtractedObligation = z.object({
  /** Ids of the segment sentences (0-based, as listed in the prompt) that state the obligation. */
  sentenceIds: z.array(z.number().int().min(0)).min(1).max(8),
  modality: Modality,
  /** The addressee: who must / must not / may act. */
  subject: text(300),
  action: text(600),
  object: text(300).nullable(),
  condition: text(600).nullable(),
  exceptions: text(600).nullable(),
  /** Deadline as written in the source ("within 72 hours after becoming aware"). */
  deadline: text(300).nullable(),
  penalty: text(400).nullable(),
  /** Other provisions referred to ("Article 6(1)", "section 12"). */
  crossReferences: z.array(text(120)).max(10),
  subjectEn: text(300),
  actionEn: text(600),
  confidence: z.number().min(0).max(1),
  /**
   * Optional verbatim excerpt of the cited sentences that states the norm. It only narrows the
   * stored quote: grounding keeps it when it is a substring of the cited sentences after
   * normalisation and otherwise falls back to the whole sentences, so it can never unground a row.
   */
  span: text(400).nullable(),
  /**
   * For an item of a list ("The controller shall: (a) …; (b) …"), the id of the lead-in sentence
   * whose actor and modality the item inherits; grounding stores it as a second verbatim span
   * (obligations.lead_in_start/lead_in_end). Null for a self-contained sentence.
   */
  leadInSentenceId: z.number().int().min(0).nullable().default(null),
});
/** Input type: an engine that never reads lists may omit `leadInSentenceId` (parsed as null). */
export type ExtractedObligation = z.input<typeof ExtractedObligation>;

/** What one engine call returns for one segment. */
export const SegmentExtraction = z.object({
  obligations: z.array(ExtractedObligation).max(24),
});
export type SegmentExtraction = z.infer<typeof SegmentExtraction>;

/** Deadline normalised by code from the raw deadline text. */
export const NormalizedDeadline = z.object({
  /** ISO-8601 date (2025-01-31) or duration (PT72H, P1M). */
  iso: z.string().nullable(),
  kind: z.enum(['date', 'duration']).nullable(),
  /** Event the duration runs from ("becoming aware"), when stated. */
  trigger: z.string().nullable(),
});
export type NormalizedDeadline = z.infer<typeof NormalizedDeadline>;

/**
 * How a stored quote was located. sentence: the engine gave no span, the quote is the cited
 * sentences; exact: the engine's span occurs verbatim; normalized: it occurs after normalisation
 * (NFKC, case, quotes, dashes, whitespace), the quote is the document's own text at that place;
 * fallback: the span did not occur and the quote fell back to the cited sentences.
 */
export const ALIGNMENTS = ['sentence', 'exact', 'normalized', 'fallback'] as const;
export const Alignment = z.enum(ALIGNMENTS);
export type Alignment = z.infer<typeof Alignment>;
