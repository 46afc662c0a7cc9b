import type { LanguageGuess, TextSegment } from '../../../schemas/text.ts';
import type { StructureUnit } from '../formats/types.ts';
import { toBcp47 } from '../language/codes.ts';
import { languageOfPart } from '../language/detect-language.ts';
import { MAX_HEADING_SEGMENT, pageAt, segmentDocument, sentencesOf, skipSpace, splitLong, type PageOffsets } from './segment-document.ts';
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
  const push = (seg: Omit<TextSegment, 'ordinal'>): void => {
    out.push({ ...seg, ordinal: out.length });
  };
  for (const item of withGaps(text, units, headings)) {
    if ('gap' in item) {
      // Text no unit claims: the plain-text segmenter reads it (headings, paragraphs, kinds).
      const slice = text.slice(item.gap.start, item.gap.end);
      for (const seg of segmentDocument(slice, [{ start: 0, end: slice.length }], language)) {
        const shift = item.gap.start;
        push({
          ...seg,
          start: seg.start + shift,
          end: seg.end + shift,
          pageStart: pageAt(pageOffsets, seg.start + shift, 'start'),
          pageEnd: pageAt(pageOffsets, seg.end + shift - 1, 'end'),
          sentences: seg.sentences.map((t) => ({ start: t.start + shift, end: t.end + shift })),
        });
      }
      continue;
    }
    const unit = item;
    const parts = splitLines(text, { start: unit.start, end: unit.end }, MAX_HEADING_SEGMENT);
    parts.forEach((span, i) => {
      const bodyStart = i === 0 ? skipSpace(text, Math.min(Math.max(unit.bodyStart, span.start), span.end), span.end) : span.start;
      const segLanguage = languageOfPart(text.slice(bodyStart, span.end), docLanguage);
      push({
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
 * Text the markup put in no unit and no container heading (a DOCX or plain HTML page whose only
 * units are footnotes, an AKN body of tables without articles) still has to reach extraction:
 * such gaps go to the plain-text segmenter rather than being cited to a guess.
 */
function withGaps(text: string, units: readonly StructureUnit[], headings: readonly Span[]): Array<StructureUnit | { gap: Span }> {
  const out: Array<StructureUnit | { gap: Span }> = [];
  const covered = [...units.map((u) => ({ start: u.start, end: u.end })), ...headings].sort((a, b) => a.start - b.start);
  let cursor = 0;
  const gap = (end: number): void => {
    const span = trimSpan(text, { start: cursor, end });
    if (span && /[\p{L}\p{N}]/u.test(text.slice(span.start, span.end))) out.push({ gap: span });
  };
  let u = 0;
  for (const c of covered) {
    if (c.start > cursor) gap(c.start);
    while (u < units.length && units[u]!.start <= c.start) out.push(units[u++]!);
    cursor = Math.max(cursor, c.end);
  }
  gap(text.length);
  while (u < units.length) out.push(units[u++]!);
  return out.sort((a, b) => ('gap' in a ? a.gap.start : a.start) - ('gap' in b ? b.gap.start : b.start));
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
