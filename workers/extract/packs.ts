import type { ExtractedObligation } from '../../schemas/obligation.ts';
import type { SegmentInput, SegmentPart } from './extractor.ts';

/**
 * Groups consecutive items into packs whose costs (segment text tokens, counted with the model's
 * tokenizer) sum to at most `budget`, keeping document order. An item over the budget is never
 * packed: it stays alone and goes through the window planner. A budget of 0 disables packing.
 * Returns item indexes per pack.
 */
export function planPacks(costs: readonly number[], budget: number): number[][] {
  const packs: number[][] = [];
  let current: number[] = [];
  let sum = 0;
  for (let i = 0; i < costs.length; i++) {
    const cost = costs[i]!;
    if (budget <= 0 || cost > budget) {
      if (current.length) packs.push(current);
      packs.push([i]);
      current = [];
      sum = 0;
      continue;
    }
    if (current.length && sum + cost > budget) {
      packs.push(current);
      current = [];
      sum = 0;
    }
    current.push(i);
    sum += cost;
  }
  if (current.length) packs.push(current);
  return packs;
}

/**
 * One engine input for several segments: sentences concatenated (ids run on across segments) and
 * each segment's own citation, heading and language kept in `parts`. A single input is returned
 * unchanged, so an unpacked segment sees exactly the prompt it always had.
 */
export function packInput(inputs: readonly SegmentInput[]): SegmentInput {
  if (inputs.length === 1) return inputs[0]!;
  if (!inputs.length) throw new Error('packInput needs at least one segment');
  const parts: SegmentPart[] = [];
  const sentences: string[] = [];
  for (const input of inputs) {
    parts.push({ citation: input.citation, heading: input.heading, context: input.context ?? null, language: input.language, firstSentence: sentences.length });
    sentences.push(...input.sentences);
  }
  const languages = new Set(inputs.map((i) => i.language));
  return {
    // Only for messages about the call (errors); the model reads each part's own citation.
    citation: `${inputs[0]!.citation} … ${inputs.at(-1)!.citation}`,
    heading: null,
    context: null,
    language: languages.size === 1 ? inputs[0]!.language : null,
    sentences,
    parts,
  };
}

/**
 * Maps a packed answer back to its segments, with segment-relative sentence ids. An obligation
 * whose ids reach into a later segment is assigned to the segment of its first sentence and keeps
 * only that segment's ids: a norm is stated under one provision and stored with one citation, so
 * splitting it would store the same norm twice under two citations, and the ids beyond the
 * boundary are most likely the model reading the next article as a continuation.
 */
export function unpackObligations(obligations: readonly ExtractedObligation[], packed: SegmentInput): ExtractedObligation[][] {
  const parts = packed.parts && packed.parts.length > 1 ? packed.parts : null;
  if (!parts) return [[...obligations]];
  const out: ExtractedObligation[][] = parts.map(() => []);
  const endOf = (k: number) => parts[k + 1]?.firstSentence ?? packed.sentences.length;
  for (const o of obligations) {
    if (!o.sentenceIds.length) continue;
    const first = Math.min(...o.sentenceIds);
    const k = parts.findLastIndex((p) => p.firstSentence <= first);
    if (k < 0) continue;
    const start = parts[k]!.firstSentence;
    const ids = [...new Set(o.sentenceIds)].filter((id) => id >= start && id < endOf(k)).sort((a, b) => a - b).map((id) => id - start);
    out[k]!.push({ ...o, sentenceIds: ids });
  }
  return out;
}

/**
 * Splits a pack's token count over its segments in proportion to their weights (their text
 * tokens), by largest remainder, so the per-segment rows add up to what the call really cost.
 */
export function shareTokens(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!weights.length) return [];
  if (sum <= 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const exact = weights.map((w) => (total * w) / sum);
  const shares = exact.map(Math.floor);
  let left = total - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    shares[i]! += 1;
    left -= 1;
  }
  return shares;
}
