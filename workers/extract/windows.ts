import type { ExtractedObligation } from '../../schemas/obligation.ts';
import type { TokenAccounting } from './extractor.ts';

export interface SentenceWindow {
  /** Segment id of the window's first sentence; window ids are relative to it. */
  offset: number;
  sentences: string[];
}

/** Sentences repeated at the start of the next window, so a norm spanning a cut is seen whole once. */
const OVERLAP = 1;

/**
 * Cuts a segment's sentences into windows whose sentence lines fit the engine's token budget,
 * counted with the model's own tokenizer. Cuts fall only at sentence boundaries; consecutive
 * windows overlap by one sentence. A single sentence over the budget gets a window of its own
 * (the engine then reports the overflow and the segment fails with that reason).
 */
export function planWindows(sentences: readonly string[], tokens: TokenAccounting | undefined): SentenceWindow[] {
  if (!tokens || sentences.length <= 1) return [{ offset: 0, sentences: [...sentences] }];
  const costs = sentences.map((s, i) => tokens.sentenceTokens(s, i));
  const total = costs.reduce((a, b) => a + b, 0);
  if (total <= tokens.sentenceBudget) return [{ offset: 0, sentences: [...sentences] }];
  const windows: SentenceWindow[] = [];
  let start = 0;
  for (;;) {
    let end = start;
    let sum = 0;
    while (end < sentences.length && (end === start || sum + costs[end]! <= tokens.sentenceBudget)) sum += costs[end++]!;
    windows.push({ offset: start, sentences: sentences.slice(start, end) });
    if (end >= sentences.length) return windows;
    start = Math.max(start + 1, end - OVERLAP);
  }
}

/**
 * Overlapping windows report a norm twice; the same modality on the same sentence ids is the same
 * norm, and the more confident reading is kept. Order follows the first sentence cited.
 */
export function mergeBySentenceIds(obligations: readonly ExtractedObligation[]): ExtractedObligation[] {
  const byKey = new Map<string, ExtractedObligation>();
  for (const o of obligations) {
    const key = `${o.modality}|${[...new Set(o.sentenceIds)].sort((a, b) => a - b).join(',')}|${o.subjectEn.toLowerCase().trim()}`;
    const seen = byKey.get(key);
    if (!seen || o.confidence > seen.confidence) byKey.set(key, o);
  }
  return [...byKey.values()].sort((a, b) => Math.min(...a.sentenceIds) - Math.min(...b.sentenceIds));
}
