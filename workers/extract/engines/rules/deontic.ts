/**
 * Deontic classification of single sentences from the trigger lexicon. Pure functions; the compiled
 * regexes are built lazily once per language and shared by every caller.
 */
import type { Modality } from '../../../../schemas/obligation.ts';
import { SUBORDINATORS, wordRegex } from './clauses.ts';
import {
  MODALITY_PRECEDENCE,
  TRIGGER_LEXICONS,
  lexiconCode,
  type Script,
  type TriggerLexicon,
} from './triggers.ts';

export interface DeonticClassification {
  modality: Modality;
  /** The trigger as written in the sentence ("shall not", "ist … untersagt", "不得"). */
  trigger: string;
  /** UTF-16 offset of the trigger in the sentence. */
  index: number;
  /** Weak triggers are ambiguous verbs (EN "can", DE "soll", ZH 应) and earn lower confidence. */
  strength: 'strong' | 'weak';
  /** False when every trigger of the sentence sits inside a subordinate clause. */
  mainClause: boolean;
  /** Lexicon that matched (ISO 639-3); differs from the requested language on script fallback. */
  language: string;
}

export interface TriggerMatch {
  modality: Modality;
  strength: 'strong' | 'weak';
  start: number;
  end: number;
  subordinate: boolean;
}

interface CompiledGroup {
  modality: Modality;
  weak: boolean;
  re: RegExp;
}

interface CompiledLexicon {
  lex: TriggerLexicon;
  groups: CompiledGroup[];
  cues: RegExp | null;
  subordinators: RegExp | null;
  capitalised: ReadonlySet<string>;
}

const BOUNDARY_CLASS = '[\\p{L}\\p{M}\\p{N}]';
const WORD_GAP = '\\s+(?:[^\\s,;:.!?()]+\\s+){0,6}?';
const CJK_GAP = '[^。；;！？!?\\n，,、]{0,40}?';
const ARABIC_MARKS = '[\\u0640\\u064B-\\u065F\\u0670]*';

const ARABIC_LETTER_CLASS: Readonly<Record<string, string>> = {
  'ا': '[اأإآٱ]',
  'أ': '[اأإآٱ]',
  'إ': '[اأإآٱ]',
  'آ': '[اأإآٱ]',
  'ي': '[يىی]',
  'ى': '[يىی]',
  'ی': '[يىی]',
  'ك': '[كک]',
  'ک': '[كک]',
  'ة': '[ةه]',
  'ه': '[ةهہ]',
};

/**
 * Widens characters whose spelling varies between documents of the same language: apostrophes
 * (' ’ ʼ), Romanian comma-below vs cedilla, Arabic letter variants and optional harakat. Works on
 * pattern source outside character classes (the lexicon promises not to put them inside one).
 */
function widen(source: string): string {
  let out = '';
  for (const ch of source) {
    if (ch === "'") out += "['’ʼ]";
    else if (ch === 'ș' || ch === 'ş') out += '[șş]';
    else if (ch === 'ț' || ch === 'ţ') out += '[țţ]';
    else if (/[\u0621-\u064A\u0671-\u06D3]/u.test(ch)) out += `${ARABIC_LETTER_CLASS[ch] ?? ch}${ARABIC_MARKS}`;
    else out += ch;
  }
  return out;
}

export function patternSource(raw: string, lex: TriggerLexicon): string {
  const spaced = lex.segmentation === 'space';
  const gapped = raw.replace(/ … /g, spaced ? WORD_GAP : CJK_GAP);
  return widen(gapped.replace(/ /g, spaced ? '\\s+' : '\\s*'));
}

function buildRegex(sources: string[], lex: TriggerLexicon, caseSensitive: boolean): RegExp {
  const alternation = [...sources].sort((a, b) => b.length - a.length).join('|');
  const flags = caseSensitive ? 'gu' : 'giu';
  if (lex.segmentation === 'none') return new RegExp(`(?:${alternation})`, flags);
  const proclitic = lex.proclitics ? `(?:[${lex.proclitics}])?` : '';
  // A trigger may end on an apostrophe (French "d'", Maltese "jista'"): then the next letter is fine.
  return new RegExp(
    `(?<!${BOUNDARY_CLASS})${proclitic}(?:${alternation})(?:(?<=['’ʼ])|(?!${BOUNDARY_CLASS}))`,
    flags,
  );
}

function compile(lex: TriggerLexicon): CompiledLexicon {
  const groups: CompiledGroup[] = [];
  for (const modality of MODALITY_PRECEDENCE) {
    const buckets = new Map<string, string[]>();
    for (const entry of lex[modality]) {
      let raw = entry;
      let weak = false;
      let caseSensitive = false;
      while (raw.startsWith('~') || raw.startsWith('=')) {
        if (raw.startsWith('~')) weak = true;
        else caseSensitive = true;
        raw = raw.slice(1);
      }
      const key = `${weak ? 'w' : 's'}${caseSensitive ? 'c' : 'i'}`;
      const list = buckets.get(key) ?? [];
      list.push(patternSource(raw, lex));
      buckets.set(key, list);
    }
    for (const [key, sources] of buckets) {
      groups.push({ modality, weak: key.startsWith('w'), re: buildRegex(sources, lex, key.endsWith('c')) });
    }
  }
  const cues = lex.cues?.length ? buildRegex(lex.cues.map((c) => patternSource(c, lex)), lex, false) : null;
  const subs = SUBORDINATORS[lex.code];
  return {
    lex,
    groups,
    cues,
    subordinators: subs?.length ? wordRegex(subs.map((s) => widen(s.replace(/ /g, '\\s+'))), 'giu') : null,
    capitalised: new Set(lex.capitalisedNonTriggers ?? []),
  };
}

const compiled = new Map<string, CompiledLexicon>();

function compiledFor(code: string): CompiledLexicon | null {
  const hit = compiled.get(code);
  if (hit) return hit;
  const lex = TRIGGER_LEXICONS.get(code);
  if (!lex) return null;
  const c = compile(lex);
  compiled.set(code, c);
  return c;
}

/** Compiles every lexicon now, so that a bad pattern fails at start-up rather than mid-run. */
export function compileAllLexicons(): number {
  for (const code of TRIGGER_LEXICONS.keys()) compiledFor(code);
  return compiled.size;
}

// ───────────────────────────── script detection ─────────────────────────────

/** Dominant script of a text, from its first 400 letters. 'Jpan' when any kana is present. */
export function detectScript(text: string): Script | null {
  const counts = new Map<Script, number>();
  let kana = 0;
  let seen = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    let s: Script | null = null;
    if ((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0xc0 && cp <= 0x24f) || (cp >= 0x1e00 && cp <= 0x1eff)) s = 'Latn';
    else if (cp >= 0x400 && cp <= 0x52f) s = 'Cyrl';
    else if ((cp >= 0x370 && cp <= 0x3ff) || (cp >= 0x1f00 && cp <= 0x1fff)) s = 'Grek';
    else if ((cp >= 0x600 && cp <= 0x6ff) || (cp >= 0x750 && cp <= 0x77f) || (cp >= 0x8a0 && cp <= 0x8ff) || (cp >= 0xfb50 && cp <= 0xfeff)) s = 'Arab';
    else if (cp >= 0x590 && cp <= 0x5ff) s = 'Hebr';
    else if (cp >= 0x900 && cp <= 0x97f) s = 'Deva';
    else if (cp >= 0x980 && cp <= 0x9ff) s = 'Beng';
    else if (cp >= 0xe00 && cp <= 0xe7f) s = 'Thai';
    else if ((cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0x3130 && cp <= 0x318f)) s = 'Hang';
    else if (cp >= 0x3040 && cp <= 0x30ff) {
      kana++;
      s = 'Jpan';
    } else if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0xf900 && cp <= 0xfaff)) s = 'Hani';
    if (!s) continue;
    counts.set(s, (counts.get(s) ?? 0) + 1);
    if (++seen >= 400) break;
  }
  if (kana > 0) return 'Jpan';
  let best: Script | null = null;
  let bestCount = 0;
  for (const [s, n] of counts) {
    if (n > bestCount) {
      best = s;
      bestCount = n;
    }
  }
  return best;
}

function lexiconsForScript(script: Script): string[] {
  const out: string[] = [];
  for (const lex of TRIGGER_LEXICONS.values()) {
    if (lex.scripts.includes(script)) out.push(lex.code);
  }
  // Kanji-only Japanese text is rare in statutes; Chinese is the better first guess for pure Han.
  if (script === 'Hani') out.sort((a, b) => (a === 'cmn' ? -1 : b === 'cmn' ? 1 : 0));
  return out;
}

/**
 * The lexicons to try for a sentence. A known language is used alone unless the text is plainly
 * in another script (a mislabelled segment), in which case that script's languages are tried too.
 */
function candidateLanguages(text: string, lang: string | null): string[] {
  const code = lexiconCode(lang);
  if (code) {
    const lex = TRIGGER_LEXICONS.get(code);
    const script = detectScript(text);
    if (!lex || !script || lex.scripts.includes(script) || (script === 'Hani' && lex.scripts.includes('Jpan'))) return [code];
    return [code, ...lexiconsForScript(script).filter((c) => c !== code)];
  }
  const script = detectScript(text);
  return script ? lexiconsForScript(script) : [];
}

// ───────────────────────────── matching ─────────────────────────────

const MAX_SENTENCE = 5000;

const SENTENCE_OPENERS = /[.!?:;"“«(\u2014\u2013-]\s*$/u;

function rejectedCapitalised(c: CompiledLexicon, text: string, start: number, end: number): boolean {
  if (c.capitalised.size === 0) return false;
  const word = text.slice(start, end);
  if (!c.capitalised.has(word.toLowerCase())) return false;
  const first = word[0] ?? '';
  if (first === first.toLowerCase()) return false;
  const before = text.slice(0, start);
  // Capitalised at the start of a sentence or list item it is still the modal verb.
  return before.trim() !== '' && !SENTENCE_OPENERS.test(before);
}

function rank(m: Modality): number {
  return MODALITY_PRECEDENCE.indexOf(m);
}

/** Longest match wins an overlap ("shall have the right" over "shall"); ties go by precedence. */
function resolveOverlaps(cands: TriggerMatch[]): TriggerMatch[] {
  const sorted = [...cands].sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
      rank(a.modality) - rank(b.modality) ||
      (a.strength === b.strength ? 0 : a.strength === 'strong' ? -1 : 1) ||
      a.start - b.start,
  );
  const kept: TriggerMatch[] = [];
  for (const c of sorted) {
    if (kept.every((k) => c.end <= k.start || c.start >= k.end)) kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** A trigger is subordinate when a subordinator precedes it inside the same comma-delimited chunk. */
function markSubordinate(c: CompiledLexicon, text: string, matches: TriggerMatch[]): void {
  if (!c.subordinators) return;
  for (const m of matches) {
    const before = text.slice(0, m.start);
    const chunkStart = Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf(':'), before.lastIndexOf('،'));
    const chunk = before.slice(chunkStart + 1);
    c.subordinators.lastIndex = 0;
    m.subordinate = c.subordinators.test(chunk);
  }
}

/** Non-empty matches of one trigger pattern, minus capitalised false friends; lazy, so a test can stop at the first. */
function* triggerSpans(c: CompiledLexicon, re: RegExp, text: string): Generator<{ start: number; end: number }> {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const start = m.index;
    const end = start + m[0].length;
    if (!rejectedCapitalised(c, text, start, end)) yield { start, end };
  }
}

function matchesFor(c: CompiledLexicon, text: string): TriggerMatch[] {
  const cands: TriggerMatch[] = [];
  for (const g of c.groups) {
    for (const { start, end } of triggerSpans(c, g.re, text)) {
      cands.push({ modality: g.modality, strength: g.weak ? 'weak' : 'strong', start, end, subordinate: false });
    }
  }
  const kept = resolveOverlaps(cands);
  markSubordinate(c, text, kept);
  return kept;
}

/** All non-overlapping deontic triggers of `text` for one language (ISO 639-3 or alias). */
export function findTriggers(text: string, lang: string): TriggerMatch[] {
  const code = lexiconCode(lang);
  const c = code ? compiledFor(code) : null;
  return c ? matchesFor(c, text) : [];
}

function pick(matches: TriggerMatch[]): { match: TriggerMatch; mainClause: boolean } | null {
  if (matches.length === 0) return null;
  const main = matches.filter((m) => !m.subordinate);
  const pool = main.length > 0 ? main : matches;
  const strong = pool.filter((m) => m.strength === 'strong');
  const tier = strong.length > 0 ? strong : pool;
  let best: TriggerMatch | null = null;
  for (const m of tier) {
    if (!best || rank(m.modality) < rank(best.modality)) best = m;
  }
  return best ? { match: best, mainClause: main.length > 0 } : null;
}

function score(matches: TriggerMatch[]): number {
  let s = 0;
  for (const m of matches) s += m.strength === 'strong' ? 2 : 1;
  return s;
}

/**
 * Deontic modality of one sentence. Tries `lang` first; when it is null, 'und' or not covered, tries
 * every language written in the sentence's script and keeps the one with the most trigger evidence.
 * Precedence inside a sentence: main-clause triggers over subordinate ones, strong over weak, then
 * exemption > prohibition > obligation > permission.
 */
export function classifySentence(sentence: string, lang: string | null): DeonticClassification | null {
  // A "sentence" this long is a segmentation failure; bounding it keeps the per-match clause scan
  // from going quadratic. The prefilter below reads whole segments and is not capped.
  const text = sentence.length > MAX_SENTENCE ? sentence.slice(0, MAX_SENTENCE) : sentence;
  let bestLang: string | null = null;
  let bestMatches: TriggerMatch[] = [];
  let bestScore = 0;
  for (const code of candidateLanguages(text, lang)) {
    const c = compiledFor(code);
    if (!c) continue;
    const matches = matchesFor(c, text);
    const s = score(matches);
    if (s > bestScore) {
      bestLang = code;
      bestMatches = matches;
      bestScore = s;
    }
    // The requested language, when it matches, is trusted over a same-script guess.
    if (s > 0 && code === lexiconCode(lang)) break;
  }
  const chosen = pick(bestMatches);
  if (!chosen || !bestLang) return null;
  const { match, mainClause } = chosen;
  return {
    modality: match.modality,
    trigger: text.slice(match.start, match.end),
    index: match.start,
    strength: match.strength,
    mainClause,
    language: bestLang,
  };
}

/**
 * Recall-first prefilter: true when any trigger (weak ones included) or any recall cue of the
 * language occurs. Deciding which segments reach the LLM, a false positive costs compute, a false
 * negative loses an obligation, so this errs on the side of firing.
 */
export function hasDeonticTrigger(text: string, lang: string | null): boolean {
  for (const code of candidateLanguages(text, lang)) {
    const c = compiledFor(code);
    if (!c) continue;
    if (c.cues) {
      c.cues.lastIndex = 0;
      if (c.cues.test(text)) return true;
    }
    for (const g of c.groups) {
      if (!triggerSpans(c, g.re, text).next().done) return true;
    }
  }
  return false;
}
