import type { LanguageLexicon } from './types.ts';

/** Maltese: deontic triggers (syntax in types.ts). */
export const lexicon: LanguageLexicon = {
  code: 'mlt',
  name: 'Maltese',
  scripts: ['Latn'],
  segmentation: 'space',
  subjectSide: 'before',
  prohibition: [
    "m'(?:għandux|għandhiex|għandhomx)",
    'ma (?:għandux|għandhiex|għandhomx)',
    "ma (?:jistax|tistax|jistgħux|jistax|jista'x)",
    '(?:huwa|hija|huma) (?:[^\\s,;:.()]+ )?(?:pprojbit|pprojbita|pprojbiti|ipprojbit|ipprojbita|ipprojbiti|projbit|projbita|projbiti)',
    'ebda … ma (?:jista|tista|għandu|għandha)\\p{L}*',
    '~(?:i)?pprojbit\\p{L}*',
  ],
  obligation: [
    'għandu',
    'għandha',
    'għandhom',
    '(?:huwa|hija|huma) (?:[^\\s,;:.()]+ )?obbligat\\p{L}*',
    '(?:irid|trid|iridu)',
    '~jeħtieġ',
    '~hemm bżonn',
  ],
  permission: [
    "jista'?",
    "tista'?",
    'jistgħu',
    "(?:għandu|għandha|għandhom) (?:[^\\s,;:.()]+ )?(?:id-dritt|d-dritt|dritt)",
    '(?:huwa|hija|huma) (?:[^\\s,;:.()]+ )?(?:intitolat\\p{L}*|awtorizzat\\p{L}*|permess\\p{L}*)',
    '~ikun jista',
  ],
  exemption: [
    "(?:m'|ma )(?:għandux|għandhiex|għandhomx) (?:ja|ti|ji)?(?:applika|japplika|japplikaw|tapplika|jgħodd|tgħodd)\\p{L}*",
    'ma (?:japplikax|japplikawx|tapplikax|jgħoddx|jgħoddux|tgħoddx)',
    '(?:huwa|hija|huma) (?:[^\\s,;:.()]+ )?eżentat\\p{L}*',
    "~b'deroga",
    "~permezz ta' deroga",
  ],
  cues: ['obbligu\\p{L}*', 'obbligi', 'dritt\\p{L}*', 'drittijiet', 'projbizzjoni\\p{L}*', 'multa\\p{L}*', 'penali\\p{L}*'],
  // ── present-tense duties (present-duty.ts) ──
  roleNouns: ["(?:il-)?kontrollur(?:i)?", "(?:il-)?proċessur(?:i)?", "(?:l-)?awtorità superviżorja", "(?:l-)?awtoritajiet superviżorji", "(?:l-)?Istati Membri", "Stat Membru", "(?:il-)?Kummissjoni", "(?:il-)?Bord", "(?:il-)?fornitur(?:i)?", "(?:l-)?operatur(?:i)?", "(?:l-)?impjegatur(?:i)?"],
  determiners: ["kull"],
  negation: ["ma", "qatt"],
};
