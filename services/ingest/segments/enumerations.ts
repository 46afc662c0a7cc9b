import type { SentenceSpan } from '../../../schemas/text.ts';
import { asciiDigits, cjkToNumber, romanToNumber } from './citation-key.ts';

/**
 * Enumerations in legal text: "The controller shall comply with the following: (a) …; (b) …;
 * (c) …". The sentence splitter makes the lead-in (up to and including its colon) and every item
 * separate sentence spans, inline items included (`splitListItems`); `listStructure` then tells
 * extraction which sentence is a lead-in, which is an item of which lead-in, and how deep.
 *
 * CONTRACT of `listStructure(text, sentences)` (pure; `sentences` are spans into `text`, in
 * document order, normally one segment's `sentences`):
 *   returns one `ListRole` per sentence, same order:
 *   - role 'lead-in': the sentence introduces items that follow it (it ends with ":" / "：", or a
 *     list cue such as "次に掲げる…。" / "the following" and is followed by a first item).
 *   - role 'item': the sentence is (part of) a list item whose lead-in is `leadIn`. An item that
 *     runs over several sentences: the first carries the marker, the others have marker null.
 *   - role 'plain': anything else, including numbered paragraphs with no lead-in ("1. Member
 *     States shall …"), which still get their `marker`.
 *   - marker: the item marker as written at the sentence start ("(b)", "1.", "一、", "（一）",
 *     "أ)", "–"), or null.
 *   - leadIn: index (into `sentences`) of the lead-in this sentence's item depends on; a nested
 *     lead-in that is itself an item ("(1) the controller shall: (a) …") has role 'lead-in' and
 *     points to ITS lead-in. Null for plain sentences and top-level lead-ins.
 *   - depth: 0 outside lists; 1 for items of a top-level list, 2 for items nested inside those, …
 *     A lead-in has the depth of the item it sits in (0 when it is not an item).
 * Extraction uses it this way: an item inherits actor and modality from `sentences[leadIn]`, its
 * quote is its own span, and the lead-in span is stored as the obligation's lead-in.
 */
export type ListRoleKind = 'lead-in' | 'item' | 'plain';

export interface ListRole {
  role: ListRoleKind;
  marker: string | null;
  leadIn: number | null;
  depth: number;
}

/** Marker alphabets; letters lists are ordered so an item's ordinal is its index. */
type Alphabet = 'num' | 'lower' | 'upper' | 'roman' | 'uroman' | 'greek' | 'cyr' | 'arabic' | 'deva' | 'cjk' | 'kana' | 'circled' | 'dash' | 'bullet';
/** How the marker is written around its value: "(a)", "a)", "a.", "a-", "一、", "一 ". */
type Style = 'paren' | 'close' | 'dot' | 'hyphen' | 'ideo' | 'space' | 'bare';

export interface ListMarker {
  /** The marker as written, without the whitespace after it. */
  text: string;
  /** Length of marker plus the whitespace after it. */
  length: number;
  /** Possible readings: "(i)" is letter 9 or roman 1; "(h)" only letter 8. */
  readings: Array<{ cls: string; ordinal: number }>;
}

const LATIN = 'abcdefghijklmnopqrstuvwxyz';
const GREEK = 'αβγδεζηθικλμνξοπρστυφχψω';
const CYRILLIC = 'абвгдежзиклмнопрстуфхцчшщэюя';
/** Arabic lists use abjad order (أ ب ج د ه و ز …) or alphabetical (أ ب ت ث ج …). */
const ARABIC_ABJAD = 'أبجدهوزحطيكلمنسعفصقرشتثخذضظغ';
const ARABIC_ALPHA = 'أبتثجحخدذرزسشصضطظعغفقكلمنهوي';
const DEVANAGARI = 'कखगघङचछजझञटठडढणतथदधनपफबभमयरलवशषसह';
const IROHA = 'イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス';
const CJK_NUMERALS = '〇零一二三四五六七八九十百千';

const VALUE =
  String.raw`\p{Nd}{1,3}[a-z]?|[a-z]{1,2}|[ivxlc]{1,7}|[A-Z]|[IVXLC]{1,6}|[α-ω]{1,2}|[а-я]|[\u0915-\u0939]|[${CJK_NUMERALS}]+|[\u0621-\u064A]|[ア-ン]`;
const PAREN_MARKER = new RegExp(String.raw`^[(（]\s*(${VALUE})\s*[)）]`, 'u');
/** "a)", "1)", "1.", "a.", "١-", "أ-": need whitespace after. */
const CLOSE_MARKER = new RegExp(String.raw`^(${VALUE})([).]|\s?[-–](?=\s))(?=\s)`, 'u');
/** "一、", "１．", "1、": CJK enumerators, no space needed. */
const IDEO_MARKER = new RegExp(String.raw`^([${CJK_NUMERALS}]+|[０-９]+|\d+)([、．])`, 'u');
/** Japanese statutes: "一 …", "イ …" (ideographic space). */
const SPACE_MARKER = new RegExp(String.raw`^([${CJK_NUMERALS}]+|[ア-ン])\u3000`, 'u');
const CIRCLED = /^([\u2460-\u2473])\s*/u;
const DASH = /^([-–—‒]|[•·▪◦●○■□➢►*])(?=\s)/u;

/** The list marker at the start of `s` (after leading spaces), or null. */
export function parseListMarker(s: string): ListMarker | null {
  const lead = s.length - s.trimStart().length;
  const t = s.slice(lead);
  let m: RegExpExecArray | null;
  let text: string;
  let readings: ListMarker['readings'];
  if ((m = PAREN_MARKER.exec(t))) {
    text = m[0];
    readings = readValue(m[1]!, 'paren');
  } else if ((m = CLOSE_MARKER.exec(t))) {
    const style: Style = m[2] === ')' ? 'close' : m[2] === '.' ? 'dot' : 'hyphen';
    text = m[0];
    readings = readValue(m[1]!, style);
    // "A." or "I." opening a sentence is too often a name or a heading; keep "A)" and "(A)".
    if (style === 'dot' && /^[A-Z]$/u.test(m[1]!)) readings = [];
  } else if ((m = IDEO_MARKER.exec(t))) {
    text = m[0];
    readings = readValue(m[1]!, 'ideo');
  } else if ((m = SPACE_MARKER.exec(t))) {
    text = m[1]!;
    readings = readValue(m[1]!, 'space');
  } else if ((m = CIRCLED.exec(t))) {
    text = m[1]!;
    readings = [{ cls: 'bare:circled', ordinal: m[1]!.codePointAt(0)! - 0x2460 }];
  } else if ((m = DASH.exec(t))) {
    text = m[1]!;
    readings = [{ cls: /[-–—‒]/u.test(text) ? 'bare:dash' : 'bare:bullet', ordinal: -1 }];
  } else return null;
  if (readings.length === 0) return null;
  const after = t.slice(text.length);
  const space = after.length - after.trimStart().length;
  return { text, length: lead + text.length + space, readings };
}

function readValue(v: string, style: Style): ListMarker['readings'] {
  const out: ListMarker['readings'] = [];
  const add = (alphabet: Alphabet, ordinal: number): void => {
    if (ordinal >= 0) out.push({ cls: `${style}:${alphabet}`, ordinal });
  };
  const digits = asciiDigits(v);
  if (/^\d+[a-z]?$/u.test(digits)) {
    const n = Number.parseInt(digits, 10);
    // "1a)" is a sub-item inserted later; it continues the numbering at the same place.
    add('num', n - 1);
    return out;
  }
  if (/^[a-z]{1,2}$/u.test(v)) {
    // "aa)" follows "z)" in long EU lists.
    add('lower', v.length === 1 ? LATIN.indexOf(v) : v[0] === v[1] ? 26 + LATIN.indexOf(v[0]!) : -1);
  }
  if (/^[ivxlc]+$/u.test(v)) {
    const r = romanToNumber(v.toUpperCase());
    if (r !== null) add('roman', r - 1);
  }
  if (/^[A-Z]$/u.test(v)) add('upper', LATIN.indexOf(v.toLowerCase()));
  if (/^[IVXLC]+$/u.test(v)) {
    const r = romanToNumber(v);
    if (r !== null) add('uroman', r - 1);
  }
  if (/^[α-ω]{1,2}$/u.test(v)) add('greek', v.length === 1 ? GREEK.indexOf(v) : -1);
  if (/^[а-я]$/u.test(v)) add('cyr', CYRILLIC.indexOf(v));
  if (/^[\u0621-\u064A]$/u.test(v)) {
    const letter = v === 'ا' ? 'أ' : v;
    add('arabic', ARABIC_ABJAD.indexOf(letter));
    const alpha = ARABIC_ALPHA.indexOf(letter);
    if (alpha >= 0 && alpha !== ARABIC_ABJAD.indexOf(letter)) add('arabic', alpha);
  }
  if (/^[\u0915-\u0939]$/u.test(v)) add('deva', DEVANAGARI.indexOf(v));
  if (new RegExp(`^[${CJK_NUMERALS}]+$`, 'u').test(v)) {
    const n = cjkToNumber(v);
    if (n !== null) add('cjk', n - 1);
  }
  if (/^[ア-ン]$/u.test(v)) add('kana', IROHA.indexOf(v));
  return out;
}

/** Does the line open a list item? Used to keep such lines from being joined to the previous one. */
export function startsWithListMarker(line: string): boolean {
  return parseListMarker(line) !== null;
}

/** Words that may sit between the separator and the next item: "; and (c)", "; или в)". */
const CONNECTIVES = new Set([
  'and', 'or', 'and/or', 'und', 'oder', 'bzw', 'sowie', 'et', 'ou', 'et/ou', 'y', 'o', 'e', 'en', 'of', 'en/of', 'i', 'a', 'lub', 'oraz', 'albo',
  'nebo', 'anebo', 'alebo', 'és', 'vagy', 'ja', 'tai', 'sau', 'și', 'si', 've', 'veya', 'ya', 'dan', 'atau', 'и', 'или', 'і', 'або', 'та',
  'και', 'ή', 'ir', 'ar', 'un', 'vai', 'või', 'og', 'eller', 'och', 'samt', 'agus', 'nó', 'jew', 'u', 'ili', 'in', 'ali', 'als', 'ou',
  'و', 'أو', 'او', 'या', 'और', 'तथा', 'หรือ', 'และ', 'và', 'hoặc',
]);

type Separator = 'colon' | 'semi' | 'comma';

/** The separator before `pos` ("…following: (a)", "…; and (b)"), skipping one connective. */
function separatorBefore(text: string, from: number, pos: number): Separator | null {
  let i = pos;
  while (i > from && /\s/u.test(text[i - 1]!)) i--;
  const before = text.slice(from, i);
  const word = /(?:^|[\s:;,])([\p{L}/]{1,7})$/u.exec(before);
  if (word && CONNECTIVES.has(word[1]!.toLowerCase())) {
    i -= word[1]!.length;
    while (i > from && /\s/u.test(text[i - 1]!)) i--;
  }
  const ch = text[i - 1];
  if (ch === undefined || i <= from) return null;
  if (/[:：]/u.test(ch)) return 'colon';
  if (/[;；؛]/u.test(ch)) return 'semi';
  if (/[,،、，]/u.test(ch)) return 'comma';
  // "…次の各号に掲げる措置を講じなければならない。一 …" inline is rare; a full stop closing the lead-in
  // of a CJK list ("如下。（一）") behaves like a colon only for first items, handled by the caller.
  if (/[。]/u.test(ch)) return 'semi';
  return null;
}

interface InlineFrame {
  cls: string;
  last: number;
  /** Separator used between this list's items so far (null until a second item). */
  sep: Separator | null;
  /** A same-class marker was seen after the last item and not accepted: a cross-reference run. */
  tainted: boolean;
}

const INLINE_CANDIDATE = new RegExp(
  String.raw`(?<=[\s:;,：；،؛、，。]|^)(?:[(（]\s*(?:${VALUE})\s*[)）]|(?:${VALUE})\)(?=\s)|(?:[${CJK_NUMERALS}]+|[０-９]+)、|[-–•](?=\s))`,
  'gu',
);

/**
 * Split inline enumerations inside each span: before every item marker that continues an open
 * list (same class, next ordinal) or opens one right after a colon. Cross-references ("point (a)
 * of Article 6(1)", "points (a), (b) and (c)") do not follow a separator with the right ordinal,
 * so they stay inside their sentence.
 */
export function splitListItems(text: string, spans: readonly SentenceSpan[]): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  for (const span of spans) {
    const cuts = inlineCuts(text, span);
    let start = span.start;
    for (const cut of cuts) {
      pushTrimmed(out, text, start, cut);
      start = cut;
    }
    pushTrimmed(out, text, start, span.end);
  }
  return out;
}

function pushTrimmed(out: SentenceSpan[], text: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && /\s/u.test(text[s]!)) s++;
  while (e > s && /\s/u.test(text[e - 1]!)) e--;
  if (s < e) out.push({ start: s, end: e });
}

function inlineCuts(text: string, span: SentenceSpan): number[] {
  const body = text.slice(span.start, span.end);
  if (!/[:;：；؛,،、，。]/u.test(body)) return [];
  const stack: InlineFrame[] = [];
  const own = parseListMarker(body);
  if (own) {
    const r = own.readings[0]!;
    stack.push({ cls: r.cls, last: r.ordinal, sep: null, tainted: false });
  }
  const cuts: number[] = [];
  INLINE_CANDIDATE.lastIndex = 0;
  for (let m = INLINE_CANDIDATE.exec(body); m; m = INLINE_CANDIDATE.exec(body)) {
    const pos = m.index;
    if (pos === 0) continue;
    const marker = parseListMarker(body.slice(pos));
    if (!marker) continue;
    const sep = separatorBefore(body, 0, pos);
    const accepted = acceptInline(stack, marker, sep);
    if (accepted) cuts.push(span.start + pos);
  }
  return cuts;
}

function acceptInline(stack: InlineFrame[], marker: ListMarker, sep: Separator | null): boolean {
  // Continue an open list: the same class, the next ordinal, a separator consistent with the list.
  for (let k = stack.length - 1; k >= 0; k--) {
    const frame = stack[k]!;
    const reading = marker.readings.find((r) => r.cls === frame.cls);
    if (!reading) continue;
    const next = frame.cls.endsWith('dash') || frame.cls.endsWith('bullet') ? true : reading.ordinal === frame.last + 1;
    const sepOk = sep === 'semi' || sep === 'colon' || (sep === 'comma' && frame.sep !== 'semi' && !frame.tainted);
    if (next && sepOk && !frame.tainted) {
      stack.length = k + 1;
      frame.last = reading.ordinal;
      frame.sep ??= sep === 'colon' ? null : sep;
      return true;
    }
    // A marker of an open list's class that does not continue it: a cross-reference.
    frame.tainted = true;
    return false;
  }
  // Open a list: a first item right after a colon (dashes and bullets have no ordinal).
  if (sep !== 'colon') return false;
  const first = marker.readings.find((r) => r.ordinal === 0 || r.ordinal === -1);
  if (!first) return false;
  stack.push({ cls: first.cls, last: first.ordinal, sep: null, tainted: false });
  return true;
}

/** A lead-in that does not end with a colon: "次に掲げる…。", "下列…", "the following". */
const LEAD_IN_CUE = /次に掲げる|次の各号|左に掲げる|下列|如下|以下[各列]|the following|les suivant|folgende|следующ|الآتي|التالي/iu;
const ENDS_WITH_COLON = /[:：]\s*(?:[-–—])?["'”’»)）]*$/u;

interface Frame {
  cls: string;
  last: number;
  leadIn: number | null;
}

/** Per-sentence list roles; see the contract at the top of this file. */
export function listStructure(text: string, sentences: readonly SentenceSpan[]): ListRole[] {
  const markers = sentences.map((s) => parseListMarker(text.slice(s.start, s.end)));
  const roles: ListRole[] = [];
  const stack: Frame[] = [];
  /** The last lead-in whose items have not started yet. */
  let pending: number | null = null;
  /** The sentence that opened the current item; continuation sentences belong to it. */
  let openItem: number | null = null;

  sentences.forEach((s, i) => {
    const body = text.slice(s.start, s.end);
    const marker = markers[i];
    let role: ListRole;
    if (marker) {
      const placed = place(stack, marker, pending, i);
      const frame = stack[placed]!;
      role = { role: frame.leadIn === null ? 'plain' : 'item', marker: marker.text, leadIn: frame.leadIn, depth: placed + 1 };
      pending = null;
      openItem = i;
    } else if (openItem !== null && stack.length > 0 && continuesItem(text, sentences, markers, i)) {
      const prev = roles[openItem]!;
      role = { role: prev.role, marker: null, leadIn: prev.leadIn, depth: prev.depth };
    } else {
      stack.length = 0;
      openItem = null;
      pending = null;
      role = { role: 'plain', marker: null, leadIn: null, depth: 0 };
    }
    if (isLeadIn(body, markers[i + 1] ?? null, marker ?? null)) {
      role = { ...role, role: 'lead-in' };
      pending = i;
    }
    roles.push(role);
  });
  return roles;
}

/** Put a marked sentence on the frame stack; returns its frame's index (depth - 1). */
function place(stack: Frame[], marker: ListMarker, pending: number | null, i: number): number {
  // Continue the innermost open list this marker continues (next ordinal, or any dash/bullet).
  for (let k = stack.length - 1; k >= 0; k--) {
    const frame = stack[k]!;
    const reading = marker.readings.find((r) => r.cls === frame.cls);
    if (!reading) continue;
    const continues = reading.ordinal === -1 || reading.ordinal === frame.last + 1 || (pending === null && reading.ordinal > frame.last);
    if (!continues && pending !== null) break; // a new list nested under the pending lead-in
    if (!continues) continue;
    stack.length = k + 1;
    frame.last = reading.ordinal;
    return k;
  }
  // A new list: under the pending lead-in (nested), or at the top with no lead-in.
  const reading = marker.readings.find((r) => r.ordinal <= 0) ?? marker.readings[0]!;
  if (pending === null) {
    // No lead-in: a numbered paragraph or a list that lost its lead-in; it restarts the stack
    // unless it nests under the item just before it (which had no colon, e.g. a heading).
    stack.length = 0;
  }
  void i;
  stack.push({ cls: reading.cls, last: reading.ordinal, leadIn: pending });
  return stack.length - 1;
}

/**
 * A sentence with no marker after an item: still the item ("(a) the name. It includes …;")
 * when the item it follows has not ended its list and another item of the same list follows.
 */
function continuesItem(text: string, sentences: readonly SentenceSpan[], markers: ReadonlyArray<ListMarker | null>, i: number): boolean {
  const prev = text.slice(sentences[i - 1]!.start, sentences[i - 1]!.end);
  if (/[;；؛,，、]\s*(?:\p{L}{1,6})?\s*$/u.test(prev)) return true;
  const next = markers[i + 1];
  const opener = markers.slice(0, i).findLast((m) => m !== null);
  if (!next || !opener) return false;
  return next.readings.some((r) => opener.readings.some((o) => o.cls === r.cls && r.ordinal > o.ordinal));
}

function isLeadIn(body: string, next: ListMarker | null, own: ListMarker | null): boolean {
  if (!next || !(ENDS_WITH_COLON.test(body) || LEAD_IN_CUE.test(body))) return false;
  // The next sentence opens a list (a first item), of another class than this sentence's own
  // marker: "(a) an assessment covering:" + "(i) …" nests; "(a) …:" + "(b) …" is a sibling.
  return next.readings.some((r) => r.ordinal <= 0 && !own?.readings.some((o) => o.cls === r.cls));
}
