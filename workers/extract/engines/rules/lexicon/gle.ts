import type { LanguageLexicon } from './types.ts';

/** Irish: deontic triggers (syntax in types.ts). */
export const lexicon: LanguageLexicon = {
  code: 'gle',
  name: 'Irish',
  scripts: ['Latn'],
  segmentation: 'space',
  subjectSide: 'after',
  prohibition: [
    'ní (?:\\p{L}+(?:faidh|fidh|far|fear))',
    'ní bheidh … cead',
    'ní cheadófar',
    'toirmisc\\p{L}*',
    'ní ceadmhach',
    'ní mór gan',
  ],
  obligation: [
    // Irish legislation states duties in the future tense; eclipsed forms (ndéanfaidh, dtabharfar)
    // are relative/subordinate clauses and only weak evidence.
    '(?!(?:nd|dt|gc|mb|ng|bp|bhf|n-|h?fh?éad|difear)\\p{L}*)\\p{L}{2,}(?:faidh|fidh|far|fear)',
    '~(?!(?:bhf|h?fh?éad)\\p{L}*)(?:nd|dt|gc|mb|ng|bp|n-)\\p{L}{2,}(?:faidh|fidh|far|fear)',
    'ní mór (?:do|don|dá|dóibh|di|dó)',
    'beidh … (?:de cheangal|d\'oibleagáid|faoi oibleagáid)',
    '~is gá',
    '~ba cheart',
  ],
  permission: [
    '(?:bh)?fh?éadfaidh',
    '(?:bh)?fh?éadfar',
    'beidh … (?:de cheart|i dteideal)',
    'tá … de cheart',
    '~is féidir',
  ],
  exemption: [
    'ní bheidh feidhm',
    'ní (?:bhainfidh|bhaineann)',
    'ní (?:bheidh|bhfuil) … (?:de cheangal|d\'oibleagáid|faoi oibleagáid)',
    'díolmhaithe',
    '~de mhaolú ar',
  ],
  cues: ['oibleagáid\\p{L}*', 'ceart\\p{L}*', 'toirmeasc\\p{L}*', 'fíneáil\\p{L}*', 'pionós\\p{L}*'],
  // ── present-tense duties (present-duty.ts) ──
  roleNouns: ["rialaitheoir(?:í)?", "próiseálaí", "t-údarás maoirseachta", "údarás maoirseachta", "húdaráis mhaoirseachta", "Ballstáit", "Ballstát", "Coimisiún", "Bord", "soláthraí", "oibreoir", "fostóir"],
  determiners: ["an", "na", "gach"],
  inverted: true,
  presentVerb: "\\p{L}+(?:ann|eann|íonn|aíonn|faidh|fidh|óidh|eoidh)",
};
