/**
 * Legislation in its official markup, read in place from the shared corpus: GDPR as Formex in
 * all 24 EU languages (articles, paragraphs, signature, nothing lost), the OJ original with its
 * 173 recitals, and every file under formats/ (EUR-Lex HTML/XHTML, national HTML, Akoma Ntoso,
 * Formex packages, DOCX, other XML). Prints a table per suite.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import type { DocumentText } from '../../schemas/text.ts';
import { extractDocumentText } from '../../services/ingest/extract-text.ts';
import { AKN_RULES } from '../../services/ingest/formats/akn.ts';
import { decodeWindows1252 } from '../../services/ingest/formats/encoding.ts';
import { FORMEX_RULES } from '../../services/ingest/formats/formex.ts';
import { isHtmlChrome } from '../../services/ingest/formats/html.ts';
import { readMarkup, type MarkupKind } from '../../services/ingest/formats/read-markup.ts';
import type { StructuredText } from '../../services/ingest/formats/types.ts';
import { detectFileType } from '../../services/ingest/intake/file-type.ts';
import { documentTextProblems } from '../../services/ingest/text/invariants.ts';
import { CORPUS_SKIP_MESSAGE, corpusPath, corpusPresent } from '../support/corpus.ts';
import { inOrder, sourceText, type SourceText } from '../formats-support.ts';

const LANGS = ['bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu', 'it', 'lt', 'lv', 'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv'];
const opts = { maxPages: 500, ocr: null } as const;

const gdprRows: string[] = [];
const formatRows: string[] = [];
afterAll(() => {
  if (gdprRows.length) {
    console.info(['\nGDPR Formex (consolidated) per language', '| lang | detected | chars | articles | article segments | paragraphs in XML | recitals | signature | footnotes | text in order | ms |', '|---|---|---|---|---|---|---|---|---|---|---|', ...gdprRows].join('\n'));
  }
  if (formatRows.length) {
    console.info(['\ncorpus formats/', '| file | format | lang | chars | segments by kind | text in order | letters outside segments | ms |', '|---|---|---|---|---|---|---|---|', ...formatRows].join('\n'));
  }
});

/** The document's text content as the source states it, minus what the reader drops by design. */
function sourceOf(bytes: Uint8Array, read: StructuredText, kind: MarkupKind): SourceText {
  if (kind === 'docx') {
    const xml = new TextDecoder().decode(unzipSync(bytes, { filter: (f) => f.name === 'word/document.xml' })['word/document.xml']);
    // Only w:t runs are text (w:delText, w:instrText are not); footnotes live in another part.
    return sourceText(xml, 'xml', (local) => ['del', 'Fallback'].includes(local), new Set(), new Set(['t']));
  }
  const markup = /windows-1252/.test(read.reason) ? decodeWindows1252(bytes) : new TextDecoder().decode(bytes);
  if (read.format === 'formex') return sourceText(markup, 'xml', (l) => FORMEX_RULES.skip.has(l), new Set(['NOTE']));
  if (read.format === 'akn') return sourceText(markup, 'xml', (l) => AKN_RULES.skip.has(l), new Set(['authorialNote']));
  if (read.format === 'xml') return sourceText(markup.replace(/<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>/i, ''), 'xml', () => false);
  return sourceText(markup, 'html', (local, attrs, inContent) => isHtmlChrome({ name: local, local, attrs, children: [] }, inContent));
}

/** Share of the source's visible characters found in order (main flow, then each moved note). */
function textKept(source: SourceText, text: string): { ratio: number; missing: string[] } {
  const main = inOrder(source.main, text);
  let total = main.total;
  let found = main.found;
  const missing = [...main.missing];
  for (const note of source.moved) {
    const n = inOrder(note, text);
    total += n.total;
    found += n.found;
    missing.push(...n.missing);
  }
  return { ratio: total ? found / total : 1, missing: missing.slice(0, 5) };
}

/** Visible characters of the text outside every segment and container heading. */
function uncovered(doc: DocumentText, read: StructuredText): string {
  const covered = new Uint8Array(doc.text.length);
  for (const s of [...doc.segments, ...read.headings]) covered.fill(1, s.start, s.end);
  let out = '';
  for (let i = 0; i < doc.text.length; i++) if (!covered[i] && /[\p{L}\p{N}]/u.test(doc.text[i]!)) out += doc.text[i];
  return out;
}

const articleNumbers = (doc: DocumentText): Set<string> =>
  new Set(doc.segments.filter((s) => s.kind === 'article').map((s) => /(?:^|\/)art:([^/]+)/.exec(s.citationKey ?? '')?.[1]).filter((x): x is string => !!x));

describe.skipIf(!corpusPresent)(corpusPresent ? 'GDPR Formex, 24 languages' : CORPUS_SKIP_MESSAGE, () => {
  it.each(LANGS)('%s: 99 articles, one segment per paragraph, no text lost', async (lang) => {
    const file = corpusPath('regulations', lang, `gdpr-2016-679-consolidated-${lang}.formex.xml`);
    const bytes = new Uint8Array(readFileSync(file));
    const t0 = performance.now();
    const doc = await extractDocumentText(bytes, path.basename(file), opts);
    const ms = performance.now() - t0;
    expect(documentTextProblems(doc)).toEqual([]);
    const arts = articleNumbers(doc);
    expect(arts.size).toBe(99);
    expect([...arts].map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: 99 }, (_, i) => i + 1));
    // Independent count from the XML: one segment per PARAG, or per ARTICLE without PARAGs.
    const xml = new TextDecoder().decode(bytes);
    const expected = [...xml.matchAll(/<ARTICLE\b[\s\S]*?<\/ARTICLE>/g)].reduce((n, m) => n + Math.max(1, (m[0].match(/<PARAG\b/g) ?? []).length), 0);
    const articleKeys = new Set(doc.segments.filter((s) => s.kind === 'article').map((s) => s.citationKey));
    expect(articleKeys.size).toBe(expected);
    const kinds = (k: string) => doc.segments.filter((s) => s.kind === k).length;
    expect(kinds('recital')).toBe(0); // the consolidated text carries no recitals
    expect(kinds('signature')).toBe(1);
    expect(doc.segments.find((s) => s.kind === 'signature') && doc.text.slice(doc.segments.find((s) => s.kind === 'signature')!.start).length).toBeGreaterThan(20);
    const read = readMarkup(bytes, 'xml', file);
    expect(read.text).toBe(doc.text);
    const kept = textKept(sourceOf(bytes, read, 'xml'), doc.text);
    expect(kept.missing).toEqual([]);
    expect(uncovered(doc, read)).toBe('');
    gdprRows.push(`| ${lang} | ${doc.language.code} | ${doc.text.length} | ${arts.size} | ${articleKeys.size} | ${expected} | ${kinds('recital')} | ${kinds('signature')} | ${kinds('footnote')} | ${(kept.ratio * 100).toFixed(2)}% | ${ms.toFixed(0)} |`);
  });

  it('en OJ L 119 original: 173 recitals, 99 articles, preamble, signature, 21 footnotes', async () => {
    const file = corpusPath('regulations', 'en', 'gdpr-2016-679-OJ-L119-original-en.formex.xml');
    const bytes = new Uint8Array(readFileSync(file));
    const doc = await extractDocumentText(bytes, path.basename(file), opts);
    expect(documentTextProblems(doc)).toEqual([]);
    const recitals = doc.segments.filter((s) => s.kind === 'recital');
    expect(recitals).toHaveLength(173);
    expect(recitals.map((s) => s.citationKey)).toEqual(Array.from({ length: 173 }, (_, i) => `rec:${i + 1}`));
    expect(articleNumbers(doc).size).toBe(99);
    expect(doc.segments.filter((s) => s.kind === 'footnote')).toHaveLength(21);
    const signature = doc.segments.find((s) => s.kind === 'signature')!;
    expect(doc.text.slice(signature.start, signature.end)).toMatch(/Done at Brussels, 27 April 2016\.[\s\S]*Hennis-Plasschaert$/);
    const art33 = doc.segments.find((s) => s.citationKey === 'chap:4/sec:2/art:33/par:1')!;
    expect(art33.citation).toBe('CHAPTER IV > Section 2 > Article 33(1)');
    expect(doc.text.slice(art33.start, art33.end)).toMatch(/^Article 33\nNotification of a personal data breach to the supervisory authority\n1\. In the case of a personal data breach, the controller shall without undue delay and, where feasible, not later than 72 hours/);
    const read = readMarkup(bytes, 'xml', file);
    expect(textKept(sourceOf(bytes, read, 'xml'), doc.text).missing).toEqual([]);
    expect(uncovered(doc, read)).toBe('');
    gdprRows.push(`| en (OJ original) | ${doc.language.code} | ${doc.text.length} | ${articleNumbers(doc).size} | ${doc.segments.filter((s) => s.kind === 'article').length} | – | ${recitals.length} | 1 | 21 | 100% | – |`);
  });
});

const formatsDir = corpusPresent ? corpusPath('formats') : '';
const formatFiles = corpusPresent
  ? readdirSync(formatsDir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.endsWith('.md') && !e.parentPath.includes('LICENSES'))
      .map((e) => path.relative(formatsDir, path.join(e.parentPath, e.name)))
      .sort()
  : [];

/** Structure the markup states for files whose counts are known from their README/sources. */
const KNOWN: Record<string, { recitals: number; articles: number }> = {
  'html/en-eu-interoperable-europe-act-reg-2024-903-OJ-eurlex.html': { recitals: 57, articles: 23 },
  'formex/en-eu-reg-2024-903/L_202400903EN.000101.fmx.xml': { recitals: 57, articles: 23 },
  'html/de-eu-dora-reg-2022-2554-OJ-eurlex.xhtml': { recitals: 106, articles: 64 },
  'akn/en-eu-dir-2014-92-payment-accounts-cirsfid.akn.xml': { recitals: 58, articles: 31 },
  'akn/en-eu-akn4eu-COM-2025-162-proposal.akn.xml': { recitals: 24, articles: 20 },
};

describe.skipIf(!corpusPresent)(corpusPresent ? `formats/ (${formatFiles.length} files)` : CORPUS_SKIP_MESSAGE, () => {
  it.each(formatFiles)('%s', async (rel) => {
    const bytes = new Uint8Array(readFileSync(path.join(formatsDir, rel)));
    const kind = detectFileType(bytes, path.basename(rel)).kind;
    expect(['html', 'xml', 'docx']).toContain(kind);
    const t0 = performance.now();
    const doc = await extractDocumentText(bytes, path.basename(rel), opts);
    const ms = performance.now() - t0;
    expect(documentTextProblems(doc)).toEqual([]);
    expect(doc.text.length).toBeGreaterThan(100);
    const read = readMarkup(bytes, kind as MarkupKind, rel);
    expect(read.text).toBe(doc.text);
    const kept = textKept(sourceOf(bytes, read, kind as MarkupKind), doc.text);
    expect(kept.missing).toEqual([]);
    // Where the markup states units, every letter is in a segment or a container heading; without
    // units the plain-text segmenter decides (it leaves title-only heading lines out of segments).
    const outside = uncovered(doc, read);
    if (read.units.some((u) => u.kind === 'article' || u.kind === 'recital')) expect(outside).toBe('');
    const known = KNOWN[rel];
    if (known) {
      expect(doc.segments.filter((s) => s.kind === 'recital')).toHaveLength(known.recitals);
      expect(articleNumbers(doc).size).toBe(known.articles);
    }
    const kinds: Record<string, number> = {};
    for (const s of doc.segments) kinds[s.kind] = (kinds[s.kind] ?? 0) + 1;
    formatRows.push(`| ${rel} | ${read.format} | ${doc.language.code} | ${doc.text.length} | ${Object.entries(kinds).map(([k, n]) => `${k} ${n}`).join(', ')} | ${(kept.ratio * 100).toFixed(2)}% | ${outside.length} | ${ms.toFixed(0)} |`);
  });

  it('the same act as EUR-Lex HTML and as Formex gives the same article and paragraph keys', async () => {
    const keys = async (rel: string) => {
      const doc = await extractDocumentText(new Uint8Array(readFileSync(path.join(formatsDir, rel))), path.basename(rel), opts);
      return doc.segments.filter((s) => s.kind === 'article' || s.kind === 'recital').map((s) => s.citationKey);
    };
    const html = await keys('html/en-eu-interoperable-europe-act-reg-2024-903-OJ-eurlex.html');
    const fmx = await keys('formex/en-eu-reg-2024-903/L_202400903EN.000101.fmx.xml');
    expect(html.length).toBeGreaterThan(100);
    expect(html).toEqual(fmx);
  });
});
