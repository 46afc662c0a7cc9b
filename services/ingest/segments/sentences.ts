import type { SentenceSpan } from '../../../schemas/text.ts';
import { splitListItems, startsWithListMarker } from './enumerations.ts';

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(locale: string): Intl.Segmenter {
  let s = segmenters.get(locale);
  if (!s) {
    const supported = Intl.Segmenter.supportedLocalesOf([locale]);
    s = new Intl.Segmenter(supported.length > 0 ? supported : undefined, { granularity: 'sentence' });
    segmenters.set(locale, s);
  }
  return s;
}

/**
 * Sentence spans of `text` as UTF-16 offsets relative to it, trimmed, empty ones skipped.
 * Boundaries come from Intl.Segmenter (ICU, UAX #29); two adjustments make that usable on
 * extracted documents:
 *  - UAX #29 ends a sentence at every line break, but PDF lines wrap mid-sentence. Line breaks
 *    that look like wrapping are shown to the segmenter as spaces (same length, so offsets hold).
 *  - Enumerators the segmenter cuts off on their own ("1.", "(a)") carry no words; they are
 *    merged into the sentence they number.
 *  - Enumerations (see enumerations.ts): a lead-in and each of its items, inline or one per line,
 *    become separate spans.
 *  - A full stop inside brackets ends an ICU sentence, but in statutes it ends a parenthetical
 *    definition ("（…をいう。以下同じ。）"); spans are merged until their brackets close.
 */
export function splitSentences(text: string, locale = 'und'): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  for (const { index, segment } of segmenterFor(locale).segment(softenLineBreaks(text))) {
    const lead = segment.length - segment.trimStart().length;
    const trimmed = segment.trim();
    if (trimmed) spans.push({ start: index + lead, end: index + lead + trimmed.length });
  }
  // Enumerations: the lead-in and each item are sentences of their own, inline ones too.
  return splitListItems(text, mergeUnclosed(mergeWordless(spans, text), text));
}

/** Width, in characters, beyond which a line that ends mid-sentence was probably wrapped. */
const WRAPPED_LINE_MIN = 45;
const WRAPPED_LINE_MIN_WIDE = 20;
const SENTENCE_END = /[.!?;:。！？；：…]["'”’»)）」』]*$/u;
const ENUMERATOR_START = /^\s*(?:[-–—•·*▪](?:\s|$)|\(?(?:\d{1,3}|[a-z]|[ivxlc]{1,6})[.)](?:\s|$)|（[一二三四五六七八九十\d]+）|(?:[一二三四五六七八九十百]+|[０-９]+)\u3000)/iu;

/** Replace single line breaks that wrap a running sentence by spaces; keep the others. */
export function softenLineBreaks(text: string): string {
  const lines = text.split('\n');
  let out = lines[0] ?? '';
  for (let i = 1; i < lines.length; i++) {
    out += (joinsPrevious(lines[i - 1]!, lines[i]!) ? ' ' : '\n') + lines[i]!;
  }
  return out;
}

function joinsPrevious(prev: string, next: string): boolean {
  const p = prev.trimEnd();
  const n = next.trimStart();
  if (!p || !n) return false;
  if (SENTENCE_END.test(p) || ENUMERATOR_START.test(n) || startsWithListMarker(n)) return false;
  if (/^\p{Ll}/u.test(n)) return true;
  const wide = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(p);
  return p.length >= (wide ? WRAPPED_LINE_MIN_WIDE : WRAPPED_LINE_MIN);
}

/** Merge spans without any letter ("1.", "(a)", "—") into the following span. */
function mergeWordless(spans: SentenceSpan[], text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  let pendingStart: number | null = null;
  for (const span of spans) {
    if (!/\p{L}/u.test(text.slice(span.start, span.end))) {
      pendingStart ??= span.start;
      continue;
    }
    out.push({ start: pendingStart ?? span.start, end: span.end });
    pendingStart = null;
  }
  if (pendingStart !== null) {
    const last = out.at(-1);
    const end = spans.at(-1)!.end;
    if (last) last.end = end;
    else out.push({ start: pendingStart, end });
  }
  return out;
}

const OPENERS = /[(（［[「『]/gu;
const CLOSERS = /[)）］\]」』]/gu;
/** Give up closing a bracket after this many sentences: the text is unbalanced, not nested. */
const MAX_BRACKET_MERGE = 8;
const CLOSED_PARENTHETICAL = /[.。!?！？][)）］\]」』]+$/u;

function mergeUnclosed(spans: SentenceSpan[], text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  let i = 0;
  while (i < spans.length) {
    let depth = bracketDepth(text.slice(spans[i]!.start, spans[i]!.end));
    let j = i;
    let balanced = depth > 0 ? -1 : i;
    while (j + 1 < spans.length && j - i < MAX_BRACKET_MERGE) {
      // "…をいう。）を取り扱う者は": the stop closed a parenthetical, the sentence runs on.
      const runsOn = spans[j + 1]!.start === spans[j]!.end && CLOSED_PARENTHETICAL.test(text.slice(spans[j]!.start, spans[j]!.end));
      if (depth <= 0 && !runsOn) break;
      j++;
      depth += bracketDepth(text.slice(spans[j]!.start, spans[j]!.end));
      if (depth <= 0) balanced = j;
    }
    // Unbalanced brackets (a stray "(") keep ICU's boundaries.
    const end = balanced < 0 ? i : balanced;
    out.push({ start: spans[i]!.start, end: spans[end]!.end });
    i = end + 1;
  }
  return out;
}

function bracketDepth(s: string): number {
  return (s.match(OPENERS)?.length ?? 0) - (s.match(CLOSERS)?.length ?? 0);
}
