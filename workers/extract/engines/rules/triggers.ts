/**
 * Deontic trigger lexicons: one file per language under lexicon/ (see lexicon/types.ts for the
 * pattern syntax). This module only indexes them and maps language codes onto them.
 */
import type { Modality } from '../../../../schemas/obligation.ts';
import { LEXICONS } from './lexicon/index.ts';
import type { LanguageLexicon } from './lexicon/types.ts';

export type { LanguageLexicon, Script, TriggerLexicon } from './lexicon/types.ts';

/** Deontic modality order used when triggers overlap or compete: earlier wins. */
export const MODALITY_PRECEDENCE: readonly Modality[] = ['exemption', 'prohibition', 'obligation', 'permission'];

const lexicons: readonly LanguageLexicon[] = LEXICONS;

export const TRIGGER_LEXICONS: ReadonlyMap<string, LanguageLexicon> = new Map(lexicons.map((l) => [l.code, l]));

/** ISO 639-3 codes with their own lexicon. */
export const COVERED_LANGUAGES: readonly string[] = lexicons.map((l) => l.code);

/**
 * Other codes callers may hold (ISO 639-1, macrolanguage members, legacy codes) mapped onto the
 * lexicon that reads them. Bosnian and Montenegrin share the Croatian/Serbian modal system; Nynorsk
 * spellings (ikkje, gjeld, treng) are already in the Norwegian lexicon.
 */
export const LANGUAGE_ALIASES: ReadonlyMap<string, string> = new Map([
  ['en', 'eng'], ['fr', 'fra'], ['fre', 'fra'], ['de', 'deu'], ['ger', 'deu'], ['es', 'spa'], ['it', 'ita'],
  ['pt', 'por'], ['nl', 'nld'], ['dut', 'nld'], ['sv', 'swe'], ['da', 'dan'], ['fi', 'fin'], ['et', 'est'],
  ['ekk', 'est'], ['lv', 'lav'], ['lvs', 'lav'], ['lt', 'lit'], ['pl', 'pol'], ['cs', 'ces'], ['cze', 'ces'],
  ['sk', 'slk'], ['slo', 'slk'], ['sl', 'slv'], ['hr', 'hrv'], ['bs', 'hrv'], ['bos', 'hrv'], ['cnr', 'srp'],
  ['sr', 'srp'], ['bg', 'bul'], ['ro', 'ron'], ['rum', 'ron'], ['mo', 'ron'], ['hu', 'hun'], ['el', 'ell'],
  ['gre', 'ell'], ['ga', 'gle'], ['mt', 'mlt'], ['zh', 'cmn'], ['zho', 'cmn'], ['chi', 'cmn'], ['ja', 'jpn'],
  ['ar', 'ara'], ['arb', 'ara'], ['ru', 'rus'], ['uk', 'ukr'], ['be', 'bel'], ['mk', 'mkd'], ['mac', 'mkd'],
  ['hi', 'hin'], ['bn', 'ben'], ['ur', 'urd'], ['fa', 'fas'], ['per', 'fas'], ['pes', 'fas'], ['he', 'heb'],
  ['iw', 'heb'], ['tr', 'tur'], ['id', 'ind'], ['ms', 'msa'], ['zsm', 'msa'], ['may', 'msa'], ['vi', 'vie'],
  ['th', 'tha'], ['ko', 'kor'], ['tl', 'tgl'], ['fil', 'tgl'], ['sw', 'swa'], ['swh', 'swa'], ['ca', 'cat'],
  ['gl', 'glg'], ['eu', 'eus'], ['baq', 'eus'], ['is', 'isl'], ['ice', 'isl'], ['no', 'nob'], ['nor', 'nob'],
  ['nb', 'nob'], ['nn', 'nob'], ['nno', 'nob'], ['sq', 'sqi'], ['alb', 'sqi'], ['als', 'sqi'], ['af', 'afr'],
]);

/** Resolves any accepted language code to a lexicon code, or null when the language is not covered. */
export function lexiconCode(lang: string | null | undefined): string | null {
  if (!lang) return null;
  const code = lang.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (TRIGGER_LEXICONS.has(code)) return code;
  return LANGUAGE_ALIASES.get(code) ?? null;
}
