import { ISO639_1_TO_3, ISO639_3_TO_1 } from './iso639.ts';

/**
 * ISO 639-3 (as franc reports it) → BCP-47. franc uses individual-language codes for some
 * macrolanguages (cmn for Chinese, arb for Arabic, ekk for Estonian, lvs for Latvian, zlm for
 * Malay, pes for Persian); both those and the macrolanguage codes map to the usual 2-letter tag.
 * Codes missing here get 'und' rather than a guessed tag.
 */
const ISO3_TO_BCP47: Readonly<Record<string, string>> = {
  // The 24 official EU languages.
  bul: 'bg', ces: 'cs', dan: 'da', deu: 'de', ell: 'el', eng: 'en', spa: 'es', est: 'et', ekk: 'et',
  fin: 'fi', fra: 'fr', gle: 'ga', hrv: 'hr', hun: 'hu', ita: 'it', lit: 'lt', lav: 'lv', lvs: 'lv',
  mlt: 'mt', nld: 'nl', pol: 'pl', por: 'pt', ron: 'ro', slk: 'sk', slv: 'sl', swe: 'sv',
  // Other languages common in regulation and contracts.
  cmn: 'zh', zho: 'zh', jpn: 'ja', kor: 'ko', arb: 'ar', ara: 'ar', rus: 'ru', ukr: 'uk', bel: 'be',
  hin: 'hi', ben: 'bn', urd: 'ur', pes: 'fa', fas: 'fa', prs: 'fa', heb: 'he', tur: 'tr', ind: 'id',
  zlm: 'ms', zsm: 'ms', msa: 'ms', vie: 'vi', tha: 'th', tgl: 'tl', nob: 'nb', nno: 'nn', nor: 'no',
  isl: 'is', cat: 'ca', glg: 'gl', eus: 'eu', srp: 'sr', bos: 'bs', mkd: 'mk', sqi: 'sq', als: 'sq',
  kat: 'ka', hye: 'hy', aze: 'az', azj: 'az', kaz: 'kk', uzb: 'uz', uzn: 'uz', swa: 'sw', swh: 'sw',
  afr: 'af', amh: 'am', hau: 'ha', yor: 'yo', ibo: 'ig', zul: 'zu', xho: 'xh', som: 'so', mar: 'mr',
  tam: 'ta', tel: 'te', guj: 'gu', kan: 'kn', mal: 'ml', pan: 'pa', npi: 'ne', nep: 'ne', sin: 'si',
  mya: 'my', khm: 'km', lao: 'lo', mon: 'mn', khk: 'mn', cym: 'cy', ltz: 'lb', lat: 'la',
};

const TO_BCP47 = new Map(Object.entries(ISO3_TO_BCP47));

/** 2-letter tag → the ISO 639-3 code detection itself returns for it (zh → cmn, ar → arb). */
const FROM_BCP47: ReadonlyMap<string, string> = (() => {
  const out = new Map<string, string>([['zh', 'cmn'], ['ar', 'arb'], ['et', 'ekk'], ['lv', 'lvs'], ['ms', 'zlm'], ['fa', 'pes']]);
  for (const [iso3, tag] of TO_BCP47) if (!out.has(tag)) out.set(tag, iso3);
  return out;
})();

export const UNDETERMINED = 'und';

/**
 * BCP-47 takes the two-letter code where ISO 639-1 has one and the ISO 639-3 code otherwise
 * (RFC 5646 §2.2.1), so every language a detector names (franc: 409) gets a valid tag.
 */
export function toBcp47(iso3: string): string {
  const known = TO_BCP47.get(iso3) ?? ISO639_3_TO_1.get(iso3);
  if (known) return known;
  return /^[a-z]{3}$/.test(iso3) && iso3 !== UNDETERMINED ? iso3 : UNDETERMINED;
}

/** The ISO 639-3 codes with a BCP-47 mapping here: the languages documents realistically use. */
export const WELL_KNOWN_CODES: readonly string[] = [...TO_BCP47.keys()];

/** Codes detection prefers when a near-tie involves an obscure look-alike (eng vs sco). */
export function isWellKnownLanguage(iso3: string): boolean {
  return TO_BCP47.has(iso3);
}

/**
 * Read a user's language hint: "fr", "fr-CA", "FRA", "fra". Returns the ISO 639-3 code, or null
 * when the hint is not a language this module knows (then detection decides).
 */
export function parseLanguageHint(hint: string | null | undefined): string | null {
  if (!hint) return null;
  const primary = hint.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (primary.length === 2) return FROM_BCP47.get(primary) ?? ISO639_1_TO_3[primary] ?? null;
  return TO_BCP47.has(primary) || ISO639_3_TO_1.has(primary) ? primary : null;
}
