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
};
