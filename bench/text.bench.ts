import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { extractDocumentText } from '../services/ingest/extract-text.ts';
import { PdfSandbox } from '../services/ingest/sandbox/pdf-sandbox.ts';
import { corpusPath, corpusPresent } from '../test/support/corpus.ts';
import { makeTextPdf } from '../test/support/make-pdf.ts';
import type { Bench, BenchRow } from './bench.ts';

/**
 * Text-layer throughput: the whole text pipeline with OCR off (sandboxed pdf.js over worker
 * threads, routing checks, normalisation, language ID, segmentation) against poppler's
 * `pdftotext` on the same file, both warm, pages per second over several runs.
 */
const GENERATED_PAGES = Number(process.env.BENCH_TEXT_PAGES ?? 200);
const MIN_SECONDS = 5;

const SENTENCES = [
  'The operator shall keep a register of every processing activity under its responsibility.',
  'Article 12 applies where the controller transfers personal data to a third country.',
  'The supervisory authority may impose an administrative fine of up to 20 000 000 EUR.',
  'Member States shall provide that the processor notifies the controller without undue delay.',
];

function generatedPages(): string[][] {
  return Array.from({ length: GENERATED_PAGES }, (_, p) => [
    `Article ${p + 1}`, '',
    ...Array.from({ length: 44 }, (_, l) => SENTENCES[(p + l) % SENTENCES.length]!.slice(0, 88)),
  ]);
}

/** Runs `once` until MIN_SECONDS have passed (at least 3 times) after one warm-up; pages per second. */
async function pagesPerSecond(pages: number, once: () => Promise<void> | void): Promise<number> {
  await once();
  let runs = 0;
  const t0 = performance.now();
  while (runs < 3 || performance.now() - t0 < MIN_SECONDS * 1000) {
    await once();
    runs++;
  }
  return (pages * runs) / ((performance.now() - t0) / 1000);
}

const havePdftotext = spawnSync('pdftotext', ['-v']).status === 0;

async function compare(label: string, file: string, bytes: Uint8Array, sandbox: PdfSandbox): Promise<BenchRow> {
  const first = await extractDocumentText(bytes, path.basename(file), { maxPages: 5000, ocr: null, pdfSandbox: sandbox });
  const pages = first.pages.length;
  const ours = await pagesPerSecond(pages, async () => {
    await extractDocumentText(bytes, path.basename(file), { maxPages: 5000, ocr: null, pdfSandbox: sandbox });
  });
  if (!havePdftotext) return { name: label, value: ours, unit: 'pages/s', target: '≥ 0.5× pdftotext', note: 'pdftotext not installed (apt install poppler-utils): no reference' };
  const reference = await pagesPerSecond(pages, () => {
    execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 256 * 1024 * 1024 });
  });
  return {
    name: label, value: ours, unit: 'pages/s', reference: { name: 'pdftotext', value: reference }, ratio: ours / reference,
    target: '≥ 0.5×', note: `${pages} pages; ${first.pages.filter((p) => p.source === 'text_layer').length} from the text layer`,
  };
}

const bench: Bench = {
  name: 'text',
  async run() {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'obligato-bench-text-'));
    const sandbox = new PdfSandbox({ workers: os.availableParallelism() });
    const rows: BenchRow[] = [];
    try {
      const inputs: Array<{ label: string; file: string; bytes: Uint8Array }> = [];
      const generated = await makeTextPdf(generatedPages());
      const generatedFile = path.join(dir, 'generated.pdf');
      writeFileSync(generatedFile, generated);
      inputs.push({ label: `generated ${GENERATED_PAGES}-page PDF`, file: generatedFile, bytes: generated });
      const tam = corpusPath('pdfs', 'TAMReview.pdf');
      if (corpusPresent && existsSync(tam)) inputs.push({ label: 'corpus TAMReview.pdf (23 pages)', file: tam, bytes: new Uint8Array(readFileSync(tam)) });

      for (const input of inputs) rows.push(await compare(input.label, input.file, input.bytes, sandbox));
    } finally {
      await sandbox.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
    return {
      title: 'Text layer: pages per second',
      description: `Whole text pipeline with OCR off (\`extractDocumentText\`, ${os.availableParallelism()} PDF worker threads, routing, normalisation, language ID, segments) vs poppler \`pdftotext\` (one process per run, output to stdout) on the same file; both warm, repeated for ≥ ${MIN_SECONDS} s.`,
      rows,
    };
  },
};

export default bench;
