/**
 * Real documents from the shared corpus (read in place, never copied into the repo). Skipped
 * when the corpus is absent; point OBLIGATO_CORPUS at it to run elsewhere.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { DocumentText } from '../../schemas/text.ts';
import { extractDocumentText } from '../../services/ingest/extract-text.ts';
import { CorruptPdfError, EncryptedPdfError } from '../../services/ingest/intake/errors.ts';
import { documentTextProblems } from '../../services/ingest/text/invariants.ts';
import { describeWith, requireSystem } from '../support/system-deps.ts';

const CORPUS = path.resolve(import.meta.dirname, '../..', process.env.OBLIGATO_CORPUS ?? '../shared/corpus');
const present = existsSync(path.join(CORPUS, 'regulations'));
const title = `corpus at ${CORPUS}`;

async function extract(rel: string, name = path.basename(rel)): Promise<DocumentText> {
  const bytes = new Uint8Array(readFileSync(path.join(CORPUS, rel)));
  const doc = await extractDocumentText(bytes, name, { maxPages: 200 });
  expect(documentTextProblems(doc)).toEqual([]);
  return doc;
}

const CN_DIGITS: Readonly<Record<string, number>> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** 三十三 → 33, 一百零五 → 105, 十二 → 12. */
function chineseNumber(s: string): number {
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in CN_DIGITS) digit = CN_DIGITS[ch]!;
    else if (ch in CN_UNITS) {
      total += (digit || 1) * CN_UNITS[ch]!;
      digit = 0;
    }
  }
  return total + digit;
}

const GDPR_LANGUAGES: Record<string, string[]> = {
  bg: ['bul'], cs: ['ces'], da: ['dan'], de: ['deu'], el: ['ell'], en: ['eng'], es: ['spa'], et: ['ekk', 'est'],
  fi: ['fin'], fr: ['fra'], ga: ['gle'],
  // franc cannot separate Croatian from Bosnian/Serbian (Latin); CLD2/eld (issue 3) should.
  hr: ['hrv', 'bos', 'srp'],
  hu: ['hun'], it: ['ita'], lt: ['lit'], lv: ['lvs', 'lav'], mt: ['mlt'], nl: ['nld'], pl: ['pol'], pt: ['por'],
  ro: ['ron'], sk: ['slk'], sl: ['slv'], sv: ['swe'],
};

describeWith(requireSystem({ corpus: 'regulations' }), title, () => {
  const zhFiles = present ? readdirSync(path.join(CORPUS, 'regulations/zh')).filter((f) => f.endsWith('.md')) : [];

  it.each(zhFiles)('Chinese statute %s: one segment per 第N条, numbered 1..n', async (file) => {
    const rel = `regulations/zh/${file}`;
    const doc = await extract(rel);
    expect(doc.language.code).toBe('cmn');
    const articles = doc.segments.filter((s) => s.heading && /^第.+条$/u.test(s.heading));
    const expected = readFileSync(path.join(CORPUS, rel), 'utf8').match(/^第[一二三四五六七八九十百零〇两]+条[ \u3000]/gmu)?.length ?? 0;
    expect(articles.length).toBe(expected);
    expect(articles.length).toBeGreaterThan(40);
    expect(articles.map((s) => chineseNumber(s.heading!.slice(1, -1)))).toEqual(articles.map((_, i) => i + 1));
    // Chapters (章) show up in the path, not as segments of their own.
    expect(articles.every((s) => /^第.+章 > 第.+条$/u.test(s.citation))).toBe(true);
    expect(articles.every((s) => s.language === 'cmn' && s.sentences.length > 0)).toBe(true);
  });

  it.each(Object.keys(GDPR_LANGUAGES))('GDPR (%s): 99 article segments in order', async (lang) => {
    const doc = await extract(`regulations/${lang}/gdpr-2016-679-consolidated-${lang}.DERIVED.txt`, `gdpr-${lang}.txt`);
    expect(GDPR_LANGUAGES[lang]).toContain(doc.language.code);
    const articles = doc.segments.filter((s) => s.heading !== null);
    expect(articles).toHaveLength(99);
    const numberOf = (heading: string) => (/premier/i.test(heading) ? 1 : Number(/\d+/.exec(heading)?.[0]));
    expect(articles.map((s) => numberOf(s.heading!))).toEqual(articles.map((_, i) => i + 1));
    expect(new Set(articles.map((s) => s.citation)).size).toBe(99);
    // Articles 12-23 sit in Chapter III, Section 1-5: three levels of path.
    expect(articles[32]!.citation.split(' > ')).toHaveLength(3);
  }, 30_000);

  it('Japanese APPI: kana text is jpn, articles keep their captions', async () => {
    const doc = await extract('regulations/ja/APPI-415AC0000000057.DERIVED.txt', 'appi.txt');
    expect(doc.language.code).toBe('jpn');
    const articles = doc.segments.filter((s) => s.heading && /^第[^章節款]+条(の.+)?$/u.test(s.heading));
    expect(articles.length).toBeGreaterThan(185);
    const first = articles[0]!;
    expect(doc.text.slice(first.start, first.end)).toMatch(/^（目的）\n第一条/u);
  });

  it('removes bidi marks (Hebrew) and folds Arabic presentation forms', async () => {
    const hebrew = await extract('pdfs/issue11656.pdf');
    expect(hebrew.text).toMatch(/שלום/u);
    expect(hebrew.text).not.toMatch(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/u);
    const arabic = await extract('pdfs/ArabicCIDTrueType.pdf');
    expect(arabic.text).toMatch(/العربية/u);
    expect(arabic.text).not.toMatch(/[\uFB50-\uFDFF\uFE70-\uFEFE]/u);
  });

  it('password-protected and broken PDFs fail with input errors', async () => {
    await expect(extract('hostile/pdf/issue6010_1.pdf')).rejects.toThrow(EncryptedPdfError);
    await expect(extract('hostile/pdf/bug1020226.pdf')).rejects.toThrow(CorruptPdfError);
    await expect(extract('hostile/pdf/Pages-tree-refs.pdf')).rejects.toThrow(/circular reference/);
    // Encrypted with an empty user password: opens like any other PDF.
    await expect(extract('hostile/pdf/empty_protected.pdf')).resolves.toMatchObject({ pages: [{ n: 1 }] });
  });
});
