import type { ExtractedObligation } from '../../schemas/obligation.ts';
import type { SentenceSpan } from '../../schemas/text.ts';

export interface GroundingSegment {
  citation: string;
  /** Sentence spans as document offsets; a sentence's id is its index. */
  sentences: SentenceSpan[];
}

export interface GroundedSpan {
  sentenceIds: number[];
  quote: string;
  quoteStart: number;
  quoteEnd: number;
  page: number;
}

/**
 * Grounding by construction: the quote is cut from the document text at the cited sentences'
 * offsets, so it is verbatim by definition. Out-of-range ids are dropped; an obligation left with
 * none is rejected (null) rather than stored ungrounded.
 */
export function groundObligation(
  obligation: Pick<ExtractedObligation, 'sentenceIds'>,
  segment: GroundingSegment,
  documentText: string,
  pageAt: (offset: number) => number,
): GroundedSpan | null {
  const ids = [...new Set(obligation.sentenceIds)]
    .filter((id) => Number.isInteger(id) && id >= 0 && id < segment.sentences.length)
    .sort((a, b) => a - b);
  if (!ids.length) return null;
  const first = segment.sentences[ids[0]!]!;
  const last = segment.sentences[ids[ids.length - 1]!]!;
  const quote = documentText.slice(first.start, last.end);
  if (!quote.trim()) return null;
  return { sentenceIds: ids, quote, quoteStart: first.start, quoteEnd: last.end, page: pageAt(first.start) };
}

/** Page lookup over page start offsets (ascending), by binary search. */
export function pageLocator(pages: { n: number; start: number }[]): (offset: number) => number {
  return (offset) => {
    let lo = 0;
    let hi = pages.length - 1;
    let found = pages[0]?.n ?? 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const page = pages[mid]!;
      if (page.start <= offset) {
        found = page.n;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  };
}
