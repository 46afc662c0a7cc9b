import type { LanguageLexicon } from './types.ts';

/** Icelandic: deontic triggers (syntax in types.ts). */
export const lexicon: LanguageLexicon = {
  code: 'isl',
  name: 'Icelandic',
  scripts: ['Latn'],
  segmentation: 'space',
  subjectSide: 'before',
  prohibition: ['(?:skal|skulu|má|mega) (?:[^\\s,;:.()]+ ){0,3}?(?:ekki|aldrei)', '(?:er|eru) (?:[^\\s,;:.()]+ )?(?:óheimil\\p{L}*|bannað\\p{L}*)', 'óheimilt', 'bannað'],
  obligation: ['skal', 'skulu', 'ber (?:að|honum|henni|þeim)', '(?:er|eru) (?:[^\\s,;:.()]+ )?(?:skylt|skyldur|skyldug|skyldir)', 'verður að', 'verða að', '~þarf að', '~þurfa að'],
  permission: ['má', 'mega', '(?:er|eru) (?:[^\\s,;:.()]+ )?heimil\\p{L}*', 'heimilt', '(?:á|eiga|hefur|hafa) rétt', '~getur', '~geta'],
  exemption: ['(?:gildir|gilda) (?:[^\\s,;:.()]+ )?ekki', '(?:á|eiga) ekki við', '(?:er|eru) (?:[^\\s,;:.()]+ )?undanþeg\\p{L}*'],
  // ── present-tense duties (present-duty.ts) ──
  roleNouns: ["ábyrgðaraðili(?:nn)?", "vinnsluaðili(?:nn)?", "Persónuvernd", "eftirlitsstjórnvald(?:ið)?", "vinnuveitandi(?:nn)?", "rekstraraðili(?:nn)?", "ráðherra", "stofnunin"],
  determiners: ["hver", "sérhver"],
  negation: ["ekki", "aldrei"],
};
