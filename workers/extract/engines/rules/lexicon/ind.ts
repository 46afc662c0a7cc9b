import type { LanguageLexicon } from './types.ts';

/** Indonesian: deontic triggers (syntax in types.ts). */
export const lexicon: LanguageLexicon = {
  code: 'ind',
  name: 'Indonesian',
  scripts: ['Latn'],
  segmentation: 'space',
  subjectSide: 'before',
  prohibition: ['dilarang', 'tidak (?:boleh|dapat|diperbolehkan|dibenarkan|diizinkan)', 'larangan'],
  obligation: ['wajib', 'harus', 'diwajibkan', 'berkewajiban', 'mesti'],
  permission: ['dapat', 'boleh', 'berhak', 'diperbolehkan', 'diizinkan', 'berwenang', '(?:mempunyai|memiliki) hak'],
  exemption: ['tidak berlaku', 'dikecualikan', 'dibebaskan', '~kecuali'],
  cues: ['kewajiban', 'hak', 'sanksi', 'denda', 'pidana', 'memastikan'],
  // ── present-tense duties (present-duty.ts) ──
  roleNouns: ["pengendali data pribadi", "prosesor data pribadi", "pengendali", "penyelenggara(?: sistem elektronik)?", "pemberi kerja", "pengusaha", "menteri", "lembaga", "penyedia(?: jasa)?", "pelaku usaha", "pemerintah"],
  determiners: ["setiap", "tiap", "masing-masing"],
  negation: ["tidak", "bukan"],
};
