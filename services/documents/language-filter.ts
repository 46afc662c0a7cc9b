import { ISO639_1_TO_3, ISO639_3_TO_1 } from '../ingest/language/iso639.ts';
import { parseLanguageHint, toBcp47, WELL_KNOWN_CODES } from '../ingest/language/codes.ts';

/** Every ISO 639-3 code (detector and macrolanguage forms) that shares a BCP-47 primary tag. */
const CODES_BY_TAG: ReadonlyMap<string, readonly string[]> = (() => {
  const out = new Map<string, Set<string>>();
  const add = (iso3: string) => {
    const tag = toBcp47(iso3);
    if (tag === 'und') return;
    if (!out.has(tag)) out.set(tag, new Set([tag]));
    out.get(tag)!.add(iso3);
  };
  for (const iso3 of WELL_KNOWN_CODES) add(iso3);
  for (const iso3 of Object.values(ISO639_1_TO_3)) add(iso3);
  for (const iso3 of ISO639_3_TO_1.keys()) add(iso3);
  return new Map([...out].map(([tag, codes]) => [tag, [...codes].sort()]));
})();

/**
 * A language filter as an analyst types it: `ar`, `ara`, `arb`, `de`, `deu`, `fr-CA`, or several
 * separated by commas. Each code stands for its whole language, macrolanguage included (`ar` =
 * `ara` ⊇ `arb`), and becomes every stored form of it: the ISO 639-3 codes detection writes (arb,
 * cmn, deu) and the two-letter tag. Codes this module does not know are matched as typed.
 */
export function expandLanguageFilter(input: string): string[] {
  const out = new Set<string>();
  for (const part of input.split(',').map((p) => p.trim().toLowerCase()).filter(Boolean)) {
    const iso3 = parseLanguageHint(part);
    const tag = iso3 ? toBcp47(iso3) : undefined;
    const codes = tag ? CODES_BY_TAG.get(tag) : undefined;
    if (codes) for (const c of codes) out.add(c);
    else out.add(part);
  }
  return [...out].sort();
}
