import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import pLimit from 'p-limit';
import { imagePages } from '../services/ingest/image/image-pages.ts';
import { DocumentOcr } from '../services/ingest/ocr/document-ocr.ts';
import { ocrPageImage } from '../services/ingest/ocr/ocr-page.ts';
import { OcrPool } from '../services/ingest/ocr/ocr-pool.ts';
import { addTally, cerOf, cerTally, type CerTally } from '../test/support/cer.ts';
import { corpusPath, corpusPresent } from '../test/support/corpus.ts';
import { renderTextImage } from '../test/support/make-scans.ts';
import type { Bench, BenchRow } from './bench.ts';

/**
 * OCR throughput at equal accuracy: the tesseract.js pool (2 workers, LSTM only) against the
 * native `tesseract` CLI run as 2 parallel processes with OMP_THREAD_LIMIT=1 (one core each, as
 * the pool), same `eng` model from the same tessdata, same PNGs. CER of both is reported; the
 * full routing pipeline (OSD + script model + language re-OCR) is a second row.
 */
const run = promisify(execFile);
const WORKERS = 2;
const GENERATED_PAGES = Number(process.env.BENCH_OCR_PAGES ?? 6);
const TESSDATA = process.env.TESSDATA_DIR || '/usr/share/tesseract-ocr/5/tessdata';

const PARAGRAPH = [
  'Article 33. Notification of a personal data breach to the supervisory authority.',
  'In the case of a personal data breach, the controller shall without undue delay and, where feasible, not later',
  'than 72 hours after having become aware of it, notify the personal data breach to the supervisory authority',
  'competent in accordance with Article 55, unless the personal data breach is unlikely to result in a risk to the',
  'rights and freedoms of natural persons. Where the notification is not made within 72 hours, it shall be',
  'accompanied by reasons for the delay. The processor shall notify the controller without undue delay.',
];

interface Page { png: Buffer; file: string; gt: string }

async function pages(dir: string): Promise<Page[]> {
  const out: Page[] = [];
  for (let i = 0; i < GENERATED_PAGES; i++) {
    const gt = Array.from({ length: 5 }, (_, k) => PARAGRAPH.map((l) => l.replace('Article 33', `Article ${33 + i * 5 + k}`)).join('\n')).join('\n\n');
    out.push({ png: await renderTextImage(gt), file: '', gt });
  }
  if (corpusPresent) {
    for (const stem of ['phototest', 'eurotext', '8071_093.3B', '8087_054.3B']) {
      const tif = corpusPath('ocr', 'tesseract-test', `${stem}.tif`);
      const [png] = await imagePages(new Uint8Array(readFileSync(tif)), { maxPixels: 100_000_000, maxPages: 1 });
      out.push({ png: png!, file: '', gt: readFileSync(corpusPath('ocr', 'tesseract-test', `${stem}.txt`), 'utf8') });
    }
  }
  out.forEach((p, i) => {
    p.file = path.join(dir, `page-${i}.png`);
    writeFileSync(p.file, p.png);
  });
  return out;
}

async function timed(work: () => Promise<string[]>, list: Page[]): Promise<{ perMinute: number; cer: CerTally }> {
  const t0 = performance.now();
  const texts = await work();
  const seconds = (performance.now() - t0) / 1000;
  const cer = texts.reduce<CerTally>((a, t, i) => addTally(a, cerTally(t, list[i]!.gt)), { errors: 0, chars: 0 });
  return { perMinute: (60 * list.length) / seconds, cer };
}

const pct = (t: CerTally) => `${(100 * cerOf(t)).toFixed(2)}%`;

const bench: Bench = {
  name: 'ocr',
  async run() {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'obligato-bench-ocr-'));
    const pool = new OcrPool({ size: WORKERS, tessdataDir: TESSDATA });
    try {
      const list = await pages(dir);
      // Warm: both workers created with the model loaded, OSD worker too.
      await Promise.all([pool.recognize(list[0]!.png, 'eng'), pool.recognize(list[0]!.png, 'eng'), ocrPageImage(pool, list[0]!.png)]);
      const limit = pLimit(WORKERS);
      const native = await timed(() => Promise.all(list.map((p) => limit(async () => {
        const { stdout } = await run('tesseract', [p.file, '-', '--tessdata-dir', TESSDATA, '-l', 'eng', '--oem', '1'], {
          env: { ...process.env, OMP_THREAD_LIMIT: '1' }, maxBuffer: 64 * 1024 * 1024,
        });
        return stdout;
      }))), list);
      const ours = await timed(() => Promise.all(list.map(async (p) => (await pool.recognize(p.png, 'eng')).text)), list);
      const routed = await timed(() => Promise.all(list.map(async (p) => (await ocrPageImage(pool, p.png)).text)), list);
      const documentOcr = new DocumentOcr(pool);
      const models: string[] = [];
      const perDocument = await timed(() => Promise.all(list.map(async (p, i) => {
        const r = await documentOcr.read(p.png, i + 1);
        models.push(r.model);
        return r.text;
      })), list);
      // The native pipeline with the model the document route settled on (same model, same parallelism).
      const chosen = [...new Set(models)].sort((a, b) => models.filter((m) => m === b).length - models.filter((m) => m === a).length)[0] ?? 'eng';
      const nativeChosen = await timed(() => Promise.all(list.map((p) => limit(async () => {
        const { stdout } = await run('tesseract', [p.file, '-', '--tessdata-dir', TESSDATA, '-l', chosen, '--oem', '1'], {
          env: { ...process.env, OMP_THREAD_LIMIT: '1' }, maxBuffer: 64 * 1024 * 1024,
        });
        return stdout;
      }))), list);
      const reference = { name: `tesseract CLI ×${WORKERS} (OMP_THREAD_LIMIT=1), CER ${pct(native.cer)}`, value: native.perMinute };
      const referenceChosen = { name: `tesseract CLI ×${WORKERS} -l ${chosen}, CER ${pct(nativeChosen.cer)}`, value: nativeChosen.perMinute };
      const rows: BenchRow[] = [
        { name: `pool ×${WORKERS}, model eng`, value: ours.perMinute, unit: 'pages/min', reference, ratio: ours.perMinute / native.perMinute, target: '≥ 1.0× at equal CER', note: `CER ${pct(ours.cer)} vs ${pct(native.cer)}; ${list.length} pages` },
        { name: `pool ×${WORKERS}, routed per page (OSD, script model, language re-OCR on every page)`, value: routed.perMinute, unit: 'pages/min', reference, ratio: routed.perMinute / native.perMinute, note: `CER ${pct(routed.cer)}` },
        { name: `pool ×${WORKERS}, routed per document (model chosen on the first page, checked per page)`, value: perDocument.perMinute, unit: 'pages/min', reference: referenceChosen, ratio: perDocument.perMinute / nativeChosen.perMinute, target: '≥ 0.8× at equal or lower CER', note: `CER ${pct(perDocument.cer)} vs ${pct(nativeChosen.cer)}; models used: ${[...new Set(models)].join(', ')}; what ingest runs when no language hint is given` },
      ];
      return {
        title: 'OCR: pages per minute',
        description: `${list.length} page images: ${GENERATED_PAGES} generated (300 dpi, DejaVu Sans 11 pt, English regulation text) and ${list.length - GENERATED_PAGES} from ocr/tesseract-test with their ground truth. Both sides use \`eng.traineddata\` from ${TESSDATA}, LSTM only, warm; CER = edit distance / GT characters after whitespace normalisation.`,
        rows,
      };
    } finally {
      await pool.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
