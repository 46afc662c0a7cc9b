import type { LanguageLexicon } from './types.ts';

/** Malay: deontic triggers (syntax in types.ts). */
export const lexicon: LanguageLexicon = {
  code: 'msa',
  name: 'Malay',
  scripts: ['Latn'],
  segmentation: 'space',
  subjectSide: 'before',
  prohibition: ['(?:adalah )?dilarang', 'tidak (?:boleh|dibenarkan|dapat)', 'tiada (?:seorang|sesiapa) … boleh'],
  obligation: ['hendaklah', 'wajib', 'mesti', 'dikehendaki', 'dikehendaki untuk', 'harus', 'bertanggungjawab untuk'],
  permission: ['boleh', 'berhak', 'dibenarkan', 'mempunyai hak', 'diberi kuasa'],
  exemption: ['tidak terpakai', 'dikecualikan', '~kecuali'],
  cues: ['kewajipan', 'hak', 'denda', 'penalti', 'memastikan'],
  // ── present-tense duties (present-duty.ts) ──
  roleNouns: ["pengguna data", "pemproses data", "majikan", "pemegang lesen", "Pesuruhjaya", "Menteri", "pembekal", "penyedia perkhidmatan", "pihak berkuasa"],
  determiners: ["setiap", "tiap-tiap", "mana-mana"],
  negation: ["tidak", "tiada", "bukan"],
};
