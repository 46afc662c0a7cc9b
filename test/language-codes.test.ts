import { describe, expect, it } from 'vitest';
import { isWellKnownLanguage, parseLanguageHint, toBcp47, WELL_KNOWN_CODES } from '../services/ingest/language/codes.ts';
import { ISO639_1_TO_3, ISO639_3_TO_1 } from '../services/ingest/language/iso639.ts';

/**
 * ISO 639-3 → BCP 47, checked against answers written here (from the ISO 639-2/3 registration
 * authority's tables), not against the module's own tables. Deprecated tags are the classic
 * slip: Hebrew is `he` (not `iw`), Indonesian `id` (not `in`), Yiddish `yi` (not `ji`), Ukrainian
 * `uk` (not the country code `ua`).
 */
const EXPECTED: Readonly<Record<string, string>> = {
  ukr: 'uk', heb: 'he', ind: 'id', ydd: 'yi', yid: 'yi', nob: 'nb', nno: 'nn', nor: 'no', ell: 'el', ces: 'cs',
  slk: 'sk', slv: 'sl', swe: 'sv', dan: 'da', deu: 'de', nld: 'nl', fra: 'fr', spa: 'es', por: 'pt', ita: 'it',
  ron: 'ro', pol: 'pl', hun: 'hu', fin: 'fi', est: 'et', ekk: 'et', lav: 'lv', lvs: 'lv', lit: 'lt', gle: 'ga',
  mlt: 'mt', bul: 'bg', hrv: 'hr', srp: 'sr', bos: 'bs', mkd: 'mk', sqi: 'sq', als: 'sq', eng: 'en', rus: 'ru',
  bel: 'be', kat: 'ka', hye: 'hy', tur: 'tr', arb: 'ar', ara: 'ar', pes: 'fa', fas: 'fa', urd: 'ur', hin: 'hi',
  ben: 'bn', cmn: 'zh', zho: 'zh', jpn: 'ja', kor: 'ko', vie: 'vi', tha: 'th', zsm: 'ms', msa: 'ms', swh: 'sw',
  swa: 'sw', amh: 'am', zul: 'zu', xho: 'xh', yor: 'yo', ibo: 'ig', hau: 'ha', som: 'so', cym: 'cy', eus: 'eu',
  cat: 'ca', glg: 'gl', isl: 'is', ltz: 'lb', lat: 'la', mon: 'mn', khk: 'mn', npi: 'ne', nep: 'ne', sin: 'si',
  tam: 'ta', tel: 'te', kan: 'kn', mal: 'ml', mar: 'mr', guj: 'gu', pan: 'pa', mya: 'my', khm: 'km', lao: 'lo',
  kaz: 'kk', uzn: 'uz', azj: 'az', tgl: 'tl', afr: 'af', yue: 'yue', haw: 'haw', sco: 'sco', fil: 'tl',
};

/**
 * Codes where the module deliberately differs from ICU's canonical form, each for a stated reason.
 * Everything else is cross-checked against ICU (Intl.getCanonicalLocales applies CLDR's alias
 * data: ukr → uk, iw → he), an implementation independent of this project.
 */
const ICU_DIFFERENCES: Readonly<Record<string, string>> = {
  zlm: 'Malay (individual language): detectors report zlm for Malay text, tagged ms; ICU keeps zlm',
  twi: 'Twi: ICU folds tw into the Akan macrolanguage (ak); tw is still a valid ISO 639-1 code',
  pnb: 'Western Punjabi: ICU maps it to the Lahnda macrolanguage (lah); documents tag it pa',
  ikt: 'Inuinnaqtun: ICU keeps ikt; the module tags it with its macrolanguage iu',
  tgl: 'ICU rewrites tl to fil; both name Tagalog/Filipino',
  fil: 'ICU rewrites tl to fil; both name Tagalog/Filipino',
};

const primary = (tag: string) => Intl.getCanonicalLocales(tag)[0]!.split('-')[0]!;

describe('ISO 639-3 → BCP 47', () => {
  it.each(Object.entries(EXPECTED))('%s → %s', (iso3, tag) => {
    expect(toBcp47(iso3)).toBe(tag);
  });

  it('agrees with ICU for every code it maps, except the listed deliberate differences', () => {
    const codes = [...new Set([...WELL_KNOWN_CODES, ...ISO639_3_TO_1.keys(), ...Object.values(ISO639_1_TO_3)])];
    const disagreements = codes
      .filter((c) => !(c in ICU_DIFFERENCES) && primary(toBcp47(c)) !== primary(c))
      .map((c) => `${c} → ${toBcp47(c)} (ICU: ${primary(c)})`);
    expect(disagreements).toEqual([]);
    expect(codes.length).toBeGreaterThan(180);
  });

  it('keeps an unmapped but well-formed ISO 639-3 code, and answers und for anything else', () => {
    expect(toBcp47('gsw')).toBe('gsw');
    expect(toBcp47('und')).toBe('und');
    expect(toBcp47('constructor')).toBe('und');
    expect(toBcp47('EN')).toBe('und');
    expect(toBcp47('')).toBe('und');
  });
});

describe('language hints → ISO 639-3', () => {
  it.each([
    ['uk', 'ukr'], ['uk-UA', 'ukr'], ['he', 'heb'], ['id', 'ind'], ['nb', 'nob'], ['zh-Hant-TW', 'cmn'], ['ar', 'arb'],
    ['et', 'ekk'], ['lv', 'lvs'], ['ms', 'zlm'], ['fa', 'pes'], ['EL', 'ell'], ['pt_BR', 'por'], [' de ', 'deu'],
    ['heb', 'heb'], ['UKR', 'ukr'], ['yo', 'yor'], ['ha', 'hau'], ['aar', 'aar'], ['zsm', 'zsm'],
  ])('%s → %s', (hint, iso3) => {
    expect(parseLanguageHint(hint)).toBe(iso3);
  });

  it.each(['xx', 'iw-x', 'qqq', 'english', '', '-', null, undefined])('rejects %s', (hint) => {
    expect(parseLanguageHint(hint)).toBeNull();
  });

  it('round-trips: a two-letter tag made from a detected code reads back as a hint naming the same language', () => {
    // Three-letter tags (yue, haw) are kept as tags but are not hints the module knows: detection decides those.
    for (const [iso3, tag] of Object.entries(EXPECTED).filter(([, t]) => t.length === 2)) {
      const back = parseLanguageHint(tag);
      expect(back, `${iso3} → ${tag} → ${back}`).not.toBeNull();
      expect(toBcp47(back!), `${iso3} → ${tag} → ${back}`).toBe(tag);
    }
  });
});

describe('well-known languages', () => {
  it('are the mapped ones; look-alikes are not', () => {
    expect(['eng', 'deu', 'cmn', 'heb'].map(isWellKnownLanguage)).toEqual([true, true, true, true]);
    expect(['sco', 'aar', 'und', 'xyz'].map(isWellKnownLanguage)).toEqual([false, false, false, false]);
  });
});
