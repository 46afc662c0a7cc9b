import type { LanguageLexicon } from './types.ts';

/** Albanian: deontic triggers (syntax in types.ts). */
export const lexicon: LanguageLexicon = {
  code: 'sqi',
  name: 'Albanian',
  scripts: ['Latn'],
  segmentation: 'space',
  subjectSide: 'before',
  prohibition: ['nuk (?:duhet|mund|lejohet|lejohen)', '(?:është|janë) (?:[^\\s,;:.()]+ )?(?:i ndaluar|e ndaluar|të ndaluar)', 'ndalohet', 'ndalohen'],
  obligation: ['duhet', '(?:është|janë) (?:i|e|të) detyruar', 'detyrohet', 'detyrohen', '(?:ka|kanë) (?:detyrimin|detyrë)'],
  permission: ['mund', '(?:ka|kanë) (?:të drejtë|të drejtën)', 'lejohet', 'lejohen', '(?:është|janë) (?:i|e|të) autorizuar'],
  exemption: ['nuk (?:zbatohet|zbatohen)', 'përjashtohet', 'përjashtohen', '(?:është|janë) (?:i|e|të) përjashtuar'],
  // ── present-tense duties (present-duty.ts) ──
  roleNouns: ["kontrollues(?:i|it)?", "përpunues(?:i)?", "Komisioneri", "punëdhënës(?:i)?", "operator(?:i|ët)?", "ofrues(?:i)?", "autoritet(?:i)? përgjegjës", "ministria"],
  determiners: ["çdo"],
  negation: ["nuk", "mos"],
};
