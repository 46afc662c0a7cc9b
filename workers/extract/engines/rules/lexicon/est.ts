import type { LanguageLexicon } from './types.ts';

/** Estonian: deontic triggers (syntax in types.ts). */
export const lexicon: LanguageLexicon = {
  code: 'est',
  name: 'Estonian',
  scripts: ['Latn'],
  segmentation: 'space',
  subjectSide: 'before',
  prohibition: [
    'ei (?:[^\\s,;:.()]+ )?tohi',
    '(?:on|ole) (?:[^\\s,;:.()]+ )?keelatud',
    'keelatakse',
    'ei ole (?:[^\\s,;:.()]+ )?lubatud',
    '~ei (?:[^\\s,;:.()]+ )?või',
  ],
  obligation: [
    'peab',
    'peavad',
    'pidama',
    '(?:on|ole) (?:[^\\s,;:.()]+ )?kohustatud',
    '(?:on|ole) (?:[^\\s,;:.()]+ )?kohustus',
    'kohustub',
    'kohustuvad',
    'tuleb',
    '~peaks',
    '~peaksid',
  ],
  permission: [
    'võib',
    'võivad',
    'tohib',
    'tohivad',
    '(?:on|ole) (?:[^\\s,;:.()]+ )?õigus',
    '(?:on|ole) (?:[^\\s,;:.()]+ )?(?:lubatud|volitatud)',
  ],
  exemption: [
    'ei (?:[^\\s,;:.()]+ ){0,2}?(?:kohaldata|kohaldu|kohaldatakse)',
    'ei (?:[^\\s,;:.()]+ )?pea',
    '(?:on|ole) (?:[^\\s,;:.()]+ )?vabastatud',
    '~erandina',
  ],
  cues: [
    // Prescriptive present: EU translations state most duties in the indicative.
    'teatab',
    'teavitab',
    'esitab',
    'annab',
    'rakendab',
    'määrab',
    'teeb koostööd',
    'dokumenteerib',
    'avaldab',
    'võtab',
    'esitatakse',
    'teatatakse',
    'säilitab',
    'kohustu\\p{L}*', 'õigus\\p{L}*', 'keel\\p{L}*', 'tagab', 'tagavad', 'trahv\\p{L}*'],
  // ── present-tense duties (present-duty.ts) ──
  roleNouns: ["vastutav(?:ad)? töötleja(?:d)?", "volitatud töötleja(?:d)?", "(?:juhtiv )?järelevalveasutus(?:ed)?", "pädev(?:ad)? asutus(?:ed)?", "liikmesriigid", "liikmesriik", "komisjon", "andmekaitsenõukogu", "nõukogu", "sekretariaat", "eesistuja", "andmekaitseametnik", "esindaja", "sertifitseerimisasutus(?:ed)?", "järelevalveorgan", "pakkuja(?:d)?", "juurutaja(?:d)?", "tööandja(?:d)?", "importija(?:d)?", "turustaja(?:d)?", "tootja(?:d)?"],
  determiners: ["iga", "kõik"],
  negation: ["ei"],
  freeOrder: true,
};
