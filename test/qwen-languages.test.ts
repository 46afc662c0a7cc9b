import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { data as francData } from 'franc-all/data.js';
import { detectLanguage } from '../services/ingest/language/detect-language.ts';
import { QWEN_LANGUAGES, qwenLanguageForCode } from '../services/ingest/language/qwen-languages.ts';
import { corpusPath } from './support/corpus.ts';
import { itWith, requireSystem } from './support/system-deps.ts';

/** Debian's iso-codes package: the full ISO 639-3 registry, when installed. */
const ISO_JSON = '/usr/share/iso-codes/json/iso_639-3.json';
const registry: ReadonlySet<string> | null = existsSync(ISO_JSON)
  ? new Set((JSON.parse(readFileSync(ISO_JSON, 'utf8')) as { '639-3': Array<{ alpha_3: string }> })['639-3'].map((l) => l.alpha_3))
  : null;
const registryReq = {
  ok: registry !== null,
  missing: registry ? [] : [`ISO 639-3 registry ${ISO_JSON} missing: sudo apt-get install -y iso-codes (or: npm run setup)`],
};
/** CLDR's canonical primary subtag (ICU applies its alias data: iw → he, ukr → uk, ydd → yi). */
const canonicalPrimary = (tag: string) => Intl.getCanonicalLocales(tag)[0]!.split('-')[0]!;
/** Where the table's tag and ICU differ on purpose. */
const ICU_DIFFERENCES: Readonly<Record<string, string>> = { twi: 'ICU folds tw (Twi) into ak (Akan); tw is a valid ISO 639-1 code' };

describe('Qwen languages → codes', () => {
  it('has the 201 languages of the Qwen3.5 table, 119 of them from the Qwen3 table, each once', () => {
    expect(QWEN_LANGUAGES).toHaveLength(201);
    expect(QWEN_LANGUAGES.filter((l) => l.since === 'qwen3')).toHaveLength(119);
    expect(new Set(QWEN_LANGUAGES.map((l) => l.name)).size).toBe(201);
  });

  itWith(registryReq, 'every ISO 639-3 code and alias is in the ISO 639-3 registry', () => {
    const unknown = QWEN_LANGUAGES.flatMap((l) => [l.iso6393, ...l.detectedAs]).filter((c) => !registry!.has(c));
    expect(unknown).toEqual([]);
  });

  it.each(QWEN_LANGUAGES.map((l) => [l.name, l] as const))('%s: the BCP-47 tag names the same language as its ISO 639-3 code (ICU)', (_name, l) => {
    // Intl rejects malformed tags and canonicalises deprecated ones (iw → he), so a tag that is
    // well formed but names another language fails here.
    expect(() => Intl.getCanonicalLocales(l.bcp47)).not.toThrow();
    // Already canonical (no deprecated iw, in, ji), except individual-language tags ICU folds into
    // their macrolanguage (ydd → yi, als → sq, ...) and tl, which ICU spells fil.
    if (!['ydd', 'als', 'prs', 'tl', 'kmr', 'dhd', 'mhr', 'dik'].includes(l.bcp47)) expect(Intl.getCanonicalLocales(l.bcp47)[0]).toBe(l.bcp47);
    if (l.iso6393 in ICU_DIFFERENCES) return;
    const same = [l.iso6393, ...l.detectedAs].some((c) => canonicalPrimary(c) === canonicalPrimary(l.bcp47));
    expect(same, `${l.bcp47} vs ${l.iso6393} (ICU: ${canonicalPrimary(l.iso6393)})`).toBe(true);
  });

  it.each([
    ['ukr', 'Ukrainian', 'uk'], ['heb', 'Hebrew', 'he'], ['ind', 'Indonesian', 'id'], ['pes', 'Persian', 'fa'],
    ['nob', 'Norwegian Bokmål', 'nb'], ['ell', 'Greek', 'el'], ['arb', 'Arabic (Standard)', 'ar'], ['cmn', 'Simplified Chinese', 'zh-Hans'],
    ['yue', 'Cantonese', 'yue'], ['swh', 'Swahili', 'sw'], ['khk', 'Halh Mongolian', 'mn'], ['lvs', 'Latvian', 'lv'],
  ])('%s → %s (%s)', (code, name, bcp47) => {
    expect(qwenLanguageForCode(code)).toMatchObject({ name, bcp47 });
  });

  it('every code franc-all can output for a Qwen language resolves to it; und resolves to nothing', () => {
    const francCodes = new Set(Object.values(francData).flatMap((byCode) => Object.keys(byCode)));
    const covered = QWEN_LANGUAGES.filter((l) => [l.iso6393, ...l.detectedAs].some((c) => francCodes.has(c)));
    // franc-all knows 137 of the 201; the others can only come back as another code or und.
    expect(covered.length).toBeGreaterThanOrEqual(130); // measured 137 of 201
    expect(qwenLanguageForCode('und')).toBeNull();
    for (const l of covered) for (const c of [l.iso6393, ...l.detectedAs].filter((x) => francCodes.has(x))) expect(qwenLanguageForCode(c)).not.toBeNull();
  });

  itWith(requireSystem({ corpus: 'langid/udhr/index.xml' }), 'langid on UDHR text of each Qwen language gives a code in the table or und', () => {
    const index = readFileSync(corpusPath('langid', 'udhr', 'index.xml'), 'utf8');
    const misses: string[] = [];
    let tried = 0;
    let same = 0;
    for (const l of QWEN_LANGUAGES) {
      const entry = [...index.matchAll(/<udhr f='([^']+)'\s+iso639-3='([a-z]{3})'[^>]*stage='([45])'/g)].find((m) => m[2] === l.iso6393 || l.detectedAs.includes(m[2]!));
      if (!entry || !existsSync(corpusPath('langid', 'udhr', `udhr_${entry[1]}.xml`))) continue;
      const xml = readFileSync(corpusPath('langid', 'udhr', `udhr_${entry[1]}.xml`), 'utf8');
      const text = [...xml.slice(xml.indexOf('<article')).matchAll(/<para>([\s\S]*?)<\/para>/g)].slice(0, 3).map((m) => m[1]).join(' ')
        .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)));
      const code = detectLanguage(text).code;
      tried++;
      if (qwenLanguageForCode(code)?.name === l.name || qwenLanguageForCode(code)?.iso6393 === l.iso6393) same++;
      if (code !== 'und' && !qwenLanguageForCode(code)) misses.push(`${l.name} → ${code}`);
    }
    console.info(`Qwen languages with UDHR text: ${tried}; detected as themselves: ${same}; detected outside the table: ${misses.length} (${misses.join(', ')})`);
    expect(tried).toBeGreaterThan(100);
    // A miss is a detector confusing a Qwen language with a relative it knows (e.g. a Kurdish or
    // Quechua variety); measured 2026-05, the floor leaves a margin.
    expect(misses.length / tried).toBeLessThanOrEqual(0.15);
  });
});
