import { describe, expect, it } from 'vitest';
import type { DocumentText } from '../schemas/text.ts';
import { extractDocumentText } from '../services/ingest/extract-text.ts';
import {
  CorruptPdfError,
  DocumentInputError,
  DocumentTooLargeError,
  EmptyFileError,
  EncryptedPdfError,
  UnsupportedFileError,
} from '../services/ingest/intake/errors.ts';
import { detectFileType, sniffMime } from '../services/ingest/intake/file-type.ts';
import { documentTextProblems } from '../services/ingest/text/invariants.ts';
import { makeCorruptPdfBytes, makeEncryptedPdfBytes, makeTextPdf } from './support/make-pdf.ts';
import { itWith, requireSystem } from './support/system-deps.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

function expectInvariants(doc: DocumentText): void {
  expect(documentTextProblems(doc)).toEqual([]);
  // Pages that hold text must contain the segments that say they are on them.
  for (const s of doc.segments) {
    expect(doc.pages[s.pageStart - 1]!.start).toBeLessThanOrEqual(s.start);
    expect(doc.pages[s.pageEnd - 1]!.end).toBeGreaterThanOrEqual(s.end);
  }
}

const segmentTexts = (doc: DocumentText) => doc.segments.map((s) => doc.text.slice(s.start, s.end));

describe('extractDocumentText on PDFs', () => {
  it('extracts a two-page English PDF into article segments with pages and sentences', async () => {
    const pdf = await makeTextPdf([
      [
        'Article 1 – Scope',
        'This Regulation applies to every provider established in the Union. Each provider shall',
        'keep records of all processing activities and make them available on request.',
        '',
        'Providers shall notify the authority of any breach within 72 hours.',
      ],
      ['Article 2 – Prohibitions', 'A provider must not charge a fee for the transparency report.', 'The report shall be published every year.'],
    ]);
    const doc = await extractDocumentText(pdf, 'rules.pdf', { maxPages: 10 });
    expectInvariants(doc);

    expect(doc.pages).toHaveLength(2);
    expect(doc.pages.map((p) => [p.source, p.reason])).toEqual([
      ['text_layer', 'text layer present'],
      ['text_layer', 'text layer present'],
    ]);
    expect(doc.language.code).toBe('eng');
    expect(doc.language.bcp47).toBe('en');
    expect(doc.segments.map((s) => [s.citation, s.pageStart, s.pageEnd])).toEqual([
      ['Article 1', 1, 1],
      ['Article 2', 2, 2],
    ]);
    expect(doc.segments[0]!.heading).toBe('Article 1 – Scope');
    const first = doc.segments[0]!.sentences.map((t) => doc.text.slice(t.start, t.end));
    // A sentence wrapped over two PDF lines stays one sentence.
    expect(first).toEqual([
      'This Regulation applies to every provider established in the Union.',
      'Each provider shall\nkeep records of all processing activities and make them available on request.',
      'Providers shall notify the authority of any breach within 72 hours.',
    ]);
    expect(doc.segments[1]!.sentences).toHaveLength(2);
  });

  // Telling a blank page from a scan means rendering it, which happens only when OCR can run.
  itWith(requireSystem({ tessdata: ['eng'] }), 'gives a blank page an empty span and says there was nothing to OCR', async () => {
    const pdf = await makeTextPdf([['Article 1', 'The operator shall keep a register of all incidents.'], []]);
    const doc = await extractDocumentText(pdf, 'scan.pdf', { maxPages: 10 });
    expectInvariants(doc);
    expect(doc.pages[1]).toMatchObject({ source: 'text_layer', reason: 'no text layer; blank page, nothing to OCR', language: null });
    expect(doc.pages[1]!.start).toBe(doc.pages[1]!.end);
  });

  it('rejects a PDF with more pages than allowed', async () => {
    const pdf = await makeTextPdf([['one'], ['two'], ['three']]);
    await expect(extractDocumentText(pdf, 'long.pdf', { maxPages: 2 })).rejects.toThrow(DocumentTooLargeError);
    await expect(extractDocumentText(pdf, 'long.pdf', { maxPages: 2 })).rejects.toThrow('PDF has 3 pages; the limit is 2');
  });

  it('rejects a file above the byte limit', async () => {
    await expect(extractDocumentText(utf8('x'.repeat(200)), 'a.txt', { maxPages: 1, maxBytes: 100 })).rejects.toThrow(
      DocumentTooLargeError,
    );
  });

  it('does not detach or change the caller’s buffer', async () => {
    const pdf = await makeTextPdf([['Article 1', 'The operator shall keep a register.']]);
    const copy = pdf.slice();
    await extractDocumentText(pdf, 'a.pdf', { maxPages: 5 });
    expect(pdf).toEqual(copy);
  });
});

describe('bad input', () => {
  it('empty file', async () => {
    const p = extractDocumentText(new Uint8Array(0), 'empty.pdf', { maxPages: 5 });
    await expect(p).rejects.toThrow(EmptyFileError);
    await expect(extractDocumentText(new Uint8Array(0), 'empty.pdf', { maxPages: 5 })).rejects.toThrow(/File is empty/);
  });

  it('binary junk', async () => {
    const junk = Uint8Array.from({ length: 256 }, (_, i) => (i * 151 + 7) & 0xff);
    const error = await extractDocumentText(junk, 'blob.bin', { maxPages: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedFileError);
    expect(error).toBeInstanceOf(DocumentInputError);
    expect((error as Error).message).toMatch(/^Unsupported file type: blob\.bin \(binary data; starts with 07 9e/);
  });

  it('names well-known formats in the message', () => {
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08]);
    expect(() => detectFileType(zip, 'contract.docx')).toThrow(/contract\.docx \(ZIP container, e\.g\. DOCX/);
    expect(() => detectFileType(utf8('a,b\n1,2\n'), 'data.csv')).toThrow(/only \.txt and \.md/);
    expect(() => detectFileType(new Uint8Array(64), 'zeros.txt')).toThrow(UnsupportedFileError);
  });

  it('corrupt PDF', async () => {
    const error = await extractDocumentText(makeCorruptPdfBytes(), 'broken.pdf', { maxPages: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptPdfError);
    expect((error as Error).message).toBe('PDF could not be read: Invalid PDF structure.');
  });

  it('truncated PDF', async () => {
    const pdf = await makeTextPdf([['Article 1', 'Text.']]);
    await expect(extractDocumentText(pdf.slice(0, pdf.length >> 1), 'cut.pdf', { maxPages: 5 })).rejects.toThrow(CorruptPdfError);
  });

  it('encrypted PDF', async () => {
    const error = await extractDocumentText(makeEncryptedPdfBytes(), 'locked.pdf', { maxPages: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EncryptedPdfError);
    expect(error).toBeInstanceOf(DocumentInputError);
    expect((error as Error).message).toMatch(/^PDF is encrypted/);
  });
});

describe('detectFileType', () => {
  it('trusts content over the name and accepts text encodings', () => {
    expect(detectFileType(utf8('%PDF-1.7\n...'), 'notes.txt')).toEqual({ kind: 'pdf', mime: 'application/pdf' });
    expect(detectFileType(utf8('junk before\n%PDF-1.4\n'), 'x.pdf').kind).toBe('pdf');
    expect(detectFileType(utf8('# Title\n'), 'README.md')).toEqual({ kind: 'text', mime: 'text/markdown; charset=utf-8' });
    expect(detectFileType(utf8('Artikel 1'), 'LICENSE').kind).toBe('text');
    const utf16 = Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0x42, 0x00]);
    expect(detectFileType(utf16, 'a.txt')).toEqual({ kind: 'text', mime: 'text/plain; charset=utf-16le' });
  });

  it('sniffMime never throws', () => {
    expect(sniffMime(new Uint8Array(0), 'x')).toBe('application/octet-stream');
    expect(sniffMime(utf8('%PDF-1.4'), 'x')).toBe('application/pdf');
  });
});

const FRENCH = `Article 1
Le responsable du traitement met en œuvre des mesures techniques et organisationnelles appropriées afin de garantir un niveau de sécurité adapté au risque. Il tient un registre des activités de traitement effectuées sous sa responsabilité.

Article 2
Le sous-traitant informe le responsable du traitement de toute violation de données à caractère personnel dans les meilleurs délais après en avoir pris connaissance. La notification est faite par écrit.`;

const GERMAN = `Artikel 1 – Gegenstand
Der Verantwortliche trifft geeignete technische und organisatorische Maßnahmen, um ein dem Risiko angemessenes Schutzniveau zu gewährleisten. Er führt ein Verzeichnis aller Verarbeitungstätigkeiten.

Artikel 2 – Meldung
Der Auftragsverarbeiter meldet dem Verantwortlichen jede Verletzung des Schutzes personenbezogener Daten unverzüglich, nachdem sie ihm bekannt wurde.`;

const CHINESE = `第一章 总则

第一条 为了规范数据处理活动，保障数据安全，促进数据开发利用，保护个人、组织的合法权益，制定本法。

第二条 在中华人民共和国境内开展数据处理活动及其安全监管，适用本法。处理者应当履行数据安全保护义务。

第二章 数据安全制度

第三条 国家建立数据分类分级保护制度。重要数据的处理者应当明确数据安全负责人和管理机构，落实数据安全保护责任。`;

describe('extractDocumentText on plain text', () => {
  it('French', async () => {
    const doc = await extractDocumentText(utf8(FRENCH), 'contrat.txt', { maxPages: 5 });
    expectInvariants(doc);
    expect(doc.pages).toEqual([
      { n: 1, source: 'plain', reason: 'plain text file', ocrConfidence: null, start: 0, end: doc.text.length, language: 'fra' },
    ]);
    expect(doc.language).toMatchObject({ code: 'fra', bcp47: 'fr' });
    expect(doc.segments.map((s) => [s.citation, s.language, s.sentences.length])).toEqual([
      ['Article 1', 'fra', 2],
      ['Article 2', 'fra', 2],
    ]);
  });

  it('German', async () => {
    const doc = await extractDocumentText(utf8(GERMAN), 'vertrag.md', { maxPages: 5 });
    expectInvariants(doc);
    expect(doc.language).toMatchObject({ code: 'deu', bcp47: 'de' });
    expect(doc.segments.map((s) => [s.citation, s.heading, s.language])).toEqual([
      ['Artikel 1', 'Artikel 1 – Gegenstand', 'deu'],
      ['Artikel 2', 'Artikel 2 – Meldung', 'deu'],
    ]);
  });

  it('Chinese with 第N条 articles inside 第N章 chapters', async () => {
    const doc = await extractDocumentText(utf8(CHINESE), 'law.txt', { maxPages: 5 });
    expectInvariants(doc);
    expect(doc.language).toMatchObject({ code: 'cmn', bcp47: 'zh' });
    expect(doc.segments.map((s) => [s.citation, s.heading, s.language])).toEqual([
      ['第一章 > 第一条', '第一条', 'cmn'],
      ['第一章 > 第二条', '第二条', 'cmn'],
      ['第二章 > 第三条', '第三条', 'cmn'],
    ]);
    const second = doc.segments[1]!;
    expect(second.sentences.map((t) => doc.text.slice(t.start, t.end))).toEqual([
      '在中华人民共和国境内开展数据处理活动及其安全监管，适用本法。',
      '处理者应当履行数据安全保护义务。',
    ]);
  });

  it('a mixed English/French document without headings gets per-segment languages', async () => {
    const text = [
      'The supplier shall deliver the goods within thirty days of the order and shall bear all costs of transport, insurance and packaging until the goods reach the premises of the buyer.',
      'Le fournisseur doit livrer les marchandises dans un délai de trente jours à compter de la commande et supporte tous les frais de transport, d’assurance et d’emballage.',
      'The buyer shall pay each invoice within sixty days of receipt. Late payments bear interest at the statutory rate, and the supplier may suspend deliveries until payment is made.',
    ].join('\n\n');
    const doc = await extractDocumentText(utf8(text), 'mixed.txt', { maxPages: 5 });
    expectInvariants(doc);
    expect(doc.language.code).toBe('eng');
    expect(doc.segments.map((s) => [s.citation, s.heading, s.language])).toEqual([
      ['', null, 'eng'],
      ['', null, 'fra'],
      ['', null, 'eng'],
    ]);
  });

  it('a valid language hint wins over detection; an invalid one is ignored', async () => {
    const hinted = await extractDocumentText(utf8(FRENCH), 'a.txt', { maxPages: 5, languageHint: 'fr-CA' });
    expect(hinted.language).toMatchObject({ code: 'fra', bcp47: 'fr', confidence: 1 });
    const forced = await extractDocumentText(utf8(FRENCH), 'a.txt', { maxPages: 5, languageHint: 'de' });
    expect(forced.language.code).toBe('deu');
    expect(forced.language.candidates[0]?.code).toBe('fra');
    const ignored = await extractDocumentText(utf8(FRENCH), 'a.txt', { maxPages: 5, languageHint: 'klingon' });
    expect(ignored.language.code).toBe('fra');
  });

  it('decodes UTF-16 with a BOM and CRLF line endings', async () => {
    const body = 'Article 1\r\nThe operator shall keep a register of incidents.\r\n\r\nArticle 2\r\nThe operator must not destroy it.';
    const bytes = new Uint8Array(2 + body.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < body.length; i++) new DataView(bytes.buffer).setUint16(2 + i * 2, body.charCodeAt(i), true);
    const doc = await extractDocumentText(bytes, 'utf16.txt', { maxPages: 5 });
    expectInvariants(doc);
    expect(doc.text).not.toContain('\r');
    expect(doc.segments.map((s) => s.citation)).toEqual(['Article 1', 'Article 2']);
  });

  it('never cuts a surrogate pair when splitting a huge paragraph', async () => {
    const sentence = 'Each party shall keep the data 🔒 secret and shall not disclose it to any third party 📄 without consent. ';
    const doc = await extractDocumentText(utf8(sentence.repeat(120)), 'emoji.txt', { maxPages: 5 });
    expectInvariants(doc);
    expect(doc.segments.length).toBeGreaterThan(2);
    expect(segmentTexts(doc).every((t) => t.length <= 4000)).toBe(true);
    expect(segmentTexts(doc).join(' ')).toBe(sentence.repeat(120).trim());
  });
});
