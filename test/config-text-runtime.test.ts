import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFIG_ENV, loadConfig } from '../schemas/config.ts';
import { disposeTextRuntime, textRuntimeOptions } from '../services/ingest/text-runtime.ts';

afterEach(() => disposeTextRuntime());

describe('OCR / PDF config', () => {
  it('reads the OCR and PDF limits from env with documented defaults', () => {
    const defaults = loadConfig({});
    expect(defaults).toMatchObject({ tessdataDir: '/usr/share/tesseract-ocr/5/tessdata', ocrPageTimeoutMs: 120_000, pdfPageTimeoutMs: 30_000, pdfWorkerHeapMb: 512, ocrDpi: 300 });
    expect(defaults.maxPagePixels).toBeUndefined();
    const c = loadConfig({ TESSDATA_DIR: '/x', OCR_WORKERS: '3', OCR_PAGE_TIMEOUT_MS: '5000', PDF_WORKERS: '1', PDF_PAGE_TIMEOUT_MS: '7000', PDF_WORKER_HEAP_MB: '256', MAX_PAGE_PIXELS: '4000000', OCR_DPI: '200' });
    expect(c).toMatchObject({ tessdataDir: '/x', ocrWorkers: 3, ocrPageTimeoutMs: 5000, pdfWorkers: 1, pdfPageTimeoutMs: 7000, pdfWorkerHeapMb: 256, maxPagePixels: 4_000_000, ocrDpi: 200 });
    expect(() => loadConfig({ OCR_WORKERS: '0' })).toThrow(/OCR_WORKERS/);
  });

  it('builds extractDocumentText options from the config, sharing one pool per process', () => {
    const opts = textRuntimeOptions(loadConfig({ TESSDATA_DIR: '/nonexistent', OCR_WORKERS: '3', OCR_DPI: '150', MAX_PAGE_PIXELS: '2000000' }));
    expect(opts.ocr?.size).toBe(3);
    expect(opts.ocr?.tessdata.dir).toBe('/nonexistent');
    expect(opts.ocr?.available).toBe(false);
    expect(opts).toMatchObject({ renderDpi: 150, maxPagePixels: 2_000_000 });
    expect(textRuntimeOptions(loadConfig({})).ocr).toBe(opts.ocr);
  });

  it('every config env var is in the README table', () => {
    const readme = readFileSync(path.join(import.meta.dirname, '..', 'README.md'), 'utf8');
    for (const name of Object.values(CONFIG_ENV)) expect(readme, name).toMatch(new RegExp(`^\\| (?:[A-Z_]+, )*${name}[ ,|]`, 'm'));
  });
});
