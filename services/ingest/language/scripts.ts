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

/**
 * Letters per script, most first. Han with kana is Japanese, Han with Hangul Korean (kana or
 * Hangul at all: Japanese and Korean texts may be mostly Han, Chinese never has either).
 */
export function scriptCounts(text: string): ScriptCount[] {
  const out: ScriptCount[] = [];
  for (const [script, re] of SCRIPT_RES) {
    const n = countChars(text, re);
    if (n) out.push({ script, letters: n });
  }
  const han = countChars(text, HAN);
  const kana = countChars(text, KANA);
  const hangul = countChars(text, HANGUL);
  if (hangul && hangul >= kana) out.push({ script: 'Korean', letters: hangul + han });
  else if (kana) out.push({ script: 'Japanese', letters: kana + han });
  else if (han) out.push({ script: 'Han', letters: han });
  return out.sort((a, b) => b.letters - a.letters);
}

/** The script most of the text's letters are in, or null for a text without letters. */
export function dominantScript(text: string): ScriptCount | null {
  return scriptCounts(text)[0] ?? null;
}
