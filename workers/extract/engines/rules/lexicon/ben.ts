import type { LanguageLexicon } from './types.ts';

/** Bengali: deontic triggers (syntax in types.ts). */
export const lexicon: LanguageLexicon = {
  code: 'ben',
  name: 'Bengali',
  scripts: ['Beng'],
  segmentation: 'space',
  subjectSide: 'SOV',
  prohibition: ['নিষিদ্ধ', '(?:করিবে|করবে|পারিবে|পারবে|যাইবে|যাবে|করিবেন|করবেন) না', 'নিষেধ'],
  obligation: ['বাধ্য', 'বাধ্যতামূলক', 'অবশ্যই', 'করিতে হইবে', 'করতে হবে', '~করিবে', '~করবে', '~করিবেন', '~করবেন', '~হইবে', '~হবে', '~উচিত'],
  permission: ['পারিবে', 'পারবে', 'পারিবেন', 'পারবেন', 'পারেন', 'অধিকারী', 'অধিকার থাকিবে', 'অধিকার থাকবে', 'অধিকার রয়েছে', '~পারে', '~অধিকার'],
  exemption: ['প্রযোজ্য (?:হইবে|হবে) না', 'প্রযোজ্য নয়', 'অব্যাহতি', 'মুক্ত থাকিবে'],
  cues: ['দায়িত্ব', 'কর্তব্য', 'জরিমানা', 'দণ্ড'],
  // ── present-tense duties (present-duty.ts) ──
  roleNouns: ["নিয়ন্ত্রক", "নিয়োগকর্তা", "সরকার", "কর্তৃপক্ষ", "প্রদানকারী", "কমিশন"],
  determiners: ["প্রত্যেক", "প্রতিটি"],
  negation: ["না"],
  presentVerb: "\\p{L}*(?:বে|বেন|য়|ে)",
};
