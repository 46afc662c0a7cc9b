import type { LanguageGuess } from '../../../schemas/text.ts';
import { toBcp47 } from './codes.ts';

/**
 * Croatian vs Bosnian and Serbian in Latin script: close enough that both detectors split them
 * at random on legal text (CLD2 read 29 of the 99 Croatian GDPR articles as Bosnian; franc
 * 76). Their standard vocabularies differ in a few very frequent words, and legal text uses them
 * all the time: točka/tačka, obveza/obaveza, tijekom/tokom, opći/opšti, osobni/lični (personal
 * data), tko/ko, tisuća/hiljada. Where the guess is one of the three and the Croatian forms
 * clearly dominate, the answer is Croatian. Measured on the corpus: Croatian GDPR articles 70.7%
 * → 93.9%, no other GDPR language touched; UDHR Croatian 33 → 40 of 57, Bosnian 40 → 37 of 58.
 */
const CROATIAN = /(?<!\p{L})(?:točk[aeiu]|obvez\p{L}*|tijekom|opć(?:i|eg|em|ih|im|om|enito|a|e|u)|izvješ[ćt]\p{L}*|sukladno|tisuć\p{L}*|tko|sveučilišt\p{L}*|osobn\p{L}*|tjed(?:an|na|nu|ni))(?!\p{L})/giu;
const BOSNIAN_SERBIAN = /(?<!\p{L})(?:tačk[aeiu]|obavez\p{L}*|tokom|opšt\p{L}*|izvje?štaj\p{L}*|hiljad\p{L}*|ko|lični|lične|ličnih|ličnim|ličnog|univerzitet\p{L}*|sedmic\p{L}*)(?!\p{L})/giu;
const CLUSTER = new Set(['hrv', 'bos', 'srp']);
/** Croatian forms must outnumber the Bosnian/Serbian ones by this factor. */
const DOMINANCE = 2;

export function preferCroatian(text: string, guess: LanguageGuess): LanguageGuess {
  if (!CLUSTER.has(guess.code) || guess.code === 'hrv') return guess;
  const croatian = text.match(CROATIAN)?.length ?? 0;
  const other = text.match(BOSNIAN_SERBIAN)?.length ?? 0;
  if (croatian === 0 || croatian <= DOMINANCE * other) return guess;
  return { ...guess, code: 'hrv', bcp47: toBcp47('hrv') };
}
