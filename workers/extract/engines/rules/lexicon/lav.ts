import type { LanguageLexicon } from './types.ts';

/** Latvian: deontic triggers (syntax in types.ts). */
export const lexicon: LanguageLexicon = {
  code: 'lav',
  name: 'Latvian',
  scripts: ['Latn'],
  segmentation: 'space',
  subjectSide: 'before',
  prohibition: [
    'nedrīkst',
    '(?:ir|tiek) (?:[^\\s,;:.()]+ )?aizliegt\\p{L}*',
    'aizliedz',
    'nav (?:[^\\s,;:.()]+ )?(?:atļauts|atļauta|pieļaujams|pieļaujama)',
    '~nevar',
  ],
  obligation: [
    '(?:ir )?jā\\p{L}{3,}',
    '(?:ir|būs) (?:[^\\s,;:.()]+ )?pienākums',
    '(?:ir|tiek) (?:[^\\s,;:.()]+ )?(?:pienākum\\p{L}*|uzlikts)',
    '(?:ir )?(?:jāpārliecinās|jānodrošina)',
    '~vajag',
    '~vajadzētu',
  ],
  permission: [
    'drīkst',
    'var',
    'varētu',
    '(?:ir|būs) (?:[^\\s,;:.()]+ )?tiesības',
    '(?:ir|būs) (?:[^\\s,;:.()]+ )?(?:tiesīg\\p{L}*|atļauts|atļauta|pilnvarot\\p{L}*)',
  ],
  exemption: [
    'nepiemēro',
    'neattiecas',
    'nav jā\\p{L}{3,}',
    '(?:ir|tiek) (?:[^\\s,;:.()]+ )?atbrīvot\\p{L}*',
    '~atkāpjoties no',
  ],
  cues: [
    // Prescriptive present: EU translations state most duties in the indicative.
    'paziņo',
    'informē',
    'sniedz',
    'īsteno',
    'uztur',
    'ieceļ',
    'sadarbojas',
    'dokumentē',
    'publicē',
    'pieņem',
    'veic',
    'pievieno',
    'nodrošina',
    'pienākum\\p{L}*', 'tiesīb\\p{L}*', 'aizliegum\\p{L}*', 'nodrošina', 'sod\\p{L}*', 'naudas sod\\p{L}*'],
  // ── present-tense duties (present-duty.ts) ──
  roleNouns: ["pārzin(?:is|i)", "pārziņi", "apstrādātāj(?:s|i)", "(?:vadošā )?uzraudzības iestāde(?:s)?", "kompetentā iestāde", "dalībvalstis", "dalībvalsts", "Komisija", "kolēģija", "sekretariāts", "priekšsēdētājs", "datu aizsardzības speciālist(?:s|i)", "pārstāvis", "sertifikācijas struktūra(?:s)?", "pārraudzības struktūra(?:s)?", "nodrošinātāj(?:s|i)", "uzturētāj(?:s|i)", "darba devēj(?:s|i)", "importētāj(?:s|i)", "izplatītāj(?:s|i)", "ražotāj(?:s|i)"],
  determiners: ["katra", "katrs", "visas", "visi"],
  negation: ["ne", "nekad"],
  freeOrder: true,
};
