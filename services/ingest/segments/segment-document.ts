import type { LanguageGuess, SegmentKind, SentenceSpan, TextSegment } from '../../../schemas/text.ts';
import { toBcp47 } from '../language/codes.ts';
import { countLetters, languageOfPart } from '../language/detect-language.ts';
import { citationKey } from './citation-key.ts';
import { parseListMarker } from './enumerations.ts';
import { parseHeading, type Heading, type HeadingKind } from './headings.ts';
import {
  adoptedLine, DEFINITIONS_TITLE, footnoteRegions, frontMatterRegions, signatureRegions, tableRegions, type KindRegion,
} from './kinds.ts';
import { splitSentences } from './sentences.ts';
import { hardSplit, paragraphSpans, trimSpan, type Span } from './spans.ts';
import { tocRegions } from './toc.ts';

export interface PageOffsets {
  start: number;
  end: number;
}

/** Paragraphs shorter than this join the next one (numbering lines, short headings, "1."). */
const TINY_PARAGRAPH = 120;
/** Paragraph-mode segments above this are split at sentence boundaries. */
const MAX_PARAGRAPH_SEGMENT = 4000;
/** An article is kept whole up to this size (GDPR's longest is ~9k); beyond it, split in parts. */
export const MAX_HEADING_SEGMENT = 12000;
/** Longest line that still reads as a heading's title rather than text. */
const TITLE_LINE_MAX = 120;
/** A trailing tiny paragraph with fewer letters than this joins the previous segment. */
const MIN_LETTERS_ALONE = 40;

interface LocatedHeading extends Heading {
  /** Absolute offsets: line start, heading text start/end, body start. */
  lineStart: number;
  lineEnd: number;
  absStart: number;
  absBodyStart: number;
}

interface Unit {
  kind: SegmentKind;
  span: Span;
  bodyStart: number;
  citation: string;
  /** Set where the citation is not a heading path (recitals: "rec:22"). */
  citationKey?: string | null;
  heading: string | null;
  /** A letterless piece waiting to join the next piece of its unit (overlay). */
  pendingMerge?: boolean;
}

/**
 * Cut the document into segments for extraction. Where the text has article-level headings
 * (articles, or sections when those are the finer unit), each one opens a segment and chapters,
 * parts and the coarser unit only contribute to the citation path. Text outside such units, or
 * the whole text when there are none, is segmented by paragraphs.
 *
 * Every segment gets a kind (kinds.ts, toc.ts): the front matter of an act is its preamble, with
 * each numbered recital its own segment ("Recital 22"); tables of contents, signature blocks,
 * Official Journal footnotes and plain-text tables are cut out of whatever unit holds them; text
 * under an annex heading is 'annex' and cited "ANNEX III"; an article titled "Definitions" is
 * 'definition' as a whole (decision: its sentences define terms and state no duty, so the engines
 * treat it as non-normative context; an article that mixes both keeps 'article').
 */
export function segmentDocument(text: string, pageOffsets: readonly PageOffsets[], language: LanguageGuess): TextSegment[] {
  const located = locateHeadings(text);
  const toc = tocRegions(text, located);
  let headings = located.filter((h) => !toc.some((r) => h.lineStart >= r.start && h.lineStart < r.end));
  // "HAVE ADOPTED THIS REGULATION:" ends the preamble; a "heading" before it is a recital's wrapped line.
  const adopted = headings.length > 0 ? adoptedLine(text, headings.at(-1)!.lineStart) : null;
  if (adopted) headings = headings.filter((h) => h.lineStart > adopted.end);
  const leafKind = chooseLeafKind(headings);
  const units = leafKind
    ? unitsByHeadings(text, headings, leafKind)
    : flowUnits(text, { start: 0, end: text.length }, '', null, headings);
  const frontEnd = adopted ? adopted.end : leafKind ? (headings[0]?.lineStart ?? 0) : 0;
  const docLanguage = language.code === 'und' ? null : language.code;

  const firstLeaf = headings.find((h) => h.kind === leafKind)?.lineStart ?? frontEnd;
  const whole = { start: 0, end: text.length };
  const overlays: KindRegion[] = [
    ...(frontEnd > 0 ? frontMatterRegions(text, { start: 0, end: frontEnd }) : []),
    ...toc,
    ...signatureRegions(text, Math.max(frontEnd, firstLeaf), headings.map((h) => h.lineStart)),
    ...tableRegions(text, whole),
    ...footnoteRegions(text, whole),
  ];
  const final = overlays.reduce((acc, region) => overlay(text, acc, region), units);

  return final.map((unit, ordinal): TextSegment => {
    const bodyText = text.slice(unit.bodyStart, unit.span.end);
    const segLanguage = languageOfPart(bodyText, docLanguage);
    return {
      ordinal,
      citation: unit.citation,
      citationKey: unit.citationKey !== undefined ? unit.citationKey : citationKey(unit.citation),
      kind: unit.kind,
      heading: unit.heading,
      start: unit.span.start,
      end: unit.span.end,
      pageStart: pageAt(pageOffsets, unit.span.start, 'start'),
      pageEnd: pageAt(pageOffsets, unit.span.end - 1, 'end'),
      language: segLanguage,
      // Sentence rules follow the segment's own language (abbreviations, CJK punctuation).
      sentences: sentencesOf(text, unit.bodyStart, unit.span.end, segLanguage ? toBcp47(segLanguage) : language.bcp47),
    };
  });
}

/**
 * Lay a kind region over the units: the parts of units inside it take its kind (and citation,
 * when it has one); the parts outside keep theirs. Letterless leftovers ("(1)", a page number)
 * stay with the neighbouring part of the same unit, so no text is dropped that was kept before.
 */
function overlay(text: string, units: readonly Unit[], region: KindRegion): Unit[] {
  const out: Unit[] = [];
  for (const unit of units) {
    const { start, end } = unit.span;
    if (region.end <= start || region.start >= end) {
      out.push(unit);
      continue;
    }
    const cuts = [start, Math.max(start, region.start), Math.min(end, region.end), end];
    const pieces: Unit[] = [];
    for (let k = 0; k < 3; k++) {
      const span = trimSpan(text, { start: cuts[k]!, end: cuts[k + 1]! });
      if (!span) continue;
      const inside = k === 1;
      let piece: Unit = {
        ...unit,
        span,
        bodyStart: Math.min(Math.max(unit.bodyStart, span.start), span.end),
        ...(inside ? { kind: region.kind } : {}),
        ...(inside && region.citation !== undefined ? { citation: region.citation, citationKey: region.citationKey ?? null, heading: null } : {}),
      };
      const last = pieces.at(-1);
      if (countLetters(text.slice(span.start, span.end)) === 0) {
        if (last) last.span = { start: last.span.start, end: span.end };
        else pieces.push({ ...unit, span, pendingMerge: true });
        continue;
      }
      if (last?.pendingMerge) {
        pieces.pop();
        piece = { ...piece, span: { start: last.span.start, end: span.end } };
      }
      piece.bodyStart = skipSpace(text, Math.min(Math.max(piece.bodyStart, piece.span.start), piece.span.end), piece.span.end);
      pieces.push(piece);
    }
    for (const p of pieces) {
      delete p.pendingMerge;
      out.push(p);
    }
  }
  return out;
}

function locateHeadings(text: string): LocatedHeading[] {
  const out: LocatedHeading[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl < 0 ? text.length : nl;
    const h = parseHeading(text.slice(lineStart, lineEnd));
    if (h) {
      out.push({
        ...h,
        lineStart,
        lineEnd,
        absStart: lineStart + h.start,
        absBodyStart: h.bodyStart === null ? lineEnd : lineStart + h.bodyStart,
      });
    }
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  return out;
}

/**
 * The unit that opens segments: articles, unless sections outnumber them (contracts number
 * "Section 5.1" inside "Article 5"; EU acts put "Article 12" inside "Section 1"). One stray
 * match is not structure, so at least two are needed.
 */
function chooseLeafKind(headings: readonly LocatedHeading[]): HeadingKind | null {
  const articles = headings.filter((h) => h.kind === 'article').length;
  const sections = headings.filter((h) => h.kind === 'section').length;
  if (articles >= 2 && articles >= sections) return 'article';
  if (sections >= 2) return 'section';
  return null;
}

/**
 * The citation path is a stack of open containers. A new heading closes every container from
 * the last one of its own kind onwards; that works without knowing whether a language's
 * "Раздел" sits above or below its "Глава", because each document is consistent with itself.
 */
class CitationPath {
  private stack: LocatedHeading[] = [];

  open(h: LocatedHeading): void {
    // An annex, and the supplementary provisions (附則) of CJK statutes, stand outside the enacting
    // terms' parts and chapters.
    if (h.kind === 'annex' || /^附/u.test(h.label)) this.stack = [];
    this.close(h.kind);
    this.stack.push(h);
  }

  inAnnex(): boolean {
    return this.stack.some((h) => h.kind === 'annex');
  }

  close(kind: HeadingKind): void {
    const i = this.stack.findIndex((e) => e.kind === kind);
    if (i >= 0) this.stack = this.stack.slice(0, i);
  }

  cite(leaf?: LocatedHeading): string {
    return [...this.stack, ...(leaf ? [leaf] : [])].map((h) => h.label).join(' > ');
  }
}

function unitsByHeadings(text: string, headings: readonly LocatedHeading[], leafKind: HeadingKind): Unit[] {
  const units: Unit[] = [];
  const path = new CitationPath();
  // A heading's segment starts at its text (or caption); the previous one ends at its line
  // start, so markdown markers ("## ") between the two belong to neither.
  const starts = headings.map((h, i) => captionStart(text, h, headings[i - 1]));
  const boundaries = headings.map((h, i) => Math.min(h.lineStart, starts[i]!));
  units.push(...flowUnits(text, { start: 0, end: boundaries[0] ?? text.length }, '', null, []));

  headings.forEach((h, i) => {
    const region = { start: starts[i]!, end: boundaries[i + 1] ?? text.length };
    if (h.kind === leafKind) {
      path.close(h.kind);
      const leaf = leafUnits(text, region, h, path.cite(h));
      units.push(...(path.inAnnex() ? leaf.map((u) => ({ ...u, kind: 'annex' as const })) : leaf));
    } else {
      path.open(h);
      const flow = flowUnits(text, region, path.cite(), h, []);
      units.push(...(path.inAnnex() ? flow.map((u) => ({ ...u, kind: 'annex' as const })) : flow));
    }
  });
  return units;
}

/**
 * Japanese statutes put an article's caption on the line before it: "（目的）\n第一条 …".
 * That line belongs to the article, not to the end of the previous one.
 */
function captionStart(text: string, h: LocatedHeading, prev: LocatedHeading | undefined): number {
  const before = text.slice(0, h.lineStart).replace(/\n$/, '');
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.slice(lineStart);
  const isCaption = /^\s*[（(][^（）()\n]{1,40}[）)]\s*$/u.test(line);
  if (!isCaption || h.bodyStart === null || (prev && prev.lineEnd >= lineStart)) return h.absStart;
  return lineStart + (line.length - line.trimStart().length);
}

/** A leaf heading's segment; very long ones are cut into parts that share citation and heading. */
function leafUnits(text: string, region: Span, h: LocatedHeading, citation: string): Unit[] {
  const span = trimSpan(text, region);
  if (!span) return [];
  let bodyStart = Math.min(Math.max(h.absBodyStart, span.start), span.end);
  // "Article 5\nPrinciples relating to processing\n1. Personal data shall be:": the title line
  // belongs to the heading, not to the article's sentences.
  const title = h.bodyStart === null && !h.title ? titleLineAfter(text, bodyStart, span.end) : null;
  if (title) bodyStart = title.end;
  // A heading with nothing under it (a scraped duplicate, "Article 5" right before "CHAPTER II")
  // has nothing to extract; an empty segment would only add noise.
  if (countLetters(text.slice(bodyStart, span.end)) === 0) return [];
  const titleText = h.title ?? title?.text ?? null;
  const kind: SegmentKind = titleText && DEFINITIONS_TITLE.test(titleText.trim()) ? 'definition' : 'article';
  const heading = title ? `${h.text} ${title.text}` : h.text;
  const parts = splitLong(text, span, MAX_HEADING_SEGMENT, 'blocks');
  return parts.map((part, i): Unit => ({
    kind,
    span: part,
    bodyStart: i === 0 ? skipSpace(text, Math.max(bodyStart, part.start), part.end) : part.start,
    citation,
    heading,
  }));
}

/** The line right after a heading when it is a title: short, not a sentence, not a list item. */
function titleLineAfter(text: string, from: number, to: number): { text: string; end: number } | null {
  const start = skipSpace(text, from, to);
  const nl = text.indexOf('\n', start);
  const end = nl < 0 || nl > to ? to : nl;
  const line = text.slice(start, end).trim();
  if (!line || end >= to || line.length > TITLE_LINE_MAX || /[.!?;:。！？；：।॥؟۔؛]$/u.test(line)) return null;
  if (parseListMarker(line) || parseHeading(line) || !/\p{L}/u.test(line)) return null;
  return { text: line, end };
}

/**
 * Paragraph segments for running text under one citation path. `heading` is the container
 * heading that opened this region (its line is kept in the first segment); headings inside the
 * region only extend the path.
 */
function flowUnits(text: string, region: Span, citation: string, heading: LocatedHeading | null, inner: readonly LocatedHeading[]): Unit[] {
  const units: Unit[] = [];
  const path = new CitationPath();
  let cite = citation;
  let opener = heading;
  let cursor = region.start;

  const flush = (end: number): void => {
    const r = { start: cursor, end };
    const bodyFrom = opener ? Math.max(opener.absBodyStart, r.start) : r.start;
    const body = text.slice(bodyFrom, end);
    // "Chapter I\nGeneral provisions": the chapter's title line is part of its heading.
    if (bodyFrom < end && countLetters(body) > 0 && !(opener && isTitleOnly(body))) {
      const kind: SegmentKind = path.inAnnex() ? 'annex' : 'other';
      units.push(...paragraphUnits(text, r, bodyFrom, cite, opener?.text ?? null).map((u) => ({ ...u, kind })));
    }
  };

  for (const h of inner.filter((x) => x.lineStart >= region.start && x.lineStart < region.end)) {
    flush(h.lineStart);
    path.open(h);
    cite = [citation, path.cite()].filter(Boolean).join(' > ');
    opener = h;
    cursor = h.absStart;
  }
  flush(region.end);
  return units;
}

/** At most two short lines, none ending like a sentence: a heading's title, not content. */
function isTitleOnly(body: string): boolean {
  const lines = body.trim().split('\n').map((l) => l.trim()).filter(Boolean);
  // Sentence ends include the Devanagari danda (।, ॥) and Arabic-script marks (؟ ۔ ؛): without them
  // a one-sentence Hindi or Urdu article body counted as a title and was dropped.
  return lines.length <= 2 && lines.every((l) => l.length <= TITLE_LINE_MAX && !/[.!?;:。！？；：।॥؟۔؛]$/u.test(l));
}

function paragraphUnits(text: string, region: Span, bodyFrom: number, citation: string, heading: string | null): Unit[] {
  const groups = mergeTiny(text, paragraphSpans(text, region));
  return groups.flatMap((g, gi) =>
    splitLong(text, g, MAX_PARAGRAPH_SEGMENT, 'sentences').map((part, pi): Unit => ({
      kind: 'other',
      span: part,
      bodyStart: gi === 0 && pi === 0 ? skipSpace(text, Math.max(bodyFrom, part.start), part.end) : part.start,
      citation,
      heading,
    })),
  );
}

/** Join each tiny paragraph to the one after it (or, at the end, to the one before). */
function mergeTiny(text: string, paragraphs: readonly Span[]): Span[] {
  const out: Span[] = [];
  let open: Span | null = null;
  for (const p of paragraphs) {
    open = open ? { start: open.start, end: p.end } : { ...p };
    if (open.end - open.start >= TINY_PARAGRAPH) {
      out.push(open);
      open = null;
    }
  }
  if (open) {
    const last = out.at(-1);
    if (last && countLetters(text.slice(open.start, open.end)) < MIN_LETTERS_ALONE) last.end = open.end;
    else out.push(open);
  }
  return out;
}

/**
 * Cut a span longer than `max` into consecutive parts no longer than `max`, at blank lines
 * ('blocks') or sentence ends ('sentences'), falling back to line breaks, then whitespace.
 */
export function splitLong(text: string, span: Span, max: number, prefer: 'blocks' | 'sentences'): Span[] {
  if (span.end - span.start <= max) return [span];
  const pieces =
    prefer === 'blocks'
      ? paragraphSpans(text, span)
      : splitSentences(text.slice(span.start, span.end)).map((s) => ({ start: s.start + span.start, end: s.end + span.start }));
  const out: Span[] = [];
  let open: Span | null = null;
  for (const piece of pieces) {
    if (piece.end - piece.start > max) {
      if (open) out.push(open);
      open = null;
      const finer = prefer === 'blocks' ? splitLong(text, piece, max, 'sentences') : hardSplit(text, piece, max);
      out.push(...finer);
      continue;
    }
    if (open && piece.end - open.start > max) {
      out.push(open);
      open = null;
    }
    open = open ? { start: open.start, end: piece.end } : { ...piece };
  }
  if (open) out.push(open);
  return out;
}

export function sentencesOf(text: string, from: number, to: number, locale: string): SentenceSpan[] {
  if (from >= to) return [];
  return splitSentences(text.slice(from, to), locale).map((s) => ({ start: s.start + from, end: s.end + from }));
}

export function skipSpace(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && /\s/u.test(text[i]!)) i++;
  return i;
}

/** 1-based page holding `offset`; an offset between pages goes to the next page for a start. */
export function pageAt(pages: readonly PageOffsets[], offset: number, side: 'start' | 'end'): number {
  if (pages.length === 0) return 1;
  let lo = 0;
  let hi = pages.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pages[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  const page = pages[lo]!;
  if (side === 'end' && offset < page.start && lo > 0) return lo;
  return lo + 1;
}
