import type { LanguageLexicon } from './types.ts';

/** Urdu: deontic triggers (syntax in types.ts). */
export const lexicon: LanguageLexicon = {
  code: 'urd',
  name: 'Urdu',
  scripts: ['Arab'],
  segmentation: 'space',
  subjectSide: 'SOV',
  proclitics: 'و',
  prohibition: ['ممنوع', 'نہیں (?:کرے|کریں|کر) (?:گا|گی|گے|سکتا|سکتی|سکتے)', 'نہیں کرسکتا', 'نہیں کرسکتی', 'اجازت نہیں', 'ممانعت'],
  obligation: ['لازم (?:ہے|ہوگا|ہو گا)', 'لازمی', 'پابند', '(?:کرنا|دینا|رکھنا) (?:ہوگا|ہو گا|ہوگی|ہو گی)', 'ضروری (?:ہے|ہوگا)', '~چاہیے', '~چاہئے', '~کرے گا', '~کرے گی', '~کریں گے'],
  permission: ['(?:سکتا|سکتی|سکتے) (?:ہے|ہیں)', 'سکے گا', 'سکے گی', 'حق (?:ہے|ہوگا|حاصل)', 'حق دار', 'مجاز', 'اجازت (?:ہے|ہوگی)'],
  exemption: ['اطلاق نہیں', 'لاگو نہیں', 'مستثنیٰ', 'مستثنی', 'استثنا'],
  cues: ['ذمہ داری', 'فرض', 'جرمانہ', 'سزا'],
  // ── present-tense duties (present-duty.ts) ──
  roleNouns: ["کنٹرولر", "آجر", "حکومت", "اتھارٹی", "فراہم کنندہ", "کمیشن"],
  determiners: ["ہر"],
  negation: ["نہیں"],
  presentVerb: "(?:ہے|ہیں|گا|گی|گے)",
};
