/**
 * Per-document OCR routing: the model is chosen on the first page and reused on the others; a
 * page in another script disagrees with it and is routed on its own.
 */
import { afterAll, expect } from 'vitest';
import { extractDocumentText } from '../services/ingest/extract-text.ts';
import { OcrPool } from '../services/ingest/ocr/ocr-pool.ts';
import { PdfSandbox } from '../services/ingest/sandbox/pdf-sandbox.ts';
import { cer, DEVANAGARI_FONT, makeScannedPdf, renderTextImage } from './support/make-scans.ts';
import { describeWith, itWith, requireSystem } from './support/system-deps.ts';

const ocr = new OcrPool({ size: 2 });
const pdfSandbox = new PdfSandbox({ workers: 1 });
afterAll(() => Promise.all([ocr.dispose(), pdfSandbox.dispose()]));

const EN = [
  'Article 1\nThe operator shall keep a register of all incidents\nand report each one to the authority within 72 hours.',
  'Article 2\nThe operator must not delete the logs of an incident\nbefore the investigation has been closed.',
  'Article 3\nThe authority may appoint an external auditor\nto assess the measures taken by the operator.',
];
const HI = 'अनुच्छेद 4\nप्रत्येक व्यक्ति को शिक्षा का अधिकार है। शिक्षा निःशुल्क होगी।\nराज्य का यह कर्तव्य होगा कि वह सभी बच्चों के लिए विद्यालय उपलब्ध कराए।';

describeWith(requireSystem({ tessdata: ['osd', 'Latin', 'eng'] }, { fonts: ['DejaVu Sans'] }), 'OCR routed once per document', () => {
  itWith(requireSystem(), 'pages 2 and 3 reuse the model chosen on page 1, without OSD or probing', async () => {
    const pdf = await makeScannedPdf(await Promise.all(EN.map((t) => renderTextImage(t))));
    const doc = await extractDocumentText(pdf, 'scan.pdf', { maxPages: 10, ocr, pdfSandbox });
    expect(doc.pages[0]!.reason).toMatch(/→ OCR \(script Latin/);
    const model = doc.pages[0]!.reason.match(/→ (\w+)/g)?.at(-1)?.slice(2);
    for (const p of doc.pages.slice(1)) expect(p.reason).toMatch(new RegExp(`→ OCR \\(document model ${model} \\(chosen on page 1; \\d+\\)`));
    expect(cer(EN.join('\n'), doc.text)).toBeLessThan(0.03);
  });

  itWith(requireSystem({ tessdata: ['Devanagari', 'hin'] }, { fonts: ['Lohit Devanagari'] }), 'a page in another script is routed on its own; the pages after it keep the document model', async () => {
    const pages = [await renderTextImage(EN[0]!), await renderTextImage(HI, DEVANAGARI_FONT, 12), await renderTextImage(EN[1]!)];
    const pdf = await makeScannedPdf(pages);
    const doc = await extractDocumentText(pdf, 'mixed.pdf', { maxPages: 10, ocr, pdfSandbox });
    expect(doc.pages[1]!.reason, doc.pages.map((p) => p.reason).join(' | ')).toMatch(/page disagreed with the document model/);
    expect(doc.pages[1]!.language).toBe('hin');
    expect(doc.pages[2]!.reason).toMatch(/document model \w+ \(chosen on page 1/);
    expect(cer(EN[1]!, doc.text.slice(doc.pages[2]!.start, doc.pages[2]!.end))).toBeLessThan(0.05);
  });
});
