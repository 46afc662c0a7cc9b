/**
 * Limits that keep hostile files from taking the process down, on generated inputs: a PNG whose
 * header claims 50 gigapixels, an absurd page count, a page that overruns the time limit, a
 * worker that exceeds its heap. Each must end as a DocumentInputError, and the sandbox must
 * still work afterwards.
 */
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { extractDocumentText } from '../services/ingest/extract-text.ts';
import { DocumentInputError, DocumentTooLargeError } from '../services/ingest/intake/errors.ts';
import { PdfSandbox, ProcessingLimitError } from '../services/ingest/sandbox/pdf-sandbox.ts';
import { makeTextPdf } from './support/make-pdf.ts';
import { makeScannedPdf, renderTextImage } from './support/make-scans.ts';

const sandboxes: PdfSandbox[] = [];
const sandbox = (opts: ConstructorParameters<typeof PdfSandbox>[0]) => {
  const s = new PdfSandbox(opts);
  sandboxes.push(s);
  return s;
};
afterAll(async () => {
  await Promise.all(sandboxes.map((s) => s.dispose()));
});

/** A valid PNG signature + IHDR claiming width × height, then a tiny IDAT: a decompression bomb's header. */
function pngClaiming(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 0;
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(1024))), chunk('IEND', Buffer.alloc(0))]));
}

describe('hostile input limits', () => {
  it('refuses a 225,000² PNG from its header, before decoding', async () => {
    // Decoding 225,000² pixels would need ~150 GB; the file is refused with the header's size
    // (no timing asserted: the test timeout bounds it).
    const error = await extractDocumentText(pngClaiming(225_000, 225_000), 'bomb.png', { maxPages: 5, ocr: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentTooLargeError);
    expect((error as Error).message).toMatch(/225000 × 225000 px/);
  });

  it('a page that overruns the time limit stops its worker; the next file still works', async () => {
    const s = sandbox({ workers: 1, pageTimeoutMs: 1 });
    const pdf = await makeTextPdf([['Article 1', 'The operator shall keep records.']]);
    const error = await extractDocumentText(pdf, 'slow.pdf', { maxPages: 5, ocr: null, pdfSandbox: s }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProcessingLimitError);
    expect(error).toBeInstanceOf(DocumentInputError);
    const ok = await extractDocumentText(pdf, 'ok.pdf', { maxPages: 5, ocr: null, pdfSandbox: sandbox({ workers: 1 }) });
    expect(ok.text).toContain('The operator shall keep records.');
  });

  it('a worker over its heap limit fails the document, not the process', async () => {
    // 4 MiB of heap cannot even load pdf.js: the thread dies with ERR_WORKER_OUT_OF_MEMORY.
    const s = sandbox({ workers: 1, maxHeapMb: 4, pageTimeoutMs: 60_000 });
    const pdf = await makeTextPdf([['Article 1', 'The operator shall keep records.']]);
    const error = await extractDocumentText(pdf, 'big.pdf', { maxPages: 5, ocr: null, pdfSandbox: s }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentInputError);
    expect((error as Error).message).toMatch(/memory|stopped/);
  });

  it('spreads a long PDF over several workers and keeps page order', async () => {
    const s = sandbox({ workers: 2, shardFromPages: 4 });
    const duties = ['keep records', 'notify the authority', 'appoint an officer', 'train staff', 'encrypt backups', 'audit suppliers', 'report incidents', 'publish a policy', 'delete old logs'];
    // Different sentences per page: a line repeated on every page would be removed as a running footer.
    const pages = duties.map((d, i) => [`Article ${i + 1}`, `The provider shall ${d} without delay.`]);
    const doc = await extractDocumentText(await makeTextPdf(pages), 'long.pdf', { maxPages: 20, ocr: null, pdfSandbox: s });
    expect(doc.pages.map((p) => p.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(doc.segments.map((x) => x.citation)).toEqual(pages.map((p) => p[0]));
  });

  it('rendering waits while too many page images await OCR, without tripping the page clock', async () => {
    // Ordering, not speed: each image is held 2.5× the page clock, and the page clock is long
    // enough (3 s) that a loaded machine rendering a page does not trip it by itself.
    const pageClockMs = 3000;
    const s = sandbox({ workers: 2, shardFromPages: 2, pageTimeoutMs: pageClockMs });
    // Both threads started and pdf.js loaded first: a cold start alone takes about the page clock.
    await s.extract(await makeTextPdf([['Article 1'], ['Article 2']]), { maxPages: 10, render: false, dpi: 50, maxPixels: 1e6 });
    const scans = await Promise.all([1, 2, 3, 4].map((n) => renderTextImage(`Article ${n}\nThe operator shall keep records.`)));
    // Blank pages are rendered but never handed on: their credits must come back by themselves.
    const blank = await sharp({ create: { width: 600, height: 800, channels: 3, background: '#ffffff' } }).png().toBuffer();
    scans.splice(1, 0, blank, blank);
    let pending = 0;
    let most = 0;
    const pages = await s.extract(await makeScannedPdf(scans), { maxPages: 10, render: true, dpi: 50, maxPixels: 1e6, maxPendingRenders: 1 }, (page, release) => {
      if (!page.png) return;
      most = Math.max(most, ++pending);
      // Slower than the page clock: the worker waiting for this image to be released is not stuck.
      setTimeout(() => {
        pending--;
        release();
      }, 2.5 * pageClockMs);
    });
    expect(pages.map((p) => p.n)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(pages.filter((p) => p.blank).map((p) => p.n)).toEqual([2, 3]);
    expect(most).toBe(1);
  });
});
