import { parseListMarker } from '../segments/enumerations.ts';
import { parseHeading } from '../segments/headings.ts';
import { isFootnoteLine } from '../segments/kinds.ts';

/**
 * Pure text normalisation between extraction and segmentation. Every function maps string to
 * string (or pages to pages) so the document text that offsets point into is produced once, here.
 */

/** LRM, RLM, ALM, embeddings/overrides and isolates: extraction artefacts that break matching. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** Arabic Presentation Forms-A (U+FB50–FDFF) and -B (U+FE70–FEFE); U+FEFF is the BOM, handled apart. */
const ARABIC_PRESENTATION_FORMS = /[\uFB50-\uFDFF\uFE70-\uFEFE]+/g;
const BOM = /\uFEFF/g;

/** Unify line endings: CRLF, CR, Unicode line/paragraph separators and form feeds become LF. */
export function normalizeLineEndings(text: string): string {
  return text.replace(/\r\n?|[\u2028\u2029\f\v\u0085]/g, '\n');
}

export function removeBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/**
 * PDFs often carry Arabic as positional glyph forms (ﻻ, ﺍﻟ…) rather than letters; NFKC maps them
 * back. Only those ranges get NFKC: applied to everything it would also rewrite full-width
 * digits, superscripts, ligatures such as "ﬁ" and the like, which quotes must keep verbatim.
 */
export function foldArabicPresentationForms(text: string): string {
  return text.replace(ARABIC_PRESENTATION_FORMS, (run) => run.normalize('NFKC'));
}

/** Strip trailing spaces/tabs on each line and drop the BOM/zero-width no-break space. */
export function trimLineEnds(text: string): string {
  return text.replace(BOM, '').replace(/[ \t\u3000]+$/gm, '');
}

/**
 * Join words split by a line-end hyphen: "obliga-\ntion" → "obligation". Restricted to Latin
 * letters before and a lowercase letter after, so "Anglo-\nSaxon" and "COVID-\n19" stay. A
 * genuine compound broken at its hyphen ("self-\nassessment") is joined too: without a
 * dictionary the two cannot be told apart, and the joined form is the more common intent.
 * Soft hyphens (U+00AD) are removed everywhere: they never show, so quotes would not match.
 */
export function dehyphenate(text: string): string {
  return text
    .replace(/(\p{Script=Latin}{2,})[-\u2010][ \t]*\n[ \t]*(?=\p{Script=Latin})(\p{Ll})/gu, '$1$2')
    // A soft hyphen is invisible by definition: at a line end it always joins, elsewhere it goes.
    .replace(/(\p{L})\u00AD[ \t]*\n[ \t]*(\p{L})/gu, '$1$2')
    .replace(/\u00AD/g, '');
}

/** At most one blank line in a row: paragraph breaks survive, layout padding does not. */
export function collapseBlankLines(text: string): string {
  return text.replace(/\n{3,}/g, '\n\n');
}

/** Character-level clean-up of one page (or a whole plain-text file). */
/**
 * Thai SARA AM (ำ) typed or OCRed as NIKHAHIT + SARA AA (ํา): the same glyph, but only
 * compatibility-equivalent, so NFC leaves it and search and matching miss the word.
 */
export function composeThaiSaraAm(text: string): string {
  return text.replace(/\u0E4D\u0E32/g, '\u0E33');
}

export function normalizeCharacters(text: string): string {
  const folded = composeThaiSaraAm(foldArabicPresentationForms(removeBidiControls(normalizeLineEndings(text))));
  return trimLineEnds(folded.normalize('NFC'));
}

/** The lines of a page that can be headers/footers: the first and last few non-empty ones. */
const EDGE_LINES = 3;
/** A line counts as a header/footer when it sits at a page edge on at least this share of pages. */
const MIN_PAGE_SHARE = 0.6;
const MIN_PAGES_FOR_BOILERPLATE = 3;
/** Odd/even running heads are looked for from this many pages on (two of each side). */
const MIN_PAGES_FOR_PARITY = 4;

interface EdgeLine {
  page: number;
  line: number;
  numbers: number[];
  text: string;
}

/**
 * Remove running headers and footers: lines at the top or bottom of most pages that are the same
 * once digits are masked ("Page 3 of 10", "Official Journal L 119/5"). A masked match only counts
 * when the line is literally identical on those pages or one of its numbers advances with the
 * page number; otherwise "Article 5" opening page 2 and "Article 9" opening page 3 would look like
 * a running header.
 */
export function removeRepeatedLines(pages: readonly string[]): string[] {
  if (pages.length < MIN_PAGES_FOR_BOILERPLATE) return [...pages];
  const linesByPage = pages.map((p) => p.split('\n'));
  const byKey = new Map<string, EdgeLine[]>();

  linesByPage.forEach((lines, page) => {
    for (const line of edgeLineIndexes(lines)) {
      const text = lines[line]!.trim().replace(/\s+/g, ' ');
      const key = text.replace(/\d+/g, '#');
      const numbers = (text.match(/\d+/g) ?? []).map(Number);
      const list = byKey.get(key) ?? [];
      if (!list.some((e) => e.page === page)) list.push({ page, line, numbers, text });
      byKey.set(key, list);
    }
  });

  const threshold = Math.max(MIN_PAGES_FOR_BOILERPLATE, Math.ceil(pages.length * MIN_PAGE_SHARE));
  const drop = linesByPage.map(() => new Set<number>());
  for (const occurrences of byKey.values()) {
    for (const e of boilerplateOccurrences(occurrences, threshold)) drop[e.page]!.add(e.line);
    // Facing pages: the Official Journal puts "L 119/2 EN Official Journal … 4.5.2016" on even
    // pages and "4.5.2016 EN Official Journal … L 119/3" on odd ones, each on half the pages.
    if (pages.length >= MIN_PAGES_FOR_PARITY) {
      for (const parity of [0, 1]) {
        const side = occurrences.filter((e) => e.page % 2 === parity);
        const sidePages = Math.ceil((pages.length - parity) / 2);
        const sideThreshold = Math.max(2, Math.ceil(sidePages * MIN_PAGE_SHARE));
        for (const e of boilerplateOccurrences(side, sideThreshold)) drop[e.page]!.add(e.line);
      }
    }
  }
  return linesByPage.map((lines, page) => lines.filter((_, i) => !drop[page]!.has(i)).join('\n'));
}

/** Up to three lines at each edge, but never more than a third of a short page's lines. */
function edgeLineIndexes(lines: readonly string[]): number[] {
  const nonEmpty = lines.flatMap((l, i) => (l.trim() ? [i] : []));
  const k = Math.min(EDGE_LINES, Math.max(1, Math.floor(nonEmpty.length / 3)));
  return [...new Set([...nonEmpty.slice(0, k), ...nonEmpty.slice(-k)])];
}

function boilerplateOccurrences(occ: readonly EdgeLine[], threshold: number): EdgeLine[] {
  if (occ.length < threshold) return [];
  const identical = new Map<string, EdgeLine[]>();
  for (const e of occ) identical.set(e.text, [...(identical.get(e.text) ?? []), e]);
  const sameText = [...identical.values()].find((group) => group.length >= threshold);
  if (sameText) return sameText;

  // A page counter: for some number position, value minus page index is constant. Headings
  // are excluded: "Article 1" … "Article 4" opening pages 1–4 count along but are content.
  if (parseHeading(occ[0]!.text)) return [];
  const positions = occ[0]!.numbers.length;
  for (let k = 0; k < positions; k++) {
    const offsets = new Map<number, EdgeLine[]>();
    for (const e of occ) {
      const v = e.numbers[k];
      if (v === undefined) continue;
      const d = v - e.page;
      offsets.set(d, [...(offsets.get(d) ?? []), e]);
    }
    const counter = [...offsets.values()].find((group) => group.length >= threshold);
    if (counter) return counter;
  }
  return [];
}

/** Full normalisation of extracted pages, in the order the steps depend on each other. */
export function normalizePages(pages: readonly string[]): string[] {
  const cleaned = removeRepeatedLines(pages.map(normalizeCharacters));
  return cleaned.map((p) => trimBlankEdges(collapseBlankLines(dehyphenate(p))));
}

/** Drop leading blank lines and trailing whitespace; indentation of the first line is kept. */
export function trimBlankEdges(text: string): string {
  return text.replace(/^(?:[ \t]*\n)+/, '').trimEnd();
}

/** Pages are joined with a blank line unless a sentence runs on from one page to the next. */
export const PAGE_BREAK = '\n\n';
/** Width beyond which a page's last line that ends mid-sentence was wrapped, not a title. */
const RUN_ON_LINE_MIN = 45;
const RUN_ON_LINE_MIN_WIDE = 20;
const ENDS_SENTENCE = /[.!?;:。！？；：…।॥؟۔؛]["'”’»)）」』]*$/u;
const HYPHENATED_END = /(\p{Script=Latin}{2,})[-\u2010]$/u;

export interface JoinedPages {
  text: string;
  /** Each page's range in `text`. */
  spans: Array<{ start: number; end: number }>;
}

/**
 * Join normalised pages into the document text. A sentence cut by a page break comes back whole:
 * the break becomes a line break (which the sentence splitter then reads as wrapping) instead of
 * a paragraph break, a word hyphenated across the break is joined, and footnotes at the bottom of
 * the first page move to the end of the next page so they do not sit inside the sentence.
 */
export function joinPages(pages: readonly string[]): JoinedPages {
  const texts = [...pages];
  const seps: string[] = [];
  for (let i = 0; i + 1 < texts.length; i++) {
    const { body, notes } = splitTrailingFootnotes(texts[i]!);
    const next = texts[i + 1]!;
    const join = pageJoin(body, next);
    if (join !== PAGE_BREAK && notes) {
      texts[i] = body;
      texts[i + 1] = `${next}\n${notes}`;
    }
    if (join === '') texts[i] = texts[i]!.replace(/[-\u2010]$/u, '');
    seps.push(join);
  }
  let text = '';
  const spans = texts.map((pageText, i) => {
    if (i > 0) text += seps[i - 1]!;
    const start = text.length;
    text += pageText;
    return { start, end: text.length };
  });
  return { text, spans };
}

/** How page `prev` joins page `next`: '' (a hyphenated word), '\n' (a running sentence) or a blank line. */
export function pageJoin(prev: string, next: string): string {
  const last = prev.slice(prev.lastIndexOf('\n') + 1).trim();
  const firstLine = next.slice(0, next.indexOf('\n') < 0 ? next.length : next.indexOf('\n'));
  const first = firstLine.trim();
  if (!last || !first || ENDS_SENTENCE.test(last) || parseHeading(last) || parseHeading(first) || parseListMarker(first)) return PAGE_BREAK;
  if (HYPHENATED_END.test(last) && /^\p{Ll}/u.test(first)) return '';
  if (/^[\p{Ll}\p{Nd}]/u.test(first)) return '\n';
  const wide = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(last);
  return last.length >= (wide ? RUN_ON_LINE_MIN_WIDE : RUN_ON_LINE_MIN) ? '\n' : PAGE_BREAK;
}

/** A page's trailing footnote lines ("(1) OJ L 119, 4.5.2016, p. 1."), split from its body. */
function splitTrailingFootnotes(page: string): { body: string; notes: string } {
  const lines = page.split('\n');
  let k = lines.length;
  while (k > 0 && (isFootnoteLine(lines[k - 1]!) || !lines[k - 1]!.trim())) k--;
  if (k === lines.length || k === 0) return { body: page, notes: '' };
  return { body: lines.slice(0, k).join('\n').trimEnd(), notes: lines.slice(k).join('\n').trim() };
}
