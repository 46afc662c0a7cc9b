import type { LanguageLexicon } from './types.ts';

/** Danish: deontic triggers (syntax in types.ts). */
export const lexicon: LanguageLexicon = {
  code: 'dan',
  name: 'Danish',
  scripts: ['Latn'],
  segmentation: 'space',
  subjectSide: 'before',
  prohibition: [
    '(?:må|skal) (?:[^\\s,;:.()]+ ){0,4}?(?:ikke|aldrig)',
    '(?:er|bliver) (?:[^\\s,;:.()]+ )?forbudt',
    'det er forbudt',
    'ingen (?:må|kan|skal)',
    '~(?:kan) (?:[^\\s,;:.()]+ ){0,3}?ikke',
  ],
  obligation: [
    'skal',
    'skulle',
    '(?:er|bliver) (?:[^\\s,;:.()]+ )?(?:forpligtet|forpligtede)',
    '(?:har|have) pligt',
    'påhviler',
    '~bør',
  ],
  permission: [
    'kan',
    'må',
    '(?:har|have) (?:[^\\s,;:.()]+ )?ret',
    '(?:er|bliver) (?:[^\\s,;:.()]+ )?(?:berettiget|berettigede|bemyndiget|beføjet)',
    'er tilladt',
  ],
  exemption: [
    '(?:gælder|finder) (?:[^\\s,;:.()]+ ){0,3}?ikke(?: anvendelse)?',
    '(?:er|bliver) (?:[^\\s,;:.()]+ )?(?:undtaget|fritaget)',
    '(?:behøver|skal) (?:[^\\s,;:.()]+ ){0,2}?ikke (?:at )?(?:anvendes|gælde)',
    'behøver (?:[^\\s,;:.()]+ ){0,3}?ikke',
    '~uanset',
    '~som undtagelse fra',
  ],
  cues: [
    // Prescriptive present: EU translations state most duties in the indicative.
    'anmelder',
    'underretter',
    'meddeler',
    'giver',
    'gennemfører',
    'fører',
    'udpeger',
    'samarbejder',
    'dokumenterer',
    'offentliggør',
    'vedtager',
    'træffer',
    'forpligtelse\\p{L}*', 'rettighed\\p{L}*', 'ret til', 'forbud\\p{L}*', 'sikrer', 'sanktion\\p{L}*', 'bøde\\p{L}*'],
  // ── present-tense duties (present-duty.ts) ──
  roleNouns: ["dataansvarlig(?:e)?", "databehandler(?:en|e|ne)?", "(?:ledende |berørte )?tilsynsmyndighed(?:en|er|erne)?", "kompetente myndighed(?:er)?", "medlemsstaterne", "medlemsstat(?:en)?", "Kommissionen", "Databeskyttelsesrådet", "Rådet", "sekretariatet", "formanden", "databeskyttelsesrådgiver(?:en|e)?", "repræsentant(?:en)?", "certificeringsorgan(?:et|er|erne)?", "overvågningsorgan(?:et)?", "udbyder(?:en|e|ne)?", "idriftsætter(?:en|e)?", "operatør(?:en)?", "arbejdsgiver(?:en)?", "importør(?:en)?", "distributør(?:en)?", "fabrikant(?:en)?"],
  determiners: ["den", "det", "de", "hver", "enhver", "alle"],
  negation: ["ikke", "aldrig"],
  inverted: true,
  notVerbs: ["og", "eller", "af", "for", "med", "til", "på", "i", "om", "fra", "mod", "under", "over", "ved", "efter", "som", "at", "end", "når", "gennem", "hos", "uden", "inden", "mellem"],
};
