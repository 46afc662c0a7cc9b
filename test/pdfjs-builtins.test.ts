import { describe, expect, it } from 'vitest';

/**
 * pdf.js's legacy build swaps JSON.stringify (7× slower), JSON.parse and Array.prototype.push for
 * core-js polyfills process-wide. The ingest process must never load it (only the sandbox's
 * worker threads do), and the worker's loader must put the built-ins back.
 */
const isNative = (fn: unknown) => Function.prototype.toString.call(fn).includes('[native code]');
const builtins = () => [JSON.stringify, JSON.parse, Array.prototype.push];

describe('pdf.js and the engine built-ins', () => {
  it('the process side (handlers, API, text extraction) does not load pdf.js', async () => {
    await import('../services/common/handlers.ts');
    await import('../services/api/server.ts');
    await import('../services/ingest/extract-text.ts');
    expect(builtins().every(isNative)).toBe(true);
    expect('pdfjsLib' in globalThis).toBe(false);
  });

  it("the sandbox's pdf.js loader restores them after loading both halves of pdf.js", async () => {
    const pdfjs = await import('../services/ingest/text/pdfjs.ts');
    expect(typeof pdfjs.getDocument).toBe('function');
    expect('pdfjsWorker' in globalThis).toBe(true);
    expect(builtins().every(isNative)).toBe(true);
  });
});
