import type { LanguageLexicon } from './types.ts';

/** Persian: deontic triggers (syntax in types.ts). */
export const lexicon: LanguageLexicon = {
  code: 'fas',
  name: 'Persian',
  scripts: ['Arab'],
  segmentation: 'space',
  subjectSide: 'SOV',
  proclitics: 'و',
  prohibition: ['نباید', 'ممنوع', 'مجاز نیست', 'مجاز نمی‌باشد', 'مجاز نمی باشد', 'حق ندارد', 'حق ندارند', '~نمی‌تواند', '~نمی تواند', '~نمیتواند', '~نمی‌توانند'],
  obligation: ['باید', 'موظف', 'مکلف', 'ملزم', 'الزامی', 'وظیفه دارد', 'وظیفه دارند', '~لازم است'],
  permission: ['می‌تواند', 'می تواند', 'میتواند', 'می‌توانند', 'می توانند', 'حق دارد', 'حق دارند', 'مجاز است', 'مجازند', 'اختیار دارد'],
  exemption: ['اعمال نمی‌شود', 'اعمال نمی شود', 'شامل … نمی‌شود', 'شامل … نمی شود', 'معاف', 'مستثنی'],
  cues: ['تکلیف', 'تعهد', 'حق', 'جریمه', 'مجازات'],
  // ── present-tense duties (present-duty.ts) ──
  roleNouns: ["کنترل‌کننده", "کنترل کننده", "کارفرما", "سازمان", "وزارت", "دولت", "ارائه‌دهنده", "ارائه دهنده", "مرجع", "دستگاه‌های اجرایی"],
  determiners: ["هر"],
  negation: ["نمی‌\\p{L}+"],
  presentVerb: "(?:\\p{L}*(?:د|ند)|است|هستند)",
};
