import type { LanguageLexicon } from './types.ts';

/** Finnish: deontic triggers (syntax in types.ts). */
export const lexicon: LanguageLexicon = {
  code: 'fin',
  name: 'Finnish',
  scripts: ['Latn'],
  segmentation: 'space',
  subjectSide: 'before',
  prohibition: [
    '(?:ei|eivät) (?:[^\\s,;:.()]+ )?saa',
    '(?:on|ovat) (?:[^\\s,;:.()]+ )?kiellett\\p{L}*',
    'kielletään',
    '(?:ei|eivät) (?:ole )?(?:sallittu|sallittua)',
    '(?:ei|eivät) (?:ole )?oikeutta',
    '~(?:ei|eivät) (?:[^\\s,;:.()]+ )?voi',
  ],
  obligation: [
    '(?:on|ovat|oltava) (?:[^\\s,;:.()]+ ){0,2}?velvollinen',
    '(?:on|ovat) (?:[^\\s,;:.()]+ ){0,2}?velvollisia',
    '(?:on|ovat) (?:[^\\s,;:.()]+ ){0,3}?\\p{L}+(?:ttava|ttävä|tava|tävä|ttavat|ttävät|ttavaa|ttävää)',
    'täytyy',
    '(?:on|ovat) velvollisuus',
    '~pitää',
    '~(?:tulee|tulisi) (?:\\p{L}+(?:a|ä|da|dä|ta|tä))',
  ],
  permission: [
    'saa',
    'saavat',
    'voi',
    'voivat',
    'voidaan',
    '(?:on|ovat) (?:[^\\s,;:.()]+ )?oikeus',
    '(?:on|ovat) (?:[^\\s,;:.()]+ )?(?:oikeutettu|oikeutettuja|sallittu|sallittua)',
  ],
  exemption: [
    '(?:ei|eivät) (?:[^\\s,;:.()]+ ){0,2}?(?:sovelleta|koske)',
    '(?:on|ovat) (?:[^\\s,;:.()]+ )?vapautettu\\p{L}*',
    '(?:ei|eivät) (?:[^\\s,;:.()]+ )?tarvitse',
    'ei ole (?:[^\\s,;:.()]+ ){0,2}?\\p{L}+(?:ttava|ttävä)',
    '~poiketen',
  ],
  cues: [
    // Prescriptive present: EU translations state most duties in the indicative.
    'ilmoittaa', 'antaa', 'toteuttaa', 'varmistaa', 'ylläpitää', 'nimeää', 'tekee yhteistyötä', 'dokumentoi', 'julkaisee', 'hyväksyy',
    'velvollisuu\\p{L}*', 'oikeu\\p{L}*', 'kielt\\p{L}*', 'varmist\\p{L}*', 'sakko\\p{L}*', 'seuraamus\\p{L}*'],
  // ── present-tense duties (present-duty.ts) ──
  roleNouns: ["rekisterinpitäjä(?:t)?", "henkilötietojen käsittelijä(?:t)?", "käsittelijä(?:t)?", "(?:johtava )?valvontaviranomai(?:nen|set)", "toimivaltai(?:nen|set) viranomai(?:nen|set)", "jäsenvaltiot", "jäsenvaltio", "komissio", "tietosuojaneuvosto", "sihteeristö", "puheenjohtaja", "tietosuojavastaava", "edustaja", "sertifiointielin", "sertifiointielimet", "valvontaelin", "tarjoaja(?:t)?", "käyttöönottaja(?:t)?", "toiminnanharjoittaja(?:t)?", "työnantaja(?:t)?", "maahantuoja(?:t)?", "jakelija(?:t)?", "valmistaja(?:t)?"],
  determiners: ["kukin", "jokainen", "kaikki"],
  negation: ["ei", "eivät"],
  freeOrder: true,
};
