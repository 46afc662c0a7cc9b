/**
 * All PDFs in ../shared/corpus/pdfs through the whole text pipeline (sandbox, routing, OCR,
 * language ID, segmentation). Each must give a sound result or a DocumentInputError with a
 * reason; nothing may crash. Prints pages, page sources, language and time per file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import type { DocumentText } from '../../schemas/text.ts';
import { extractDocumentText } from '../../services/ingest/extract-text.ts';
import { DocumentInputError } from '../../services/ingest/intake/errors.ts';
import { OcrPool } from '../../services/ingest/ocr/ocr-pool.ts';
import { PdfSandbox } from '../../services/ingest/sandbox/pdf-sandbox.ts';
import { documentTextProblems } from '../../services/ingest/text/invariants.ts';
import { corpusPath, corpusPresent } from '../support/corpus.ts';
import { describeWith, requireSystem } from '../support/system-deps.ts';

const files = corpusPresent ? readdirSync(corpusPath('pdfs')).filter((f) => f.endsWith('.pdf')).sort() : [];

// Two cores: one OCR worker and one PDF worker per core, like the service defaults there.
const ocr = new OcrPool({ size: 2, jobTimeoutMs: 120_000 });
const pdfSandbox = new PdfSandbox({ workers: 2, pageTimeoutMs: 30_000 });
/** Results by file, for the routing checks after the sweep: each PDF is processed (and OCRed) once. */
const results = new Map<string, DocumentText>();
const rows: Array<{ file: string; pages: string; sources: string; language: string; seconds: number; outcome: string }> = [];

afterAll(async () => {
  await Promise.all([ocr.dispose(), pdfSandbox.dispose()]);
  if (!rows.length) return;
  const ok = rows.filter((r) => r.outcome === 'text').length;
  const seconds = rows.reduce((s, r) => s + r.seconds, 0);
  console.info([
    `\ncorpus PDFs: ${rows.length} files, ${ok} with text, ${rows.length - ok} input errors, ${seconds.toFixed(0)} s in all`,
    '| file | pages | sources | language | s | outcome |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.file} | ${r.pages} | ${r.sources} | ${r.language} | ${r.seconds.toFixed(1)} | ${r.outcome.replace(/\|/g, '/').slice(0, 100)} |`),
  ].join('\n'));
});

function sourcesOf(sources: string[]): string {
  const counts = new Map<string, number>();
  for (const s of sources) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${s}×${n}`).join(' ');
}

describeWith(requireSystem('corpus'), `corpus PDFs (${files.length} files)`, () => {
  it('holds the 22 PDFs described in pdfs/NOTES.md', () => {
    expect(files).toHaveLength(22);
  });

  it.each(files)('%s: text or an input error', async (file) => {
    const t0 = performance.now();
    const bytes = new Uint8Array(readFileSync(corpusPath('pdfs', file)));
    const result = await extractDocumentText(bytes, file, { maxPages: 200, ocr, pdfSandbox }).then(
      (doc) => ({ ok: true as const, doc }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const seconds = (performance.now() - t0) / 1000;
    if (result.ok) {
      const { doc } = result;
      results.set(file, doc);
      rows.push({
        file, pages: String(doc.pages.length), sources: sourcesOf(doc.pages.map((p) => p.source)), seconds, outcome: 'text',
        language: `${doc.language.code} (${doc.language.confidence})`,
      });
      expect(documentTextProblems(doc)).toEqual([]);
      expect(doc.pages.length).toBeGreaterThan(0);
    } else {
      const error = result.error as Error;
      rows.push({ file, pages: '', sources: '', language: '', seconds, outcome: `${error instanceof DocumentInputError ? error.code : 'CRASH'}: ${error.message}` });
      expect(error).toBeInstanceOf(DocumentInputError);
    }
  });

  const processed = (file: string): DocumentText => {
    const doc = results.get(file);
    if (!doc) throw new Error(`${file} gave no text in the sweep above`);
    return doc;
  };

  it('TAMReview: body pages whose font maps to control codes are OCRed, in English', () => {
    const doc = processed('TAMReview.pdf');
    expect(doc.pages).toHaveLength(23);
    expect(doc.pages[0]).toMatchObject({ source: 'text_layer', reason: 'text layer present' });
    expect(doc.pages.slice(1, 22).every((p) => p.source === 'ocr' && /control codes/.test(p.reason))).toBe(true);
    expect(doc.language.code).toBe('eng');
    expect(doc.segments.length).toBeGreaterThan(10);
  });

  it('scans without a text layer are OCRed with the Cyrillic model: Russian', () => {
    const doc = processed('issue7229.pdf');
    expect(doc.pages.map((p) => p.source)).toEqual(['ocr', 'ocr']);
    expect(doc.pages[0]!.reason).toMatch(/^no text layer → OCR \(script Cyrillic/);
    expect(doc.text).toMatch(/Диагностическая карта/u);
    expect(doc.language.code).toBe('rus');
  });

  it('a garbage OCR layer (issue12963) and CJK mojibake (issue2884) are detected and re-OCRed', () => {
    const ru = processed('issue12963.pdf');
    expect(ru.pages.every((p) => p.source === 'ocr' && /look like bad OCR/.test(p.reason))).toBe(true);
    expect(ru.language.code).toBe('rus');
    expect(processed('issue2884_reduced.pdf').pages[0]!.reason).toMatch(/garbled/);
  });
});
