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
};
