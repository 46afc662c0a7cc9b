import type { ExtractedObligation } from '../../schemas/obligation.ts';
import type { SegmentKind } from '../../schemas/text.ts';
import type { ExtractorInfo } from '../../services/core/ports.ts';

export type { ExtractorInfo };

/** What an engine reads: one segment, its sentences listed with ids (index = id). */
export interface SegmentInput {
  /** Citation path of the segment ("Chapter IV > Article 33"); empty when unknown. */
  citation: string;
  /** Heading line of the segment, if any, for context. */
  heading: string | null;
  /**
   * The nearest heading before this segment when it differs from its own (a chapter title over an
   * article), so a window cut from a long document still knows what it is part of.
   */
  context?: string | null;
  /** ISO 639-3 language code of the segment, or null/'und' when unknown. */
  language: string | null;
  /**
   * What the segment is in the act's structure (article, annex, definition …); absent when the
   * caller does not know. The rules engine reads present-tense duties only in article/annex text.
   */
  kind?: SegmentKind;
  /** The segment's sentences in order; the model answers with their indexes. */
  sentences: string[];
  /**
   * Set when several short consecutive segments are read in one call (see packs.ts): each part's
   * own citation, heading and language, and where its sentences start in `sentences`. Ids run on
   * across parts; engines that do not understand parts may ignore them and read one segment.
   */
  parts?: SegmentPart[];
}

export interface SegmentPart {
  citation: string;
  heading: string | null;
  context?: string | null;
  language: string | null;
  /** Index in the packed `sentences` of this part's first sentence. */
  firstSentence: number;
}

export interface SegmentResult {
  obligations: ExtractedObligation[];
  promptTokens: number;
  completionTokens: number;
}


/**
 * One interface for every engine. Implementations must be safe to call concurrently
 * (the worker keeps several segments in flight) and must never return quotes: only sentence ids.
 */
export interface Extractor {
  readonly info: ExtractorInfo;
  extractSegment(input: SegmentInput, signal?: AbortSignal): Promise<SegmentResult>;
  close(): Promise<void>;
  /**
   * Token accounting with the engine's own tokenizer, for engines with a context window. Absent
   * for the rules engine: it has no window and nothing to save.
   */
  readonly tokens?: TokenAccounting;
}

export interface TokenAccounting {
  /** Prompt tokens a call with this input would record (same measure as SegmentResult.promptTokens). */
  promptTokens(input: SegmentInput): number;
  /** Tokens of one listed sentence line ("[i] text") in the prompt. */
  sentenceTokens(sentence: string, id: number): number;
  /** Tokens available to the sentence list of one call, after the fixed prompt, answer budget and retry reminder. */
  readonly sentenceBudget: number;
  /**
   * Tokens of segment text (headers and sentence lines) that short consecutive segments may share
   * in one call; 0 or absent: one call per segment. Never above `sentenceBudget`.
   */
  readonly packBudget?: number;
}

/** Tokens an engine call spent, whether it succeeded or not. */
export interface CallCost {
  promptTokens: number;
  completionTokens: number;
}

/**
 * A failed engine call that still cost tokens (a cut-off or unusable answer after generation):
 * callers add them to the run, so totals count every call, failed or not.
 */
export class ExtractionCallError extends Error {
  constructor(message: string, readonly promptTokens = 0, readonly completionTokens = 0) {
    super(message);
    this.name = 'ExtractionCallError';
  }
}

/** What a failed call cost: its recorded tokens for an ExtractionCallError, else nothing. */
export function costOf(error: unknown): CallCost {
  return error instanceof ExtractionCallError
    ? { promptTokens: error.promptTokens, completionTokens: error.completionTokens }
    : { promptTokens: 0, completionTokens: 0 };
}

/** The prompt for a segment does not fit the context window; the caller splits and retries. */
export class ContextOverflowError extends ExtractionCallError {
  constructor(message = 'Segment does not fit the model context', promptTokens = 0, completionTokens = 0) {
    super(message, promptTokens, completionTokens);
    this.name = 'ContextOverflowError';
  }
}

/**
 * The answer hit the answer budget before it closed. Under greedy decoding the same call would be
 * cut off again, so the caller halves the input (pack, then window) instead of repeating it.
 */
export class AnswerCutOffError extends ExtractionCallError {
  constructor(message: string, promptTokens: number, completionTokens: number) {
    super(message, promptTokens, completionTokens);
    this.name = 'AnswerCutOffError';
  }
}

/** A call worth splitting: its input did not fit, or its answer did not. */
export const isSplittable = (error: unknown): boolean =>
  error instanceof ContextOverflowError || error instanceof AnswerCutOffError;
