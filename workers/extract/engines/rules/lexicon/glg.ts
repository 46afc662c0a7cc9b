import type { LanguageLexicon } from './types.ts';

/** Galician: deontic triggers (syntax in types.ts). */
export const lexicon: LanguageLexicon = {
  code: 'glg',
  name: 'Galician',
  scripts: ['Latn'],
  segmentation: 'space',
  subjectSide: 'before',
  prohibition: ['non (?:pode|poden|poderá|poderán|debe|deben|deberá|deberán)', '(?:está|están|queda|quedan) (?:prohibido|prohibida|prohibidos|prohibidas)', '(?:prohíbese|prohíbense)', 'ninguén (?:pode|poderá)'],
  obligation: ['debe', 'deben', 'deberá', 'deberán', '(?:ten|teñen|terá|terán) que', '(?:ha|han) de', '(?:está|están) (?:obrigado|obrigada|obrigados|obrigadas)', '(?:ten|teñen) (?:a obriga|o deber)'],
  permission: ['pode', 'poden', 'poderá', 'poderán', '(?:ten|teñen|terá|terán) (?:o )?dereito', '(?:está|están) (?:autorizado|autorizada|autorizados|autorizadas)'],
  exemption: ['non se (?:aplicará|aplicarán|aplica|aplican)', 'non (?:será|serán|é|son) (?:aplicable|aplicables)', '(?:está|están|queda|quedan) (?:exento|exenta|exentos|exentas)'],
  // ── present-tense duties (present-duty.ts) ──
  roleNouns: ["responsables? do tratamento", "encargados? do tratamento", "autoridades? de control", "Estados? membros?", "Comisión", "provedores?", "operadores?", "empregadores?", "Administración"],
  determiners: ["o", "a", "os", "as", "cada", "todo", "toda", "un", "unha"],
  negation: ["non", "nunca"],
};
