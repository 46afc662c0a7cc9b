/**
 * Every file in ../shared/corpus/hostile must end as a clear per-document failure
 * (a DocumentInputError with a reason) or a result that passes the text invariants, within the
 * limits, without taking the test process down. Prints a table of outcomes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { extractDocumentText } from '../../services/ingest/extract-text.ts';
import { DocumentInputError } from '../../services/ingest/intake/errors.ts';
import { OcrPool } from '../../services/ingest/ocr/ocr-pool.ts';
import { PdfSandbox } from '../../services/ingest/sandbox/pdf-sandbox.ts';
import { documentTextProblems } from '../../services/ingest/text/invariants.ts';
import { corpusPath, corpusPresent } from '../support/corpus.ts';
import { describeWith, requireSystem } from '../support/system-deps.ts';

const dir = corpusPath('hostile');
const files = corpusPresent
  ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name !== 'NOTES.md').map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort()
  : [];

const ocr = new OcrPool({ size: 2, jobTimeoutMs: 60_000 });
const pdfSandbox = new PdfSandbox({ workers: 2, pageTimeoutMs: 20_000, maxHeapMb: 768 });
const rows: Array<{ file: string; outcome: string; detail: string; seconds: string }> = [];

afterAll(async () => {
  await Promise.all([ocr.dispose(), pdfSandbox.dispose()]);
  if (rows.length) console.info(`\nhostile set\n${['| file | outcome | detail | s |', '|---|---|---|---|', ...rows.map((r) => `| ${r.file} | ${r.outcome} | ${r.detail.replace(/\|/g, '/').slice(0, 110)} | ${r.seconds} |`)].join('\n')}`);
});

describeWith(requireSystem('corpus'), `hostile set (${files.length} files)`, () => {
  it.each(files)('%s: input error or sound result', async (file) => {
    const t0 = performance.now();
    const bytes = new Uint8Array(readFileSync(path.join(dir, file)));
    const result = await extractDocumentText(bytes, path.basename(file), { maxPages: 200, maxBytes: 50 * 1024 * 1024, ocr, pdfSandbox }).then(
      (doc) => ({ ok: true as const, doc }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    if (result.ok) {
      expect(documentTextProblems(result.doc)).toEqual([]);
      rows.push({ file, outcome: 'text', detail: `${result.doc.pages.length} page(s), ${result.doc.language.code}, sources ${[...new Set(result.doc.pages.map((p) => p.source))].join('/')}`, seconds });
    } else {
      rows.push({ file, outcome: result.error instanceof DocumentInputError ? result.error.code : 'ERROR', detail: (result.error as Error).message, seconds });
      expect(result.error).toBeInstanceOf(DocumentInputError);
    }
  });
});
