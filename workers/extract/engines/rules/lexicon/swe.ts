import type { LanguageLexicon } from './types.ts';

/** Swedish: deontic triggers (syntax in types.ts). */
export const lexicon: LanguageLexicon = {
  code: 'swe',
  name: 'Swedish',
  scripts: ['Latn'],
  segmentation: 'space',
  subjectSide: 'before',
  prohibition: [
    '(?:får|ska|skall|må) (?:[^\\s,;:.()]+ ){0,4}?(?:inte|icke|ej|aldrig)',
    '(?:är|blir) (?:[^\\s,;:.()]+ )?förbjud\\p{L}*',
    'det är förbjudet',
    'ingen (?:får|må|ska)',
    '(?:får|ska|skall) (?:[^\\s,;:.()]+ )?varken',
    '~förbjud\\p{L}*',
  ],
  obligation: [
    'ska',
    'skall',
    'måste',
    '(?:är|blir) (?:[^\\s,;:.()]+ )?skyldig\\p{L}*',
    'åligger',
    '(?:har|ha) (?:en )?skyldighet',
    '~bör',
  ],
  permission: [
    'får',
    'kan',
    '(?:har|ha) (?:[^\\s,;:.()]+ )?rätt',
    'äger rätt',
    '(?:ska|skall) (?:[^\\s,;:.()]+ ){0,4}?(?:ha|få) (?:[^\\s,;:.()]+ )?(?:rätt|befogenhet)',
    '(?:ska|skall) ges (?:[^\\s,;:.()]+ )?befogenhet',
    '(?:är|blir) (?:[^\\s,;:.()]+ )?(?:berättigad\\p{L}*|behörig\\p{L}*)',
    'är tillåtet',
  ],
  exemption: [
    '(?:gäller|tillämpas) (?:[^\\s,;:.()]+ ){0,3}?(?:inte|ej|icke)',
    '(?:ska|skall) (?:[^\\s,;:.()]+ ){0,2}?(?:inte|ej|icke) (?:tillämpas|gälla)',
    '(?:är|blir) (?:[^\\s,;:.()]+ )?(?:undantag\\p{L}*|befriad\\p{L}*)',
    'undantas',
    '(?:behöver|behövs) (?:[^\\s,;:.()]+ ){0,3}?(?:inte|ej)',
    '(?:ska|skall|är) (?:[^\\s,;:.()]+ ){0,3}?(?:inte|ej) (?:vara )?(?:tvungen|tvungna|skyldig|skyldiga)',
    '~genom undantag från',
  ],
  cues: ['skyldighet\\p{L}*', 'rättighet\\p{L}*', 'rätt till', 'förbud\\p{L}*', 'säkerställ\\p{L}*', 'sanktion\\p{L}*', 'böter'],
  // ── present-tense duties (present-duty.ts) ──
  roleNouns: ["personuppgiftsansvarig(?:e|a)?", "personuppgiftsbiträde(?:t|n|na)?", "(?:den )?(?:ansvariga |berörda )?tillsynsmyndighet(?:en|er|erna)?", "behöriga myndighet(?:en|er|erna)?", "medlemsstaterna", "medlemsstat(?:en)?", "kommissionen", "styrelsen", "sekretariatet", "ordföranden", "dataskyddsombud(?:et)?", "företrädare(?:n)?", "certifieringsorgan(?:et|en)?", "övervakningsorgan(?:et)?", "leverantör(?:en|er|erna)?", "tillhandahållare(?:n)?", "operatör(?:en)?", "arbetsgivare(?:n)?", "importör(?:en)?", "distributör(?:en)?", "tillverkare(?:n)?"],
  determiners: ["den", "det", "de", "varje", "en", "ett", "alla"],
  negation: ["inte", "aldrig", "ej"],
  inverted: true,
  notVerbs: ["och", "eller", "av", "för", "med", "till", "på", "i", "om", "från", "mot", "under", "över", "vid", "enligt", "som", "att", "än", "då", "när", "genom", "hos", "utan", "efter", "inom", "mellan"],
};
