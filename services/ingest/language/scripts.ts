import { countChars } from '../text/count-chars.ts';
import { QWEN_LANGUAGES, type QwenLanguage } from './qwen-languages.ts';

/**
 * Writing systems: which scripts each of Qwen's 201 languages is written in, which languages a
 * script can stand for, and the dominant script of a text. Script names are Unicode's
 * (`\p{Script=…}`), with "Japanese" for Han mixed with kana and "Korean" for Hangul (with Han).
 *
 * Sources: Unicode CLDR likely-subtags and the ISO 15924 registry for the usual script of each
 * language; where a language is written in more than one script in current legislation (Serbian,
 * Bosnian, Uzbek, Kashmiri, Punjabi, Meitei) every one is listed, the usual one first.
 */
export type Script =
  | 'Latin' | 'Cyrillic' | 'Greek' | 'Armenian' | 'Georgian' | 'Hebrew' | 'Arabic' | 'Devanagari' | 'Bengali'
  | 'Gurmukhi' | 'Gujarati' | 'Oriya' | 'Tamil' | 'Telugu' | 'Kannada' | 'Malayalam' | 'Sinhala' | 'Thai' | 'Lao'
  | 'Tibetan' | 'Myanmar' | 'Khmer' | 'Ethiopic' | 'Han' | 'Japanese' | 'Korean' | 'Thaana' | 'Syriac'
  | 'Tifinagh' | 'Meetei_Mayek' | 'Ol_Chiki';

/** Languages not written in Latin script only (ISO 639-3 as in QWEN_LANGUAGES); everyone else is Latin. */
const NON_LATIN: Readonly<Record<string, readonly Script[]>> = {
  bul: ['Cyrillic'], rus: ['Cyrillic'], ukr: ['Cyrillic'], bel: ['Cyrillic'], srp: ['Cyrillic', 'Latin'], mkd: ['Cyrillic'],
  bos: ['Latin', 'Cyrillic'], kaz: ['Cyrillic'], bak: ['Cyrillic'], tat: ['Cyrillic'], tgk: ['Cyrillic'], kir: ['Cyrillic'],
  mhr: ['Cyrillic'], khk: ['Cyrillic'], uzn: ['Latin', 'Cyrillic'], crh: ['Latin', 'Cyrillic'],
  ell: ['Greek'], hye: ['Armenian'], kat: ['Georgian'], heb: ['Hebrew'], ydd: ['Hebrew'],
  arb: ['Arabic'], ars: ['Arabic'], apc: ['Arabic'], arz: ['Arabic'], ary: ['Arabic'], acm: ['Arabic'], acq: ['Arabic'],
  aeb: ['Arabic'], afb: ['Arabic'], arq: ['Arabic'], apd: ['Arabic'], ayl: ['Arabic'], fas: ['Arabic'], prs: ['Arabic'],
  urd: ['Arabic'], snd: ['Arabic', 'Devanagari'], ckb: ['Arabic'], pbu: ['Arabic'], uig: ['Arabic'], kas: ['Arabic', 'Devanagari'],
  hin: ['Devanagari'], mar: ['Devanagari'], nep: ['Devanagari'], hne: ['Devanagari'], awa: ['Devanagari'], mai: ['Devanagari'],
  bho: ['Devanagari'], mag: ['Devanagari'], san: ['Devanagari'], dhd: ['Devanagari'], mwr: ['Devanagari'], ahr: ['Devanagari'],
  bfy: ['Devanagari'], bgq: ['Devanagari'], bns: ['Devanagari'], bra: ['Devanagari'], kfy: ['Devanagari'],
  ben: ['Bengali'], asm: ['Bengali'], mni: ['Bengali', 'Meetei_Mayek'], pan: ['Gurmukhi', 'Arabic'], guj: ['Gujarati'],
  ory: ['Oriya'], tam: ['Tamil'], tel: ['Telugu'], kan: ['Kannada'], tcy: ['Kannada'], mal: ['Malayalam'], sin: ['Sinhala'],
  tha: ['Thai'], lao: ['Lao'], bod: ['Tibetan'], mya: ['Myanmar'], shn: ['Myanmar'], khm: ['Khmer'],
  amh: ['Ethiopic'], tir: ['Ethiopic'], cmn: ['Han'], yue: ['Han'], jpn: ['Japanese'], kor: ['Korean'], kab: ['Latin', 'Tifinagh'],
};

export function scriptsOfLanguage(iso3: string): readonly Script[] {
  return NON_LATIN[iso3] ?? ['Latin'];
}

export function scriptsOf(language: QwenLanguage): readonly Script[] {
  return scriptsOfLanguage(language.iso6393);
}

/**
 * Script → the Qwen languages written in it (first script only for the usual one; all listed
 * scripts count). Latin has ~130; Gurmukhi, Sinhala, Korean, Greek, … have one.
 */
export const LANGUAGES_BY_SCRIPT: ReadonlyMap<Script, readonly string[]> = (() => {
  const out = new Map<Script, string[]>();
  for (const l of QWEN_LANGUAGES) {
    for (const s of scriptsOf(l)) {
      const list = out.get(s) ?? [];
      if (!list.includes(l.iso6393)) list.push(l.iso6393);
      out.set(s, list);
    }
  }
  return out;
})();

/** Unicode script property → our Script. Kana and Hangul are classed below (with Han). */
const PROPERTY_SCRIPTS: readonly Script[] = [
  'Latin', 'Cyrillic', 'Greek', 'Armenian', 'Georgian', 'Hebrew', 'Arabic', 'Devanagari', 'Bengali', 'Gurmukhi', 'Gujarati',
  'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala', 'Thai', 'Lao', 'Tibetan', 'Myanmar', 'Khmer', 'Ethiopic',
  'Thaana', 'Syriac', 'Tifinagh', 'Meetei_Mayek', 'Ol_Chiki',
];
const SCRIPT_RES: ReadonlyArray<[Script, RegExp]> = PROPERTY_SCRIPTS.map((s) => [s, new RegExp(`\\p{Script=${s}}+`, 'gu')]);
const HAN = /\p{Script=Han}+/gu;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]+/gu;
const HANGUL = /\p{Script=Hangul}+/gu;

export interface ScriptCount {
  script: Script;
  letters: number;
}

const LETTER = /\p{L}/u;
const SINGLE: ReadonlyArray<[Script, RegExp]> = PROPERTY_SCRIPTS.map((s) => [s, new RegExp(`\\p{Script=${s}}`, 'u')]);
const HAN_1 = /\p{Script=Han}/u;
const KANA_1 = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL_1 = /\p{Script=Hangul}/u;
type Bucket = Script | 'han' | 'kana' | 'hangul' | null;
/** Code point → script, filled as letters are met (a few hundred entries per language). */
const BUCKET = new Map<number, Bucket>();

function bucketOf(ch: string): Bucket {
  const cp = ch.codePointAt(0)!;
  let b = BUCKET.get(cp);
  if (b !== undefined) return b;
  b = !LETTER.test(ch) ? null : HAN_1.test(ch) ? 'han' : KANA_1.test(ch) ? 'kana' : HANGUL_1.test(ch) ? 'hangul' : SINGLE.find(([, re]) => re.test(ch))?.[0] ?? null;
  BUCKET.set(cp, b);
  return b;
}

/** Texts longer than this are counted with whole-text regexes (native, faster per character); shorter ones a letter at a time. */
const PER_LETTER_BELOW = 400;

/**
 * Letters per script, most first. Han with kana is Japanese, Han with Hangul Korean (kana or
 * Hangul at all: Japanese and Korean texts may be mostly Han, Chinese never has either).
 */
export function scriptCounts(text: string): ScriptCount[] {
  const counts = new Map<Script, number>();
  let han = 0;
  let kana = 0;
  let hangul = 0;
  if (text.length < PER_LETTER_BELOW) {
    for (const ch of text) {
      const b = bucketOf(ch);
      if (b === null) continue;
      if (b === 'han') han++;
      else if (b === 'kana') kana++;
      else if (b === 'hangul') hangul++;
      else counts.set(b, (counts.get(b) ?? 0) + 1);
    }
  } else {
    for (const [script, re] of SCRIPT_RES) {
      const n = countChars(text, re);
      if (n) counts.set(script, n);
    }
    han = countChars(text, HAN);
    kana = countChars(text, KANA);
    hangul = countChars(text, HANGUL);
  }
  const out: ScriptCount[] = [...counts].map(([script, letters]) => ({ script, letters }));
  const cjk = han + kana + hangul;
  // The shares detect-language.ts's script evidence used: Hangul ≥ 20% of CJK letters is Korean,
  // kana ≥ 5% Japanese (Japanese statutes are mostly kanji; a Chinese text may quote one kana word).
  if (hangul && hangul / cjk >= 0.2) out.push({ script: 'Korean', letters: cjk });
  else if (kana && kana / cjk >= 0.05) out.push({ script: 'Japanese', letters: cjk });
  else if (cjk) out.push({ script: 'Han', letters: cjk });
  return out.sort((a, b) => b.letters - a.letters);
}

/** The script most of the text's letters are in, or null for a text without letters. */
export function dominantScript(text: string): ScriptCount | null {
  return scriptCounts(text)[0] ?? null;
}
