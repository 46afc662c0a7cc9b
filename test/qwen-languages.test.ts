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
const isIso6393 = (code: string) => /^[a-z]{3}$/.test(code) && (registry?.has(code) ?? true);

describe('Qwen languages → codes', () => {
  it('has the 201 languages of the Qwen3.5 table, 119 of them from the Qwen3 table, each once', () => {
    expect(QWEN_LANGUAGES).toHaveLength(201);
    expect(QWEN_LANGUAGES.filter((l) => l.since === 'qwen3')).toHaveLength(119);
    expect(new Set(QWEN_LANGUAGES.map((l) => l.name)).size).toBe(201);
  });

  it.each(QWEN_LANGUAGES.map((l) => [l.name, l] as const))('%s: valid ISO 639-3 and BCP-47', (_name, l) => {
    expect(isIso6393(l.iso6393), l.iso6393).toBe(true);
    for (const alias of l.detectedAs) expect(isIso6393(alias), alias).toBe(true);
    // Intl rejects malformed tags; it may canonicalise (als → sq), which is still the same language.
    expect(() => Intl.getCanonicalLocales(l.bcp47)).not.toThrow();
    const primary = l.bcp47.split('-')[0]!;
    expect(primary === l.iso6393 || l.detectedAs.includes(primary) || primary.length === 2, l.bcp47).toBe(true);
    expect(qwenLanguageForCode(l.iso6393)?.iso6393).toBe(l.iso6393);
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
