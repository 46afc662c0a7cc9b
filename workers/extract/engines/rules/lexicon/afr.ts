import type { LanguageLexicon } from './types.ts';

/** Afrikaans: deontic triggers (syntax in types.ts). */
export const lexicon: LanguageLexicon = {
  code: 'afr',
  name: 'Afrikaans',
  scripts: ['Latn'],
  segmentation: 'space',
  subjectSide: 'before',
  prohibition: ['(?:mag|moet|sal) (?:[^\\s,;:.()]+ ){0,5}?nie', '(?:is|word) (?:[^\\s,;:.()]+ )?verbode', 'niemand (?:mag|kan)'],
  obligation: ['moet', 'sal', '(?:is|word) (?:[^\\s,;:.()]+ )?verplig', 'het die plig'],
  permission: ['mag', 'kan', '(?:is|word) (?:[^\\s,;:.()]+ )?(?:geregtig|bevoeg|gemagtig)', 'het die reg'],
  exemption: ['(?:is|word) (?:[^\\s,;:.()]+ ){0,2}?nie van toepassing', 'geld nie', '(?:is|word) (?:[^\\s,;:.()]+ )?vrygestel', 'hoef (?:[^\\s,;:.()]+ ){0,3}?nie'],
  // ── present-tense duties (present-duty.ts) ──
  roleNouns: ["verantwoordelike part(?:y|ye)", "operateur(?:s)?", "werkgewer(?:s)?", "Minister", "Reguleerder", "verskaffer(?:s)?", "diensverskaffer(?:s)?", "owerheid"],
  determiners: ["die", "elke", "'n"],
  negation: ["nie", "nooit"],
};
