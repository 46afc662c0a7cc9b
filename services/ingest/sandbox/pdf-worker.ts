import { parentPort } from 'node:worker_threads';
import { CorruptPdfError, DocumentTooLargeError, EncryptedPdfError } from '../intake/errors.ts';
import { pageHasImages, renderPage } from '../text/pdf-render.ts';
import { checkPageCount, openPdf, pageText, toInputError } from '../text/pdf-text.ts';
import { OPS } from '../text/pdfjs.ts';
import { assessTextLayer } from '../text/text-layer-quality.ts';
import type { ErrorKind, PdfJob, SandboxPage, WorkerMessage } from './pdf-protocol.ts';

/**
 * Worker-thread body: pdf.js parsing, text extraction, routing and rendering of one file (or one
 * shard of its pages). Runs here so that the parent can stop a runaway file by terminating the
 * thread, and so that its heap limit is the thread's, not the ingest process's.
 */

/** Pages with fewer letters than this that also paint an image are scans with a stray text layer. */
const NEARLY_EMPTY_LETTERS = 40;

const port = parentPort;
if (!port) throw new Error('pdf-worker must run as a worker thread');

const send = (msg: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(msg, transfer);

send({ type: 'ready' });

port.on('message', (job: PdfJob) => {
  run(job).catch((error: unknown) => {
    const e = toInputError(error);
    send({ id: job.id, type: 'error', kind: kindOf(e), message: e instanceof Error ? e.message : String(e) });
  });
});

async function run(job: PdfJob): Promise<void> {
  const task = openPdf(job.bytes);
  try {
    const doc = await task.promise;
    checkPageCount(doc.numPages, job.maxPages);
    send({ id: job.id, type: 'meta', numPages: doc.numPages });
    for (let n = Atomics.add(job.cursor, 0, 1) + 1; n <= doc.numPages; n = Atomics.add(job.cursor, 0, 1) + 1) {
      const text = await pageText(doc, n);
      let verdict = assessTextLayer(text);
      const letters = text.match(/\p{L}/gu)?.length ?? 0;
      if (verdict.ok && letters < NEARLY_EMPTY_LETTERS && (await pageHasImages(doc, n, OPS))) {
        verdict = { ok: false, reason: `text layer nearly empty (${letters} letters) on an image page` };
      }
      const page: SandboxPage = { n, text, textLayerOk: verdict.ok, reason: verdict.reason, png: null, blank: false };
      if (!verdict.ok && job.render) {
        await takeCredit(job);
        const r = await renderPage(doc, n, { dpi: job.dpi, maxPixels: job.maxPixels });
        // Nothing to hand on, so nothing for the parent to release: the credit goes straight back.
        if (r.blank) returnCredit(job);
        page.blank = r.blank;
        // A copy owns its ArrayBuffer outright, so transferring it moves exactly the PNG.
        page.png = r.blank ? null : new Uint8Array(r.png);
      }
      send({ id: job.id, type: 'page', page }, page.png ? [page.png.buffer as ArrayBuffer] : []);
    }
    send({ id: job.id, type: 'done' });
  } finally {
    await task.destroy();
  }
}

/** Waits (without blocking the thread) until the parent has room for one more rendered page. */
async function takeCredit(job: PdfJob): Promise<void> {
  const credits = job.renderCredits;
  let waited = false;
  for (;;) {
    const available = Atomics.load(credits, 0);
    if (available > 0) {
      if (Atomics.compareExchange(credits, 0, available, available - 1) !== available) continue;
      if (waited) send({ id: job.id, type: 'resumed' });
      return;
    }
    if (!waited) send({ id: job.id, type: 'waiting' });
    waited = true;
    await Atomics.waitAsync(credits, 0, available).value;
  }
}

function returnCredit(job: PdfJob): void {
  Atomics.add(job.renderCredits, 0, 1);
  Atomics.notify(job.renderCredits, 0);
}

function kindOf(error: unknown): ErrorKind {
  if (error instanceof EncryptedPdfError) return 'encrypted';
  if (error instanceof CorruptPdfError) return 'corrupt';
  if (error instanceof DocumentTooLargeError) return 'too_large';
  // A RangeError from a recursion loop inside the parser is the file's doing too.
  if (error instanceof RangeError) return 'corrupt';
  return 'other';
}
