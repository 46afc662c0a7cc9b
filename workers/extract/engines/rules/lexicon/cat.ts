import type { LanguageLexicon } from './types.ts';

/** Catalan: deontic triggers (syntax in types.ts). */
export const lexicon: LanguageLexicon = {
  code: 'cat',
  name: 'Catalan',
  scripts: ['Latn'],
  segmentation: 'space',
  subjectSide: 'before',
  prohibition: [
    'no (?:pot|poden|podrà|podran|ha de|han de|haurà de|hauran de|ha d\'|han d\')',
    '(?:està|estan|queda|queden) (?:prohibit|prohibida|prohibits|prohibides)',
    'es (?:prohibeix|prohibeixen)',
    'ningú no (?:pot|podrà)',
  ],
  obligation: [
    '(?:ha|han|haurà|hauran) (?:de|d\')',
    'cal',
    'caldrà',
    '(?:està|estan|estarà|estaran) (?:obligat|obligada|obligats|obligades)',
    '(?:té|tenen) (?:l\'obligació|el deure)',
    'deu(?! (?:dies|anys|mesos|hores|setmanes|per|euros))',
    'deuen',
  ],
  permission: ['pot', 'poden', 'podrà', 'podran', '(?:té|tenen|tindrà|tindran) dret', '(?:està|estan) (?:autoritzat|autoritzada|autoritzats|autoritzades)', 'es permet'],
  exemption: ['no s\'(?:aplica|apliquen|aplicarà|aplicaran)', 'no (?:és|són) (?:aplicable|aplicables)', '(?:està|estan|queda|queden) (?:exempt|exempta|exempts|exemptes)'],
  cues: ['obligaci\\p{L}*', 'dret\\p{L}*', 'prohibici\\p{L}*', 'sanci\\p{L}*', 'multa\\p{L}*'],
  // ── present-tense duties (present-duty.ts) ──
  roleNouns: ["responsables? del tractament", "encarregats? del tractament", "autoritats? de control", "Estats? membres?", "Comissió", "proveïdors?", "operadors?", "ocupadors?", "empleadors?", "Administració", "autoritats? competents?"],
  determiners: ["el", "la", "els", "les", "l'", "cada", "tot", "tota", "un", "una"],
  negation: ["no", "mai"],
};
