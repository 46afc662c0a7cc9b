import type { LanguageLexicon } from './types.ts';

/** Belarusian: deontic triggers (syntax in types.ts). */
export const lexicon: LanguageLexicon = {
  code: 'bel',
  name: 'Belarusian',
  scripts: ['Cyrl'],
  segmentation: 'space',
  subjectSide: 'before',
  prohibition: ['забараняецца', 'забараняюцца', 'забаронена', 'забаронены', 'не (?:можа|могуць)', 'не (?:мае|маюць) права', 'не павін\\p{L}*'],
  obligation: ['абавязан\\p{L}*', 'павінен', 'павінна', 'павінна', 'павінны', '~неабходна'],
  permission: ['можа', 'могуць', '(?:мае|маюць) права', 'дазваляецца', 'упаўнаважан\\p{L}*'],
  exemption: ['не (?:прымяняецца|прымяняюцца)', 'не (?:распаўсюджваецца|распаўсюджваюцца)', 'вызваляецца', 'вызваляюцца'],
  // ── present-tense duties (present-duty.ts) ──
  roleNouns: ["аператар(?:ы)?", "наймальнік(?:і)?", "уладальнік", "упаўнаважаны орган", "Урад"],
  negation: ["не"],
  freeOrder: true,
};
