import type { Engine, ExtractedObligation } from '../../schemas/obligation.ts';

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

/** Identity of an engine configuration; stored with every extraction run. */
export interface ExtractorInfo {
  engine: Engine;
  modelName: string | null;
  modelSha256: string | null;
  promptVersion: string;
  /** Sampling and runtime parameters that affect output (temperature, context size, ...). */
  params: Record<string, unknown>;
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

/** The prompt for a segment does not fit the context window; the caller splits and retries. */
export class ContextOverflowError extends Error {
  constructor(message = 'Segment does not fit the model context') {
    super(message);
    this.name = 'ContextOverflowError';
  }
}
