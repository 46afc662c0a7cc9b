import { francAll } from 'franc-all';
import type { LanguageGuess } from '../../../schemas/text.ts';
import { cld2Detect } from './cld2.ts';
import { isWellKnownLanguage, toBcp47, UNDETERMINED, WELL_KNOWN_CODES } from './codes.ts';

/**
 * Language identification for documents, pages and segments: two detectors, each where it is
 * strong. CLD2 (~80 languages, naive-Bayes over quadgrams, measured 88.6% overall and 82.4% on
 * short texts, ~30× faster) answers when it calls its own result reliable and the top language
 * holds most of the text; otherwise franc-all (trigram profiles, 409 languages) decides, which
 * covers the long tail CLD2 does not know. Script evidence settles Japanese vs Chinese for franc.
 * Callers only see `detectLanguage(text): LanguageGuess`.
 */

/** Below this many letters any trigram guess is noise; say 'und' instead. */
export const MIN_LETTERS = 20;
const TOP_K = 5;
/** franc only reads its first 2048 characters; long texts are sampled in windows across them. */
const WINDOW = 2000;
const MAX_WINDOWS = 5;
/** Top-vs-runner-up gap (as a share of the top-10 spread) that counts as a clear winner. */
const CLEAR_GAP = 0.3;
/** A well-known language this close to an obscure top candidate is preferred (eng over sco). */
const PREFER_WELL_KNOWN_WITHIN = 0.1;
/** Letters at which text length stops limiting confidence. */
const FULL_LENGTH = 200;
const CJK_WEIGHT = 2;

export function detectLanguage(text: string): LanguageGuess {
  return detect(text, MAX_WINDOWS);
}

/** CLD2's top language must cover at least this share of the text to be taken without franc. */
const CLD2_MIN_SHARE = 0.6;
/** CLD2's answer must be among franc's top candidates (see `detect`). */
const CLD2_FRANC_RANK = 5;
/** CLD2 reads bytes; a bounded sample keeps one call cheap on whole documents. */
const CLD2_SAMPLE = 20_000;

function detect(text: string, maxWindows: number, only?: string[]): LanguageGuess {
  const letters = countLetters(text);
  if (letters < MIN_LETTERS) return undetermined();

  const cld = cld2Detect(text.length > CLD2_SAMPLE ? text.slice(0, CLD2_SAMPLE) : text);
  const top = cld?.languages[0];
  const franc = detectWithFranc(text, letters, maxWindows, only);
  // CLD2 knows ~80 languages and names a confident relative for the rest (Bislama for Tok Pisin);
  // it is taken only where franc also ranks its answer near the top, which keeps CLD2's edge on
  // close major languages (Croatian vs Bosnian) without losing franc's long tail.
  const francAgrees = top ? franc.candidates.slice(0, CLD2_FRANC_RANK).some((c) => c.code === top.code) : false;
  if (cld?.reliable && top && top.share >= CLD2_MIN_SHARE && (francAgrees || !franc.candidates.length)) {
    return {
      code: top.code,
      bcp47: toBcp47(top.code),
      confidence: round(top.share * lengthReliability(letters + CJK_WEIGHT * countCjk(text))),
      candidates: cld.languages.slice(0, TOP_K).map((l) => ({ code: l.code, score: round(l.share) })),
    };
  }
  return franc;
}

/** franc-all alone (the long tail, and texts CLD2 is unsure about). Exported for benchmarks. */
export function detectLanguageFranc(text: string): LanguageGuess {
  const letters = countLetters(text);
  if (letters < MIN_LETTERS) return undetermined();
  return detectWithFranc(text, letters, MAX_WINDOWS);
}

function detectWithFranc(text: string, letters: number, maxWindows: number, only?: string[]): LanguageGuess {
  const ranked = preferWellKnown(rank(text, maxWindows, only));
  const { scripted, cjk } = applyScriptEvidence(text, ranked);
  const top = scripted[0];
  if (!top || top[0] === UNDETERMINED) return undetermined();

  const confidence = scripted === ranked ? gapConfidence(scripted) : 1;
  return {
    code: top[0],
    bcp47: toBcp47(top[0]),
    // A CJK character carries about as much as a short Latin word, hence the extra weight.
    confidence: round(confidence * lengthReliability(letters + CJK_WEIGHT * cjk)),
    candidates: scripted.slice(0, TOP_K).map(([code, score]) => ({ code, score: round(score) })),
  };
}

/** Parts shorter than this (in letters) take the surrounding language instead of a guess. */
const MIN_LETTERS_FOR_PART = 40;
/** A part only overrides the surrounding language on a clear guess. */
const MIN_CONFIDENCE_FOR_PART = 0.5;
const PART_WINDOWS = 1;

/**
 * Language of a page or segment inside a document whose language is `inherited` (ISO 639-3 or
 * null). Short or ambiguous parts keep the inherited language: a single English sentence in a
 * French contract should not flip on a weak guess, while a real English paragraph does.
 */
export function languageOfPart(text: string, inherited: string | null): string | null {
  const letters = countLetters(text);
  if (letters === 0) return null;
  if (letters < MIN_LETTERS_FOR_PART) return inherited;
  // Parts are many: one window, and only the well-known languages plus the inherited one as
  // candidates (franc's cost grows with the candidate count; ~10 ms a call against all of them).
  const guess = detect(text, PART_WINDOWS, inherited ? [...WELL_KNOWN_CODES, inherited] : [...WELL_KNOWN_CODES]);
  if (guess.code === UNDETERMINED) return inherited;
  if (!inherited || guess.code === inherited) return guess.code;
  return guess.confidence >= MIN_CONFIDENCE_FOR_PART ? guess.code : inherited;
}

type Ranked = Array<[code: string, score: number]>;

function undetermined(): LanguageGuess {
  return { code: UNDETERMINED, bcp47: UNDETERMINED, confidence: 0, candidates: [] };
}

/** franc scores per window (top = 1), averaged with each window weighted by its letters. */
function rank(text: string, maxWindows: number, only?: string[]): Ranked {
  const totals = new Map<string, number>();
  let weight = 0;
  for (const window of sampleWindows(text, maxWindows)) {
    const w = countLetters(window);
    if (w === 0) continue;
    weight += w;
    for (const [code, score] of francAll(window, { minLength: 1, ...(only ? { only } : {}) })) {
      totals.set(code, (totals.get(code) ?? 0) + score * w);
    }
  }
  if (weight === 0) return [];
  return [...totals].map(([code, s]): [string, number] => [code, s / weight]).sort((a, b) => b[1] - a[1]);
}

function sampleWindows(text: string, maxWindows: number): string[] {
  if (text.length <= WINDOW || maxWindows < 2) return [text.slice(0, WINDOW)];
  const count = Math.min(maxWindows, Math.ceil(text.length / WINDOW));
  const step = (text.length - WINDOW) / (count - 1);
  return Array.from({ length: count }, (_, i) => text.slice(Math.round(i * step), Math.round(i * step) + WINDOW));
}

/**
 * Trigram distances are scaled by text length, so the raw top-two gap shrinks as text grows.
 * Dividing by the spread of the top ten removes that scale: ~0.5 for clear cases, ~0.05 when
 * two close relatives (hrv/bos, spa/glg) are tied. A script with one language (Han, Hangul,
 * Greek) yields a single candidate and full confidence.
 */
function gapConfidence(ranked: Ranked): number {
  const [first, second] = ranked;
  if (!first) return 0;
  if (!second) return 1;
  const floor = ranked[Math.min(9, ranked.length - 1)]![1];
  const spread = first[1] - floor;
  if (spread <= 0) return 0;
  return Math.min(1, Math.max(0, (first[1] - second[1]) / spread / CLEAR_GAP));
}

function preferWellKnown(ranked: Ranked): Ranked {
  const [first] = ranked;
  if (!first || isWellKnownLanguage(first[0]) || ranked.length < 3) return ranked;
  const spread = first[1] - ranked[Math.min(9, ranked.length - 1)]![1];
  const idx = ranked.slice(1, TOP_K).findIndex(
    ([code, score]) => isWellKnownLanguage(code) && spread > 0 && (first[1] - score) / spread < PREFER_WELL_KNOWN_WITHIN,
  );
  if (idx < 0) return ranked;
  const chosen = ranked[idx + 1]!;
  return [chosen, ...ranked.filter((r) => r !== chosen)];
}

/**
 * franc picks the language of the dominant script, so Japanese heavy in kanji comes back as
 * Mandarin. Kana only occur in Japanese and Hangul only in Korean, so a meaningful share of
 * either settles it.
 */
function applyScriptEvidence(text: string, ranked: Ranked): { scripted: Ranked; cjk: number } {
  const kana = count(text, /[\u3041-\u309F\u30A0-\u30FF\u31F0-\u31FF\uFF66-\uFF9D]/gu);
  const hangul = count(text, /[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7AF]/gu);
  const han = count(text, /\p{Script=Han}/gu);
  const cjk = kana + hangul + han;
  if (cjk === 0) return { scripted: ranked, cjk };
  const override = hangul >= 2 && hangul / cjk >= 0.2 ? 'kor' : kana >= 2 && kana / cjk >= 0.05 ? 'jpn' : null;
  if (!override || ranked[0]?.[0] === override) return { scripted: ranked, cjk };
  return { scripted: [[override, 1], ...ranked.filter(([code]) => code !== override)], cjk };
}

/** Short texts are guessed less reliably even when the winner looks clear. */
function lengthReliability(letters: number): number {
  return Math.min(1, 0.35 + (0.65 * letters) / FULL_LENGTH);
}

function countCjk(text: string): number {
  return count(text, /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu);
}

export function countLetters(text: string): number {
  return count(text, /\p{L}/gu);
}

function count(text: string, re: RegExp): number {
  let n = 0;
  re.lastIndex = 0;
  while (re.exec(text)) n++;
  return n;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
