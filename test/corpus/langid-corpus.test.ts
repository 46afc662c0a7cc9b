/**
 * Language ID on the GDPR in 24 languages, per article (2,376 texts), for the combined detector
 * and for each of its parts alone (franc-all, CLD2), on the whole article and on its first 60
 * characters (the short-text case). Prints a table per language.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { cld2Detect } from '../../services/ingest/language/cld2.ts';
import { detectLanguage, detectLanguageFranc } from '../../services/ingest/language/detect-language.ts';
import { corpusPath, corpusPresent } from '../support/corpus.ts';
import { describeWith, requireSystem } from '../support/system-deps.ts';

/** Accepted ISO 639-3 codes per GDPR language: individual codes and their macrolanguage. */
const ACCEPT: Readonly<Record<string, readonly string[]>> = {
  bg: ['bul'], cs: ['ces'], da: ['dan'], de: ['deu'], el: ['ell'], en: ['eng'], es: ['spa'], et: ['ekk', 'est'],
  fi: ['fin'], fr: ['fra'], ga: ['gle'], hr: ['hrv'], hu: ['hun'], it: ['ita'], lt: ['lit'], lv: ['lvs', 'lav'], mt: ['mlt'],
  nl: ['nld'], pl: ['pol'], pt: ['por'], ro: ['ron'], sk: ['slk'], sl: ['slv'], sv: ['swe'],
};

/**
 * Whole-article accuracy floors (measured minus a margin). Croatian: CLD2 reads 29 of 99 articles
 * as Bosnian (franc 76); the Croatian vocabulary check (language/croatian.ts) brings it to 93.9%,
 * 6 still Bosnian. Every other language measured 100%.
 */
const FLOOR: Readonly<Record<string, number>> = { hr: 0.9 };

const DETECTORS = {
  combined: (t: string) => detectLanguage(t).code,
  franc: (t: string) => detectLanguageFranc(t).code,
  cld2: (t: string) => cld2Detect(t)?.languages[0]?.code ?? 'und',
} as const;
type Detector = keyof typeof DETECTORS;
const SHORT = 60;

interface Row { lang: string; n: number; hits: Record<`${Detector}${'' | 'Short'}`, number>; confusions: Map<string, number> }
const rows: Row[] = [];

function articlesOf(lang: string): string[] {
  const file = corpusPath('regulations', lang, `gdpr-2016-679-articles-${lang}.DERIVED.jsonl`);
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text);
}

const pct = (x: number, n: number) => `${((100 * x) / n).toFixed(1)}%`;

afterAll(() => {
  if (!rows.length) return;
  const total = rows.reduce((s, r) => s + r.n, 0);
  const sum = (k: keyof Row['hits']) => rows.reduce((s, r) => s + r.hits[k], 0);
  const line = (r: { lang: string; n: number; hits: Row['hits'] }, extra = '') =>
    `| ${r.lang} | ${r.n} | ${pct(r.hits.combined, r.n)} | ${pct(r.hits.franc, r.n)} | ${pct(r.hits.cld2, r.n)} | ${pct(r.hits.combinedShort, r.n)} | ${pct(r.hits.francShort, r.n)} | ${pct(r.hits.cld2Short, r.n)} | ${extra} |`;
  const all = { lang: '**all**', n: total, hits: { combined: sum('combined'), franc: sum('franc'), cld2: sum('cld2'), combinedShort: sum('combinedShort'), francShort: sum('francShort'), cld2Short: sum('cld2Short') } };
  console.info([
    `\nlanguage ID, GDPR per article (24 languages, ${total} articles; short = first ${SHORT} characters)`,
    '| lang | articles | combined | franc-all | CLD2 | combined short | franc short | CLD2 short | combined errors |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => line(r, [...r.confusions].map(([c, k]) => `${c}×${k}`).join(' '))),
    line(all),
  ].join('\n'));
});

const languages = corpusPresent ? readdirSync(corpusPath('regulations')).filter((l) => l in ACCEPT).sort() : [];

describeWith(requireSystem('corpus', 'cld2'), `language ID on GDPR articles (${languages.length} languages)`, () => {
  it.each(languages)('%s', (lang) => {
    const accept = ACCEPT[lang]!;
    const articles = articlesOf(lang);
    const row: Row = { lang, n: articles.length, hits: { combined: 0, franc: 0, cld2: 0, combinedShort: 0, francShort: 0, cld2Short: 0 }, confusions: new Map() };
    for (const text of articles) {
      for (const [name, detect] of Object.entries(DETECTORS) as Array<[Detector, (t: string) => string]>) {
        const code = detect(text);
        if (accept.includes(code)) row.hits[name]++;
        else if (name === 'combined') row.confusions.set(code, (row.confusions.get(code) ?? 0) + 1);
        if (accept.includes(detect(text.slice(0, SHORT)))) row.hits[`${name}Short`]++;
      }
    }
    rows.push(row);
    expect(row.n).toBe(99);
    expect(row.hits.combined / row.n).toBeGreaterThanOrEqual(FLOOR[lang] ?? 0.97);
    expect(row.hits.combined).toBeGreaterThanOrEqual(row.hits.franc);
  });

  it('overall: combined beats franc-all alone and matches or beats CLD2 alone', () => {
    const total = rows.reduce((s, r) => s + r.n, 0);
    const share = (k: keyof Row['hits']) => rows.reduce((s, r) => s + r.hits[k], 0) / total;
    // Measured: 98.8% whole articles, 96.1% on the first 60 characters (franc 96.6% / 88.0%, CLD2 98.8% / 94.7%).
    expect(share('combined')).toBeGreaterThanOrEqual(0.99);
    expect(share('combinedShort')).toBeGreaterThanOrEqual(0.94);
    expect(share('combined')).toBeGreaterThanOrEqual(share('cld2'));
    expect(share('combinedShort')).toBeGreaterThan(share('francShort'));
  });
});
