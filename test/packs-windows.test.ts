import { describe, expect, it } from 'vitest';
import type { ExtractedObligation } from '../schemas/obligation.ts';
import type { SegmentInput, TokenAccounting } from '../workers/extract/extractor.ts';
import { packInput, planPacks, shareTokens, unpackObligations } from '../workers/extract/packs.ts';
import { mergeBySentenceIds, planWindows } from '../workers/extract/windows.ts';

/** Boundaries of the pack and window planners, with the expected plans written out. */

const norm = (sentenceIds: number[], extra: Partial<ExtractedObligation> = {}): ExtractedObligation => ({
  sentenceIds, modality: 'obligation', subject: 's', action: 'a', object: null, condition: null, exceptions: null, deadline: null,
  penalty: null, crossReferences: [], subjectEn: 'the operator', actionEn: 'a', confidence: 0.5, span: null, ...extra,
});

/** One token per character of a sentence, and a sentence budget. */
const chars = (budget: number): TokenAccounting => ({
  promptTokens: (input) => input.sentences.join('').length, sentenceTokens: (s) => s.length, sentenceBudget: budget,
});

const input = (citation: string, sentences: string[], language: string | null = 'eng'): SegmentInput => ({
  citation, heading: `${citation} heading`, context: null, language, sentences,
});

describe('planPacks', () => {
  it('fills a pack up to the budget exactly, then starts the next', () => {
    expect(planPacks([3, 3, 4, 1], 10)).toEqual([[0, 1, 2], [3]]);
    expect(planPacks([3, 3, 5], 10)).toEqual([[0, 1], [2]]);
    expect(planPacks([10, 1], 10)).toEqual([[0], [1]]);
  });

  it('an item over the budget stays alone and closes the open pack', () => {
    expect(planPacks([2, 11, 2, 2], 10)).toEqual([[0], [1], [2, 3]]);
    expect(planPacks([11], 10)).toEqual([[0]]);
  });

  it('a budget of zero or less packs nothing', () => {
    expect(planPacks([1, 1, 1], 0)).toEqual([[0], [1], [2]]);
    expect(planPacks([1, 1], -5)).toEqual([[0], [1]]);
    expect(planPacks([], 10)).toEqual([]);
  });

  it('zero-cost items still pack, unless packing is off', () => {
    expect(planPacks([0, 0, 10], 10)).toEqual([[0, 1, 2]]);
    expect(planPacks([0, 0], 0)).toEqual([[0], [1]]);
  });
});

describe('packInput / unpackObligations', () => {
  const a = input('Article 1', ['A one.', 'A two.']);
  const b = input('Article 2', ['B one.']);
  const c = input('Article 3', ['C one.', 'C two.'], 'deu');

  it('returns a single input unchanged and refuses none', () => {
    expect(packInput([a])).toBe(a);
    expect(() => packInput([])).toThrow(/at least one/);
  });

  it('runs sentence ids on across segments and keeps each part', () => {
    const packed = packInput([a, b, c]);
    expect(packed.sentences).toEqual(['A one.', 'A two.', 'B one.', 'C one.', 'C two.']);
    expect(packed.citation).toBe('Article 1 … Article 3');
    expect(packed.heading).toBeNull();
    expect(packed.context).toBeNull();
    expect(packed.language).toBeNull();
    expect(packed.parts).toEqual([
      { citation: 'Article 1', heading: 'Article 1 heading', context: null, language: 'eng', firstSentence: 0 },
      { citation: 'Article 2', heading: 'Article 2 heading', context: null, language: 'eng', firstSentence: 2 },
      { citation: 'Article 3', heading: 'Article 3 heading', context: null, language: 'deu', firstSentence: 3 },
    ]);
    expect(packInput([a, b]).language).toBe('eng');
    expect(packInput([a, { ...b, context: 'Chapter I' }]).parts?.[1]?.context).toBe('Chapter I');
  });

  it('maps ids back per segment; a norm across a boundary stays with its first sentence', () => {
    const packed = packInput([a, b, c]);
    const out = unpackObligations([norm([4]), norm([1, 2]), norm([2]), norm([]), norm([3, 3, 0])], packed);
    expect(out.map((seg) => seg.map((o) => o.sentenceIds))).toEqual([[[1], [0]], [[0]], [[1]]]);
  });

  it('sorts and de-duplicates ids, and drops ids before the first segment', () => {
    const packed = packInput([a, b, c]);
    const out = unpackObligations([norm([4, 3, 4]), norm([-1]), norm([-1, 0])], packed);
    expect(out.map((seg) => seg.map((o) => o.sentenceIds))).toEqual([[], [], [[0, 1]]]);
  });

  it('an unpacked input gets everything back as one segment', () => {
    const all = [norm([0]), norm([5])];
    expect(unpackObligations(all, a)).toEqual([all]);
  });
});

describe('shareTokens', () => {
  it('splits in proportion by largest remainder and loses nothing', () => {
    expect(shareTokens(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(shareTokens(10, [1, 2, 2])).toEqual([2, 4, 4]);
    expect(shareTokens(7, [3, 1])).toEqual([5, 2]);
    expect(shareTokens(100, [1, 0, 3])).toEqual([25, 0, 75]);
  });

  it('all weight zero: the first segment carries the call; no segments: nothing', () => {
    expect(shareTokens(9, [0, 0])).toEqual([9, 0]);
    expect(shareTokens(9, [])).toEqual([]);
  });
});

describe('planWindows', () => {
  const s = ['aaaa', 'bbbb', 'cccc', 'dddd'];

  it('one window when there is no tokenizer, one sentence, or everything fits', () => {
    expect(planWindows(s, undefined)).toEqual([{ offset: 0, sentences: s }]);
    expect(planWindows(['x'.repeat(50)], chars(8))).toEqual([{ offset: 0, sentences: ['x'.repeat(50)] }]);
    expect(planWindows(s, chars(16))).toEqual([{ offset: 0, sentences: s }]);
  });

  it('cuts at sentence boundaries with one sentence of overlap', () => {
    expect(planWindows(s, chars(15))).toEqual([
      { offset: 0, sentences: ['aaaa', 'bbbb', 'cccc'] },
      { offset: 2, sentences: ['cccc', 'dddd'] },
    ]);
    expect(planWindows(s, chars(8))).toEqual([
      { offset: 0, sentences: ['aaaa', 'bbbb'] },
      { offset: 1, sentences: ['bbbb', 'cccc'] },
      { offset: 2, sentences: ['cccc', 'dddd'] },
    ]);
  });

  it('a sentence over the budget gets a window of its own and the plan still advances', () => {
    expect(planWindows(['x'.repeat(20), 'y', 'z'], chars(8))).toEqual([
      { offset: 0, sentences: ['x'.repeat(20)] },
      { offset: 1, sentences: ['y', 'z'] },
    ]);
    expect(planWindows(['aaaa', 'x'.repeat(20), 'b'], chars(4))).toEqual([
      { offset: 0, sentences: ['aaaa'] },
      { offset: 1, sentences: ['x'.repeat(20)] },
      { offset: 2, sentences: ['b'] },
    ]);
  });
});

describe('mergeBySentenceIds', () => {
  it('keeps the first of equally confident readings, keys ids as a list, orders by the first id', () => {
    const merged = mergeBySentenceIds([
      norm([0, 5], { subject: 'first' }), norm([5, 0], { subject: 'second' }), norm([2]), norm([1, 12]), norm([112]),
    ]);
    expect(merged.map((o) => [o.sentenceIds, o.subject])).toEqual([
      [[0, 5], 'first'], [[1, 12], 's'], [[2], 's'], [[112], 's'],
    ]);
  });

  it('keeps the more confident reading of the same norm and orders by first sentence', () => {
    const merged = mergeBySentenceIds([
      norm([3], { confidence: 0.4 }), norm([1, 2], { confidence: 0.6 }), norm([2, 1], { confidence: 0.9 }),
      norm([3], { confidence: 0.3 }), norm([3], { modality: 'prohibition' }), norm([3], { subjectEn: ' The Operator ', confidence: 0.2 }),
      norm([0], { subjectEn: 'the authority' }),
    ]);
    expect(merged.map((o) => [o.modality, o.sentenceIds, o.confidence])).toEqual([
      ['obligation', [0], 0.5], ['obligation', [2, 1], 0.9], ['obligation', [3], 0.4], ['prohibition', [3], 0.5],
    ]);
  });
});
