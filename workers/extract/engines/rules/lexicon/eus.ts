import type { LanguageLexicon } from './types.ts';

/** Basque: deontic triggers (syntax in types.ts). */
export const lexicon: LanguageLexicon = {
  code: 'eus',
  name: 'Basque',
  scripts: ['Latn'],
  segmentation: 'space',
  subjectSide: 'SOV',
  prohibition: ['debekatuta (?:dago|daude|egongo)', 'debekatzen (?:da|dira)', 'ezin (?:du|dute|izango|da|dira)'],
  obligation: ['behar (?:du|dute|da|dira)', 'beharko (?:du|dute|da|dira)', 'behartuta (?:dago|daude|egongo)', 'derrigorr\\p{L}*', 'betebeharra'],
  permission: ['ahal(?:ko)? (?:du|dute|izango)', 'dezake', 'dezakete', 'daiteke', 'daitezke', 'eskubidea (?:du|dute|izango)', 'baimenduta'],
  exemption: ['ez (?:zaio|zaie|da|dira) aplikatuko', 'ez (?:zaio|zaie) aplikatzen', 'salbuetsita'],
  // ── present-tense duties (present-duty.ts) ──
  roleNouns: ["tratamenduaren arduradun(?:a|ak)", "arduradun(?:a|ak)", "enplegatzaile(?:a|ak)", "administrazio(?:a|ak)", "hornitzaile(?:a|ak)", "agintaritza(?:k)?", "Batzorde(?:a|ak)"],
  determiners: ["edozein"],
  negation: ["ez"],
  presentVerb: "(?:du|dute|da|dira|ditu|dituzte|\\p{L}+tzen du|\\p{L}+tzen dute)",
};
