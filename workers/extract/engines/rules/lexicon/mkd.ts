import type { LanguageLexicon } from './types.ts';

/** Macedonian: deontic triggers (syntax in types.ts). */
export const lexicon: LanguageLexicon = {
  code: 'mkd',
  name: 'Macedonian',
  scripts: ['Cyrl'],
  segmentation: 'space',
  subjectSide: 'before',
  prohibition: ['не (?:смее|смеат)', '(?:е|се) (?:[^\\s,;:.()]+ )?забранет\\p{L}*', 'се забранува', 'нема право', 'немаат право', '~не (?:може|можат)'],
  obligation: ['мора', 'мораат', '(?:е|се) (?:[^\\s,;:.()]+ )?(?:должен|должна|должни|обврзан\\p{L}*)', '(?:има|имаат) обврска', '~треба'],
  permission: ['може', 'можат', '(?:има|имаат) право', '(?:е|се) (?:[^\\s,;:.()]+ )?(?:овластен\\p{L}*|дозволен\\p{L}*)'],
  exemption: ['не се (?:применува|применуваат)', '(?:е|се) (?:[^\\s,;:.()]+ )?ослободен\\p{L}*', 'не е (?:должен|обврзан)'],
  // ── present-tense duties (present-duty.ts) ──
  roleNouns: ["контролорот", "контролорите", "обработувачот", "Агенцијата", "работодавачот", "операторот", "давателот", "надлежниот орган"],
  determiners: ["секој", "секоја", "секое"],
  negation: ["не"],
  freeOrder: true,
};
