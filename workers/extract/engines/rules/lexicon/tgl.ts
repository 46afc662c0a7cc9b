import type { LanguageLexicon } from './types.ts';

/** Tagalog: deontic triggers (syntax in types.ts). */
export const lexicon: LanguageLexicon = {
  code: 'tgl',
  name: 'Tagalog',
  scripts: ['Latn'],
  segmentation: 'space',
  subjectSide: 'after',
  prohibition: ['hindi (?:dapat|maaari|maari|pinapayagan|pinahihintulutan)', '(?:ipinagbabawal|bawal)'],
  obligation: ['dapat', 'kailangan', 'obligado', 'tungkulin'],
  permission: ['maaari', 'maari', '(?:may|mayroong) karapatan', '(?:pinapayagan|pinahihintulutan)'],
  exemption: ['hindi (?:sakop|saklaw|ilalapat|applicable)', 'exempted'],
  // ── present-tense duties (present-duty.ts) ──
  roleNouns: ["personal information controller", "personal information processor", "Komisyon", "employer", "tagapag-empleyo", "operator"],
  determiners: ["ang", "ang mga", "bawat"],
  negation: ["hindi"],
};
