/**
 * pdf.js, loaded for worker threads only. The legacy build (the one that runs on Node 20) bundles
 * core-js, which on Node 20 swaps `Array.prototype.push`, `JSON.parse` and `JSON.stringify` for
 * spec-edge-case polyfills process-wide: measured, JSON.stringify 7× slower and the polyfilled
 * push the top entry of pdf.js's own profile. Both halves (API and parser, the parser being
 * what pdf.js's in-thread "fake worker" would import lazily later) load here, then the engine's
 * own built-ins are put back. Nothing in pdf.js depends on the edge cases those polyfills fix.
 *
 * Never import this from the main process: `sandbox/pdf-worker.ts` is its only importer.
 */
const natives = {
  push: Object.getOwnPropertyDescriptor(Array.prototype, 'push')!,
  parse: Object.getOwnPropertyDescriptor(JSON, 'parse')!,
  stringify: Object.getOwnPropertyDescriptor(JSON, 'stringify')!,
};

const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
// Sets globalThis.pdfjsWorker, which pdf.js's fake worker then uses instead of importing it.
await import('pdfjs-dist/legacy/build/pdf.worker.mjs');

Object.defineProperty(Array.prototype, 'push', natives.push);
Object.defineProperty(JSON, 'parse', natives.parse);
Object.defineProperty(JSON, 'stringify', natives.stringify);

export const { getDocument, VerbosityLevel, OPS } = pdfjs;
