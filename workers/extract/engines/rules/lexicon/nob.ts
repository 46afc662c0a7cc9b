import type { LanguageLexicon } from './types.ts';

/** Norwegian: deontic triggers (syntax in types.ts). */
export const lexicon: LanguageLexicon = {
  code: 'nob',
  name: 'Norwegian',
  scripts: ['Latn'],
  segmentation: 'space',
  subjectSide: 'before',
  prohibition: ['(?:skal|må|kan) (?:[^\\s,;:.()]+ ){0,4}?(?:ikke|ikkje|aldri)', '(?:er|blir) (?:[^\\s,;:.()]+ )?forbudt', 'det er forbudt', 'ingen (?:må|kan|skal)', '~forbudt'],
  obligation: ['skal', 'må', '(?:er|blir) (?:[^\\s,;:.()]+ )?(?:forpliktet|plikta|pliktig)', '(?:har|ha) (?:en )?plikt', 'plikter', '~bør'],
  permission: ['kan', 'får', '(?:har|ha) (?:[^\\s,;:.()]+ )?rett', '(?:er|blir) (?:[^\\s,;:.()]+ )?(?:berettiget|tillatt|bemyndiget)', '(?:har|ha) adgang til'],
  exemption: ['(?:gjelder|gjeld) (?:[^\\s,;:.()]+ ){0,3}?(?:ikke|ikkje)', '(?:er|blir) (?:[^\\s,;:.()]+ )?(?:unntatt|fritatt)', '(?:trenger|treng|behøver) (?:[^\\s,;:.()]+ ){0,3}?(?:ikke|ikkje)'],
  cues: ['plikt\\p{L}*', 'rett\\p{L}*', 'forbud\\p{L}*', 'sikre', 'bot', 'sanksjon\\p{L}*'],
  // ── present-tense duties (present-duty.ts) ──
  roleNouns: ["behandlingsansvarlig(?:e)?", "databehandler(?:en|e|ne)?", "tilsynsmyndighet(?:en|er|ene)?", "Datatilsynet", "departementet", "kommunen", "arbeidsgiver(?:en|e)?", "virksomheten", "tilbyder(?:en|e)?", "operatør(?:en)?", "leverandør(?:en|er)?"],
  determiners: ["den", "det", "de", "hver", "enhver", "alle"],
  negation: ["ikke", "ikkje", "aldri"],
};
