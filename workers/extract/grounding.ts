import type { Alignment, ExtractedObligation } from '../../schemas/obligation.ts';
import type { SentenceSpan } from '../../schemas/text.ts';
import { citationKey } from '../../services/ingest/segments/citation-key.ts';
import { listStructure, type ListRole } from '../../services/ingest/segments/enumerations.ts';
import { findNormalized } from './normalize-span.ts';

export interface GroundingSegment {
  citation: string;
  /** The segment's machine citation ("art:5/par:1"); recomputed from the citation when absent. */
  citationKey?: string | null;
  /** Sentence spans as document offsets; a sentence's id is its index. */
  sentences: SentenceSpan[];
}

export interface GroundedSpan {
  sentenceIds: number[];
  quote: string;
  quoteStart: number;
  quoteEnd: number;
  page: number;
  alignment: Alignment;
  /** The segment citation, with the list item's marker appended for an item ("Article 5(1)" + "(b)"). */
  citation: string;
  citationKey: string | null;
  /** Document offsets of the lead-in sentence of a list item (a second verbatim span), else null. */
  leadInStart: number | null;
  leadInEnd: number | null;
}

const rolesCache = new WeakMap<readonly SentenceSpan[], ListRole[]>();

/** List roles of a segment's sentences, computed once per segment. */
function rolesOf(segment: GroundingSegment, documentText: string): ListRole[] {
  let roles = rolesCache.get(segment.sentences);
  if (!roles) {
    roles = listStructure(documentText, segment.sentences);
    rolesCache.set(segment.sentences, roles);
  }
  return roles;
}

/**
 * An item marker as a citation suffix: "(b)", "b)", "b." → "(b)"; "1." → "(1)"; "（一）", "一、" →
 * "(一)"; dashes and bullets have no number to cite and add nothing.
 */
export function markerSuffix(marker: string | null): string {
  if (!marker) return '';
  const value = marker.replace(/^[\s(（]+|[\s)）.、．:-]+$/gu, '');
  return /[\p{L}\p{N}]/u.test(value) ? `(${value})` : '';
}

/** Citation of an item: the segment citation plus the item's marker, unless the citation already ends with it. */
function itemCitation(citation: string, marker: string | null): string {
  const suffix = markerSuffix(marker);
  if (!suffix || citation.endsWith(suffix)) return citation;
  return `${citation}${suffix}`;
}

/**
 * Grounding by construction: the quote is cut from the document text at the cited sentences'
 * offsets, so it is verbatim by definition. Out-of-range ids are dropped; an obligation left with
 * none is rejected (null) rather than stored ungrounded. An engine's optional `span` may narrow
 * the quote, but only to a place found inside the cited sentences; the quote is then still cut
 * from the document text, never copied from the engine.
 */
export function groundObligation(
  obligation: Pick<ExtractedObligation, 'sentenceIds'> & { span?: string | null; leadInSentenceId?: number | null },
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
  let start = first.start;
  let end = last.end;
  let alignment: Alignment = 'sentence';
  if (obligation.span?.trim()) {
    const found = alignSpan(documentText, ids.map((id) => segment.sentences[id]!), obligation.span);
    if (found) ({ start, end, alignment } = found);
    else alignment = 'fallback';
  }
  const quote = documentText.slice(start, end);
  if (!quote.trim()) return null;
  // The lead-in of a list item is a second verbatim span: the sentence the engine named, when it
  // is a real sentence of the segment before the item and not one of the cited ones.
  const leadId = obligation.leadInSentenceId;
  const lead = leadId != null && Number.isInteger(leadId) && leadId >= 0 && leadId < ids[0]! ? segment.sentences[leadId] : undefined;
  const role = rolesOf(segment, documentText)[ids[0]!];
  const isItem = role?.role === 'item' || (role?.role === 'lead-in' && role.leadIn !== null) || lead !== undefined;
  const citation = isItem ? itemCitation(segment.citation, role?.marker ?? null) : segment.citation;
  const key = citation === segment.citation && segment.citationKey !== undefined ? segment.citationKey : citationKey(citation) ?? segment.citationKey ?? null;
  return {
    sentenceIds: ids, quote, quoteStart: start, quoteEnd: end, page: pageAt(start), alignment,
    citation, citationKey: key, leadInStart: lead?.start ?? null, leadInEnd: lead?.end ?? null,
  };
}

/**
 * Finds `span` inside one of the cited sentences (or across the cited run when it spans several).
 * Returns document offsets on grapheme boundaries, so a quote never splits a surrogate pair, a
 * Devanagari conjunct or an emoji sequence.
 */
export function alignSpan(
  documentText: string, cited: readonly SentenceSpan[], span: string,
): { start: number; end: number; alignment: 'exact' | 'normalized' } | null {
  if (!cited.length) return null;
  const regions = [...cited.map((s) => ({ start: s.start, end: s.end })), { start: cited[0]!.start, end: cited[cited.length - 1]!.end }];
  for (const region of regions) {
    const found = findNormalized(documentText.slice(region.start, region.end), span);
    if (!found) continue;
    const start = region.start + found.start;
    const end = region.start + found.end;
    return { start, end, alignment: documentText.slice(start, end) === span ? 'exact' : 'normalized' };
  }
  return null;
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
