import type { LanguageLexicon } from './types.ts';

/** Vietnamese: deontic triggers (syntax in types.ts). */
export const lexicon: LanguageLexicon = {
  code: 'vie',
  name: 'Vietnamese',
  scripts: ['Latn'],
  segmentation: 'space',
  subjectSide: 'before',
  prohibition: ['không được', 'nghiêm cấm', 'bị cấm', 'cấm', 'không được phép', '~không thể'],
  obligation: ['(?<!không )phải', 'có nghĩa vụ', 'có trách nhiệm', 'bắt buộc'],
  permission: ['có quyền', 'được phép', 'được quyền', '~có thể'],
  exemption: ['không áp dụng', 'được miễn', 'miễn trừ'],
  cues: ['nghĩa vụ', 'quyền', 'xử phạt', 'phạt tiền', 'bảo đảm'],
  // ── present-tense duties (present-duty.ts) ──
  roleNouns: ["bên kiểm soát(?: dữ liệu cá nhân)?", "bên xử lý(?: dữ liệu cá nhân)?", "cơ quan có thẩm quyền", "người sử dụng lao động", "doanh nghiệp", "tổ chức tín dụng", "nhà cung cấp(?: dịch vụ)?", "Bộ Công an", "chủ quản"],
  determiners: ["các", "mỗi", "mọi", "những"],
  negation: ["không"],
};
