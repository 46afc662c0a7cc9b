import type { LanguageLexicon } from './types.ts';

/** Swahili: deontic triggers (syntax in types.ts). */
export const lexicon: LanguageLexicon = {
  code: 'swa',
  name: 'Swahili',
  scripts: ['Latn'],
  segmentation: 'space',
  subjectSide: 'before',
  prohibition: ['marufuku', '(?:ha|hai|hawa|hau|hazi|hali|haya|haki|havi)(?:ta)?ruhusiwi', 'hataruhusiwa', 'hawataruhusiwa', 'haitaruhusiwa', '\\p{L}*sitakiwi'],
  obligation: ['lazima', '\\p{L}*lazimika', 'itabidi', '\\p{L}*paswa', '(?:ni )?wajibu'],
  permission: ['(?:a|wa|i|zi|ki|vi|u|li|ya|m)(?:na|ta)weza', '(?:ana|wana|atakuwa na) haki', '\\p{L}*ruhusiwa'],
  exemption: ['(?:hai|hazi|hawa|ha)(?:ta)?tumika', 'haitumiki', '\\p{L}*samehewa'],
  // ── present-tense duties (present-duty.ts) ──
  roleNouns: ["mdhibiti wa data", "mchakataji wa data", "Kamishna", "Mamlaka", "mwajiri", "waajiri", "mtoa huduma", "watoa huduma", "Waziri"],
  determiners: ["kila"],
};
