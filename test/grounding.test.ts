import { describe, expect, it } from 'vitest';
import { groundObligation, pageLocator } from '../workers/extract/grounding.ts';

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

  it('locates pages by offset', () => {
    const pageAt = pageLocator([{ n: 1, start: 0 }, { n: 2, start: 100 }, { n: 3, start: 250 }]);
    expect([0, 99, 100, 249, 250, 10_000].map(pageAt)).toEqual([1, 1, 2, 2, 3, 3]);
  });
});
