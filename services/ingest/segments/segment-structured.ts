import type { LanguageGuess, TextSegment } from '../../../schemas/text.ts';
import type { StructureUnit } from '../formats/types.ts';
import { toBcp47 } from '../language/codes.ts';
import { languageOfPart } from '../language/detect-language.ts';
import { MAX_HEADING_SEGMENT, pageAt, sentencesOf, skipSpace, splitLong, type PageOffsets } from './segment-document.ts';
import { trimSpan, type Span } from './spans.ts';

/**
 * Segments from the units a markup reader found (formats/): the markup states kind, citation
 * and key, so nothing here is guessed. Each unit becomes one segment; a unit longer than an
 * article segment may be (a long annex) is cut at blank lines, then sentence ends, into parts
 * that share its citation. Language and sentences are per segment, as in segmentDocument.
 */
export function segmentStructured(
  text: string,
  units: readonly StructureUnit[],
  pageOffsets: readonly PageOffsets[],
  language: LanguageGuess,
  headings: readonly Span[] = [],
): TextSegment[] {
  const docLanguage = language.code === 'und' ? null : language.code;
  const out: TextSegment[] = [];
  for (const unit of withGaps(text, units, headings)) {
    const parts = splitLines(text, { start: unit.start, end: unit.end }, MAX_HEADING_SEGMENT);
    parts.forEach((span, i) => {
      const bodyStart = i === 0 ? skipSpace(text, Math.min(Math.max(unit.bodyStart, span.start), span.end), span.end) : span.start;
      const segLanguage = languageOfPart(text.slice(bodyStart, span.end), docLanguage);
      out.push({
        ordinal: out.length,
        citation: unit.citation,
        citationKey: unit.citationKey,
        kind: unit.kind,
        heading: unit.heading,
        start: span.start,
        end: span.end,
        pageStart: pageAt(pageOffsets, span.start, 'start'),
        pageEnd: pageAt(pageOffsets, span.end - 1, 'end'),
        language: segLanguage,
        sentences: sentencesOf(text, bodyStart, span.end, segLanguage ? toBcp47(segLanguage) : language.bcp47),
      });
    });
  }
  return out;
}

/**
 * Text the markup put in no unit and no container heading (an AKN body of tables without
 * articles, text between a chapter heading and its first article) still has to reach
 * extraction: it becomes 'other' units, cited to nothing rather than to a guess.
 */
function withGaps(text: string, units: readonly StructureUnit[], headings: readonly Span[]): StructureUnit[] {
  const out: StructureUnit[] = [];
  const covered = [...units.map((u) => ({ start: u.start, end: u.end })), ...headings].sort((a, b) => a.start - b.start);
  let cursor = 0;
  const gap = (end: number): void => {
    const span = trimSpan(text, { start: cursor, end });
    if (span && /[\p{L}\p{N}]/u.test(text.slice(span.start, span.end))) {
      out.push({ kind: 'other', citation: '', citationKey: null, heading: null, start: span.start, end: span.end, bodyStart: span.start });
    }
  };
  for (const c of covered) {
    if (c.start > cursor) gap(c.start);
    cursor = Math.max(cursor, c.end);
  }
  gap(text.length);
  return [...units, ...out].sort((a, b) => a.start - b.start);
}

/**
 * Cut a long unit at line ends (every line of a reader's text is a block of the markup),
 * greedily up to `max`; a single longer line goes to splitLong's sentence cutting. (Cutting at
 * blank lines first, as splitLong does, finds none inside a unit and hands a 150k-character
 * annex to the sentence splitter in one piece.)
 */
function splitLines(text: string, span: Span, max: number): Span[] {
  if (span.end - span.start <= max) return [span];
  const out: Span[] = [];
  let open: Span | null = null;
  let from = span.start;
  while (from < span.end) {
    const nl = text.indexOf('\n', from);
    const lineEnd = nl < 0 || nl > span.end ? span.end : nl;
    const line = trimSpan(text, { start: from, end: lineEnd });
    from = lineEnd + 1;
    if (!line) continue;
    if (line.end - line.start > max) {
      if (open) out.push(open);
      open = null;
      out.push(...splitLong(text, line, max, 'sentences'));
      continue;
    }
    if (open && line.end - open.start > max) {
      out.push(open);
      open = null;
    }
    open = open ? { start: open.start, end: line.end } : line;
  }
  if (open) out.push(open);
  return out;
}
