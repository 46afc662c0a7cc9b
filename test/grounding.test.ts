import { describe, expect, it } from 'vitest';
import { alignSpan, groundObligation, pageLocator } from '../workers/extract/grounding.ts';
import { findNormalized, normalizeForMatch } from '../workers/extract/normalize-span.ts';

const text = 'Intro. 運営者は報告しなければならない。The operator shall act 🚢 now. Last one.';
const spans = (...parts: string[]) => parts.map((p) => {
  const start = text.indexOf(p);
  return { start, end: start + p.length };
});
const segment = { citation: 'Article 1', sentences: spans('Intro.', '運営者は報告しなければならない。', 'The operator shall act 🚢 now.', 'Last one.') };

describe('grounding by construction', () => {
  it('cuts the quote from the document at the cited sentences', () => {
    const g = groundObligation({ sentenceIds: [2] }, segment, text, () => 1)!;
    expect(g.quote).toBe('The operator shall act 🚢 now.');
    expect([g.quoteStart, g.quoteEnd]).toEqual([text.indexOf('The operator'), text.indexOf(' Last one.')]);
  });

  it('spans several cited sentences and de-duplicates ids', () => {
    const g = groundObligation({ sentenceIds: [2, 1, 1] }, segment, text, () => 1)!;
    expect(g.sentenceIds).toEqual([1, 2]);
    expect(g.quote).toBe('運営者は報告しなければならない。The operator shall act 🚢 now.');
  });

  it('drops ids outside the segment and rejects an obligation with none left', () => {
    expect(groundObligation({ sentenceIds: [7, -1] }, segment, text, () => 1)).toBeNull();
    expect(groundObligation({ sentenceIds: [3, 9] }, segment, text, () => 1)?.sentenceIds).toEqual([3]);
  });

  it('takes the first and the last sentence of the segment, and nothing past it', () => {
    expect(groundObligation({ sentenceIds: [0] }, segment, text, () => 1)?.quote).toBe('Intro.');
    expect(groundObligation({ sentenceIds: [3] }, segment, text, () => 1)?.quote).toBe('Last one.');
    expect(groundObligation({ sentenceIds: [4] }, segment, text, () => 1)).toBeNull();
    expect(groundObligation({ sentenceIds: [0.5] }, segment, text, () => 1)).toBeNull();
  });

  it('rejects a quote that is only whitespace', () => {
    const blank = 'A.   B.';
    expect(groundObligation({ sentenceIds: [0] }, { citation: 'x', sentences: [{ start: 2, end: 5 }] }, blank, () => 1)).toBeNull();
  });

  it('aligns nothing without cited sentences', () => {
    expect(alignSpan(text, [], 'The operator')).toBeNull();
  });

  it('locates pages by offset', () => {
    expect(pageLocator([])(5)).toBe(1);
    const pageAt = pageLocator([{ n: 1, start: 0 }, { n: 2, start: 100 }, { n: 3, start: 250 }]);
    expect([0, 99, 100, 249, 250, 10_000].map(pageAt)).toEqual([1, 1, 2, 2, 3, 3]);
  });
});

describe('normalised matching', () => {
  it('collapses a CRLF (one grapheme) like any whitespace run', () => {
    expect(findNormalized('The operator shall\r\nnotify it.', 'shall notify')).toEqual({ start: 13, end: 26 });
  });

  it('folds compatibility ligatures into their letters', () => {
    expect(findNormalized('the ﬁne is due', 'the fine')).toEqual({ start: 0, end: 7 });
  });

  it('drops leading and trailing whitespace', () => {
    const n = normalizeForMatch('  Span \n');
    expect(n.text).toBe('span');
    expect(n.starts).toEqual([2, 3, 4, 5]);
    expect(n.ends).toEqual([3, 4, 5, 6]);
  });
});
