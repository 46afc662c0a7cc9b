/**
 * "Done when": born-digital, scanned, garbled-Hindi and rotated-photo documents, all generated
 * here, go through `obligato text`'s pipeline and come out with the right text and language.
 * Needs tesseract traineddata and fonts from .ci/apt-packages.txt (npm run setup); without them
 * it fails under CI and skips with one printed line elsewhere (test/support/system-deps.ts).
 */
import { afterAll, expect, it } from 'vitest';
import { extractDocumentText } from '../services/ingest/extract-text.ts';
import { prepareOcrInput } from '../services/ingest/ocr/ocr-input.ts';
import { ocrPageImage } from '../services/ingest/ocr/ocr-page.ts';
import { OcrPool } from '../services/ingest/ocr/ocr-pool.ts';
import { PdfSandbox } from '../services/ingest/sandbox/pdf-sandbox.ts';
import { documentTextProblems } from '../services/ingest/text/invariants.ts';
import { makeTextPdf } from './support/make-pdf.ts';
import { describeWith, itWith, requireSystem } from './support/system-deps.ts';
import { cer, DEVANAGARI_FONT, devanagariVisualOrder, makeImageWithTextLayerPdf, makeRotatedPhoto, makeScannedPdf, renderTextImage } from './support/make-scans.ts';

const ocr = new OcrPool({ size: 2 });
const pdfSandbox = new PdfSandbox({ workers: 1 });
const base = requireSystem({ tessdata: ['eng', 'osd', 'hin', 'Latin', 'Devanagari'] }, { fonts: ['DejaVu Sans', 'Lohit Devanagari'] });

afterAll(async () => {
  await Promise.all([ocr.dispose(), pdfSandbox.dispose()]);
});

const EN = 'Article 1\nThe operator shall keep a register of all incidents\nand report each one to the authority within 72 hours.';
/** One line, as a line crop or a short label comes in: too few characters for OSD to name a script. */
const HI_LINE = 'प्रत्येक व्यक्ति को शिक्षा का अधिकार है।';
// Thailand's PDPA, s. 37(4) in substance: the controller must notify the office within 72 hours.
const TH = 'มาตรา 37\nผู้ควบคุมข้อมูลส่วนบุคคลต้องแจ้งเหตุการละเมิดข้อมูลส่วนบุคคลแก่สำนักงานโดยไม่ชักช้า\nภายในเจ็ดสิบสองชั่วโมงนับแต่ทราบเหตุเท่าที่จะสามารถกระทำได้';
const AR_LINE = 'لكل شخص الحق في التعليم ويجب أن يكون التعليم مجانيا';

const HI = 'अनुच्छेद 1\nप्रत्येक व्यक्ति को शिक्षा का अधिकार है। शिक्षा निःशुल्क होगी।\nराज्य का यह कर्तव्य होगा कि वह सभी बच्चों के लिए विद्यालय उपलब्ध कराए।';

describeWith(base, 'OCR pipeline', () => {
  const opts = { maxPages: 10, ocr, pdfSandbox };

  it('born-digital PDF: text layer, no OCR', async () => {
    const doc = await extractDocumentText(await makeTextPdf([EN.split('\n')]), 'digital.pdf', opts);
    expect(documentTextProblems(doc)).toEqual([]);
    expect(doc.pages[0]).toMatchObject({ source: 'text_layer', reason: 'text layer present', ocrConfidence: null, language: 'eng' });
    expect(cer(EN, doc.text)).toBe(0);
    expect(doc.language.code).toBe('eng');
  });

  it('scanned PDF (image only): OCR with the script model, English detected', async () => {
    const pdf = await makeScannedPdf([await renderTextImage(EN)]);
    const doc = await extractDocumentText(pdf, 'scan.pdf', opts);
    expect(documentTextProblems(doc)).toEqual([]);
    const page = doc.pages[0]!;
    expect(page.source).toBe('ocr');
    expect(page.reason).toMatch(/^no text layer → OCR \(script Latin/);
    expect(page.ocrConfidence).toBeGreaterThan(80);
    expect(cer(EN, doc.text)).toBeLessThan(0.03);
    expect(doc.language.code).toBe('eng');
    expect(doc.segments[0]!.citation).toBe('Article 1');
  });

  itWith(requireSystem({ tessdata: ['Thai', 'tha'] }, { fonts: ['Noto Sans Thai'] }), 'scanned Thai PDF: Thai script model, Thai detected', async () => {
    const pdf = await makeScannedPdf([await renderTextImage(TH, 'Noto Sans Thai', 12)]);
    const doc = await extractDocumentText(pdf, 'scan-th.pdf', opts);
    expect(documentTextProblems(doc)).toEqual([]);
    expect(doc.pages[0]!.reason).toMatch(/→ OCR \(script Thai → (Thai|tha)/);
    expect(cer(TH, doc.text)).toBeLessThan(0.05);
    expect(doc.language).toMatchObject({ code: 'tha', bcp47: 'th' });
  });

  it('Hindi PDF with a garbled (visual-order) text layer: detected, OCRed, Hindi', async () => {
    const garbled = devanagariVisualOrder(HI);
    expect(garbled).not.toBe(HI);
    const pdf = await makeImageWithTextLayerPdf(await renderTextImage(HI, DEVANAGARI_FONT, 12), garbled);
    const doc = await extractDocumentText(pdf, 'hindi.pdf', opts);
    expect(documentTextProblems(doc)).toEqual([]);
    const page = doc.pages[0]!;
    expect(page.source).toBe('ocr');
    expect(page.reason).toMatch(/^text layer garbled: \d+ of \d+ Devanagari vowel signs out of logical order → OCR/);
    // The garbled layer itself would score far worse than the OCR.
    expect(cer(HI, garbled)).toBeGreaterThan(0.05);
    expect(cer(HI, doc.text)).toBeLessThan(0.03);
    expect(doc.language).toMatchObject({ code: 'hin', bcp47: 'hi' });
    expect(doc.segments[0]).toMatchObject({ citation: 'अनुच्छेद 1', language: 'hin' });
  });

  it('photo rotated 90°: OSD turns it upright before recognition', async () => {
    const photo = await makeRotatedPhoto(await renderTextImage(EN), 90);
    const doc = await extractDocumentText(new Uint8Array(photo), 'photo.jpg', opts);
    expect(doc.pages[0]!.source).toBe('ocr');
    expect(doc.pages[0]!.reason).toMatch(/rotated 270°/);
    expect(cer(EN, doc.text)).toBeLessThan(0.03);
    expect(doc.language.code).toBe('eng');
  });

  it('a language hint picks the OCR model directly', async () => {
    const pdf = await makeScannedPdf([await renderTextImage(HI, DEVANAGARI_FONT, 12)]);
    const doc = await extractDocumentText(pdf, 'scan-hi.pdf', { ...opts, languageHint: 'hi' });
    expect(doc.pages[0]!.reason).toMatch(/language hint hin → hin/);
    expect(cer(HI, doc.text)).toBeLessThan(0.03);
  });

  it('single Devanagari line: OSD has no script, probing the script models picks Devanagari', async () => {
    const r = await ocrPageImage(ocr, await renderTextImage(HI_LINE, DEVANAGARI_FONT, 12));
    expect(r.route).toMatch(/^script unknown, probed \d+ models \(Devanagari /);
    expect(['Devanagari', 'hin']).toContain(r.model);
    expect(cer(HI_LINE, r.text)).toBeLessThan(0.05);
  });

  itWith(requireSystem({ tessdata: ['Arabic', 'ara'] }, { fonts: ['Noto Naskh Arabic'] }), 'single Arabic line: probed to Arabic, then the ara model', async () => {
    const r = await ocrPageImage(ocr, await renderTextImage(AR_LINE, 'Noto Naskh Arabic', 12));
    expect(r.route).toMatch(/^script unknown, probed \d+ models \(Arabic /);
    expect(['Arabic', 'ara']).toContain(r.model);
    expect(r.singleLine).toBe(true);
    expect(cer(AR_LINE, r.text)).toBeLessThan(0.05);
  });

  it('line crops are fed as one text line, pages with automatic segmentation; both as grey PGM', async () => {
    const line = await prepareOcrInput(await renderTextImage(AR_LINE, 'Noto Naskh Arabic', 12));
    const page = await prepareOcrInput(await renderTextImage(EN));
    expect(line.singleLine).toBe(true);
    expect(page.singleLine).toBe(false);
    for (const input of [line, page]) {
      const header = `P5\n${input.width} ${input.height}\n255\n`;
      expect(input.image.subarray(0, header.length).toString('ascii')).toBe(header);
      expect(input.image.length).toBe(header.length + input.width * input.height);
    }
  });
});
