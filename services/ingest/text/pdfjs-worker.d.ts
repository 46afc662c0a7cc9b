// pdfjs-dist ships no types for its parser half; it is imported only for its side effect.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs';
