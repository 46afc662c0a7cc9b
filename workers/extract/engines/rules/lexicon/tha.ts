import type { LanguageLexicon } from './types.ts';

/** Thai: deontic triggers (syntax in types.ts). */
export const lexicon: LanguageLexicon = {
  code: 'tha',
  name: 'Thai',
  scripts: ['Thai'],
  segmentation: 'none',
  subjectSide: 'before',
  prohibition: ['ห้าม', 'ต้องไม่', 'จะต้องไม่', 'ไม่อาจ', 'ไม่มีสิทธิ'],
  obligation: ['ต้อง', 'จะต้อง', 'มีหน้าที่', '~พึง', '~ควร'],
  permission: ['อาจ', 'มีสิทธิ', 'สามารถ', 'ได้รับอนุญาต'],
  exemption: ['ไม่ใช้บังคับ', 'มิให้ใช้บังคับ', 'ได้รับยกเว้น', '~ยกเว้น'],
  cues: ['หน้าที่', 'สิทธิ', 'โทษ', 'ปรับ'],
  // ── present-tense duties (present-duty.ts) ──
  roleNouns: ["ผู้ควบคุมข้อมูลส่วนบุคคล", "ผู้ประมวลผลข้อมูลส่วนบุคคล", "คณะกรรมการ", "นายจ้าง", "ผู้ประกอบการ", "ผู้ให้บริการ", "สำนักงาน"],
  negation: ["ไม่"],
};
