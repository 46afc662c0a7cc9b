import { describe, expect, it } from 'vitest';
import { classifySentence } from '../workers/extract/engines/rules/deontic.ts';
import { extractObligations } from '../workers/extract/engines/rules/rules-extractor.ts';

/**
 * Competing triggers in one sentence: a duty and a ban joined in one main clause ("shall keep …
 * and must not sell …") is a prohibition; the ban outranks the duty whichever comes first, and a
 * permission never outranks either. The expected labels are written here, not derived from the
 * engine's precedence table, so reordering MODALITY_PRECEDENCE fails this file.
 */
const COMPETING: readonly { lang: string; sentence: string; expected: 'prohibition' | 'obligation' }[] = [
  { lang: 'eng', sentence: 'The operator shall keep the register and must not sell it.', expected: 'prohibition' },
  { lang: 'eng', sentence: 'The operator must not sell the register and shall keep it for ten years.', expected: 'prohibition' },
  { lang: 'fra', sentence: "L'exploitant doit tenir le registre et ne doit pas le vendre.", expected: 'prohibition' },
  { lang: 'deu', sentence: 'Der Betreiber muss das Register führen und darf es nicht verkaufen.', expected: 'prohibition' },
  { lang: 'spa', sentence: 'El operador deberá conservar el registro y no podrá venderlo.', expected: 'prohibition' },
  { lang: 'ita', sentence: "L'operatore deve conservare il registro e non può venderlo.", expected: 'prohibition' },
  { lang: 'pol', sentence: 'Operator musi prowadzić rejestr i nie może go sprzedawać.', expected: 'prohibition' },
  { lang: 'nld', sentence: 'De exploitant moet het register bijhouden en mag het niet verkopen.', expected: 'prohibition' },
];

/** A permission beside a duty: the duty is what binds. */
const DUTY_OVER_PERMISSION: readonly { lang: string; sentence: string }[] = [
  { lang: 'eng', sentence: 'The authority may inspect the register and the operator shall keep it.' },
  { lang: 'fra', sentence: "L'autorité peut inspecter le registre et l'exploitant doit le tenir." },
  { lang: 'deu', sentence: 'Die Behörde kann das Register prüfen und der Betreiber muss es führen.' },
  { lang: 'spa', sentence: 'La autoridad podrá inspeccionar el registro y el operador deberá conservarlo.' },
  { lang: 'ita', sentence: "L'autorità può ispezionare il registro e l'operatore deve conservarlo." },
];

describe('rules precedence between competing triggers in one sentence', () => {
  it.each(COMPETING)('$lang: "$sentence" → $expected', ({ lang, sentence, expected }) => {
    expect(classifySentence(sentence, lang)?.modality).toBe(expected);
  });

  it.each(DUTY_OVER_PERMISSION)('$lang: a duty outranks a permission in "$sentence"', ({ lang, sentence }) => {
    expect(classifySentence(sentence, lang)?.modality).toBe('obligation');
  });

  it('the stored obligation of a competing sentence carries the prohibition', () => {
    const found = extractObligations({
      citation: 'Article 1', heading: null, language: 'eng',
      sentences: ['The operator shall keep the register and must not sell it.'],
    });
    expect(found.map((o) => o.modality)).toContain('prohibition');
    expect(found.map((o) => o.modality)).not.toContain('permission');
  });
});
