import { francAll } from 'franc-all';
import type { LanguageGuess } from '../../../schemas/text.ts';
import { toBcp47 } from './codes.ts';

/**
 * Close languages that the detectors confuse, decided by what distinguishes them.
 *
 * 1. Relatives CLD2 cannot name: on short texts CLD2 answers with a confident relative (Tok Pisin
 *    → Bislama, Nigerian Pidgin → English, Twi → Akan, Magahi/Bhojpuri → Hindi, Asturian →
 *    Spanish); franc-all, restricted to that answer and its relatives, decides between them. The
 *    lists are the confusions measured on the short-text set (bench/langid.bench.ts), each a
 *    dialect continuum or creole of the host. A franc ranking over three languages costs a
 *    fraction of one over all 400.
 * 2. South Slavic: spellings that only one standard uses. Croatian forms (croatian.ts) are
 *    checked first; then jekavian reflexes (vrijeme, dijete, mjesto, prije, gdje) mark Bosnian,
 *    ekavian ones (vreme, dete, mesto, pre, gde) and "uslov" Serbian; in Cyrillic ђ ћ џ are
 *    Serbian and Bosnian only, ѓ ќ ѕ Macedonian only, щ and ъ Bulgarian (neither Serbian nor
 *    Macedonian has them), "во" Macedonian where the others write "у". Short texts with none of these come back as the macrolanguage (hbs, Serbo-Croatian)
 *    with the three as candidates: the detectors' pick between them is a coin toss there.
 */

const RELATIVES: Readonly<Record<string, readonly string[]>> = {
  eng: ['pcm', 'tpi', 'sco'],
  bis: ['tpi'],
  aka: ['twi'],
  hin: ['mag', 'bho', 'mai', 'awa', 'hne'],
  npi: ['mai', 'bho'],
  nep: ['mai', 'bho'],
  spa: ['ast', 'pap'],
  por: ['kea'],
  ita: ['lij', 'fur', 'vec', 'scn', 'srd', 'lmo'],
  fra: ['oci'],
  cat: ['oci'],
  ind: ['min', 'ban', 'bjn', 'zlm'],
  zlm: ['min', 'ind'],
  msa: ['min', 'ind'],
  kin: ['run'],
  lin: ['kon'],
  tur: ['crh'],
  ceb: ['war'],
  dan: ['nob'],
  mya: ['shn'],
  ckb: ['kmr'],
};

/** franc's winner must lead the host by this share of the host's score to replace it. */
const RELATIVE_MARGIN = 0.02;

export function preferRelative(text: string, guess: LanguageGuess): LanguageGuess {
  // franc-all's "ckb" profile was trained on Latin-script Kurdish, which is Kurmanji (kmr): Sorani
  // (ckb) is written in Arabic script. All 25 Kurmanji short texts came back ckb.
  if (guess.code === 'ckb' && !/\p{Script=Arabic}/u.test(text) && /\p{Script=Latin}/u.test(text)) return relabel(guess, 'kmr');
  const relatives = RELATIVES[guess.code];
  if (!relatives) return guess;
  const ranked = francAll(text, { minLength: 1, only: [guess.code, ...relatives] });
  const [top] = ranked;
  const host = ranked.find(([c]) => c === guess.code)?.[1] ?? 0;
  if (!top || top[0] === guess.code || top[0] === 'und' || top[1] - host < RELATIVE_MARGIN) return guess;
  return {
    ...guess,
    code: top[0],
    bcp47: toBcp47(top[0]),
    candidates: [{ code: top[0], score: top[1] }, ...guess.candidates.filter((c) => c.code !== top[0])].slice(0, 5),
  };
}

/**
 * The jat reflex: "ije" inside a word after a consonant (vrijeme, svijet, porijeklo, riječ) is
 * jekavian — Bosnian, Croatian, Montenegrin; Serbian writes vreme, svet, poreklo, reč. Words
 * with the prefix pri- (prijava, prijatelj: both standards) and word-final -ije (komisije, a
 * genitive in both) do not count. Plus the common short jekavian/ekavian pairs.
 */
const JEKAVIAN = /(?<!\p{L})(?!pri)\p{L}*[bcčćdđfghjklmnprsštvzž]ije\p{L}+|(?<!\p{L})(?:dio|prije|poslije|gdje|ovdje|mjest\p{L}*|djec\p{L}*|mjer\p{L}*|uvjet\p{L}*|vjer\p{L}*)(?!\p{L})/giu;
const EKAVIAN = /(?<!\p{L})(?:vrem\p{L}*|det[eiu]|dec[aeiu]|reč\p{L}*|mest[aou]|mer[aeiu]|deo|pre|posle|lep\p{L}*|svet\p{L}*|gde|ovde|cel\p{L}*|sledeć\p{L}*|rešenj\p{L}*|uslov\p{L}*|porekl\p{L}*|ver[aeiu])(?!\p{L})/giu;
const JEKAVIAN_CYRILLIC = /(?<!\p{L})(?!при)\p{L}*[бвгдђжзклљмнњпрстћфхцчџш]ије\p{L}+|(?<!\p{L})(?:дио|прије|послије|гдје|овдје|мјест\p{L}*|дјец\p{L}*|мјер\p{L}*|увјет\p{L}*|вјер\p{L}*|биђ\p{L}*)(?!\p{L})/giu;
const EKAVIAN_CYRILLIC = /(?<!\p{L})(?:врем\p{L}*|дет[еиу]|дец[аеиу]|реч\p{L}*|мест[аоу]|мер[аеиу]|део|пре|после|леп\p{L}*|свет\p{L}*|где|овде|цел\p{L}*|следећ\p{L}*|решењ\p{L}*|услов\p{L}*|порекл\p{L}*|бић\p{L}*|вер[аеиу])(?!\p{L})/giu;
const LATIN_CLUSTER = new Set(['hrv', 'bos', 'srp']);
const CYRILLIC_CLUSTER = new Set(['srp', 'mkd', 'bul', 'bos']);
/** Below this many letters a South Slavic guess without distinctive spellings is only the macrolanguage. */
const HEDGE_BELOW_LETTERS = 60;

const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;

function relabel(guess: LanguageGuess, code: string): LanguageGuess {
  if (guess.code === code) return guess;
  return { ...guess, code, bcp47: toBcp47(code), candidates: [{ code, score: guess.candidates[0]?.score ?? 1 }, ...guess.candidates.filter((c) => c.code !== code)].slice(0, 5) };
}

/** South Slavic guesses (after preferCroatian) by distinctive spelling; letters: the text's letter count. */
export function preferSouthSlavic(text: string, guess: LanguageGuess, letters: number): LanguageGuess {
  const cyrillic = /\p{Script=Cyrillic}/u.test(text);
  if (cyrillic && CYRILLIC_CLUSTER.has(guess.code)) {
    const serbianAlphabet = /[ђћџ]/u.test(text);
    if (!serbianAlphabet && /[ѓќѕ]/u.test(text)) return relabel(guess, 'mkd');
    if (!serbianAlphabet && /[щъ]/u.test(text) && !/[јљњ]/u.test(text)) return relabel(guess, 'bul');
    // Macedonian "во" where Serbian and Bosnian write "у".
    const mk = count(text, /(?<!\p{L})во(?!\p{L})/gu);
    const sh = count(text, /(?<!\p{L})у(?!\p{L})/gu);
    if (!serbianAlphabet && mk > sh) return relabel(guess, 'mkd');
    if (!serbianAlphabet && guess.code !== 'srp' && guess.code !== 'bos') return guess;
    // Cyrillic is Serbia's script (Bosnian is mostly written in Latin): jekavian forms say
    // Bosnian, anything else stays Serbian rather than being hedged.
    return count(text, JEKAVIAN_CYRILLIC) > count(text, EKAVIAN_CYRILLIC) ? relabel(guess, 'bos') : relabel(guess, 'srp');
  }
  if (cyrillic || !LATIN_CLUSTER.has(guess.code) || guess.code === 'hrv') return guess;
  return jatReflex(guess, count(text, JEKAVIAN), count(text, EKAVIAN), letters, ['hrv', 'bos', 'srp']);
}

/** Jekavian → Bosnian, ekavian → Serbian; neither, on a short text: the macrolanguage with the candidates. */
function jatReflex(guess: LanguageGuess, jek: number, ek: number, letters: number, cluster: readonly string[]): LanguageGuess {
  if (jek > ek) return relabel(guess, 'bos');
  if (ek > jek) return relabel(guess, 'srp');
  if (letters >= HEDGE_BELOW_LETTERS) return guess;
  const ordered = [guess.code, ...cluster.filter((c) => c !== guess.code)];
  return { code: 'hbs', bcp47: 'hbs', confidence: guess.confidence, candidates: ordered.map((code, i) => ({ code, score: i === 0 ? guess.candidates[0]?.score ?? 0 : 0 })) };
}
