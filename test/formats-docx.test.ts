import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { extractDocumentText } from '../services/ingest/extract-text.ts';
import { DEFAULT_MARKUP_LIMITS, MarkupLimitError } from '../services/ingest/formats/limits.ts';
import { readMarkup } from '../services/ingest/formats/read-markup.ts';
import { DocumentInputError, UnsupportedFileError } from '../services/ingest/intake/errors.ts';
import { detectFileType } from '../services/ingest/intake/file-type.ts';
import { documentTextProblems } from '../services/ingest/text/invariants.ts';
import { inOrder, makeDocx, sourceText, wp } from './formats-support.ts';

const opts = { maxPages: 10, ocr: null } as const;

const NUMBERING =
  '<w:abstractNum w:abstractNumId="0">' +
  '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>' +
  '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>' +
  '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/></w:lvl></w:abstractNum>' +
  '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uF0B7"/></w:lvl></w:abstractNum>' +
  '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>' +
  '<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>';
const STYLES =
  '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>' +
  '<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>';

const BODY = [
  wp('Internal data policy', { style: 'Heading1' }),
  wp('Article 1', { style: 'Heading1' }),
  wp('Each department shall:', { numId: 1, ilvl: 0 }),
  wp('keep a register of processing;', { numId: 1, ilvl: 1 }),
  wp('review it yearly, including:', { numId: 1, ilvl: 1 }),
  wp('access rights;', { numId: 1, ilvl: 2 }),
  wp('retention periods.', { numId: 1, ilvl: 2 }),
  wp('The officer shall report breaches.', { numId: 1, ilvl: 0 }),
  wp('Scope note', { numId: 2 }),
  wp('Article 2', { style: 'Heading1' }),
  wp('Numbering restarts here.', { numId: 3 }),
  '<w:p><w:r><w:t>Tracked: </w:t></w:r><w:del><w:r><w:delText>deleted words</w:delText></w:r></w:del><w:ins><w:r><w:t>inserted words</w:t></w:r></w:ins>' +
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>' +
    '<w:r><w:t>.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>',
  '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Role</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Duty</w:t></w:r></w:p></w:tc></w:tr>' +
    '<w:tr><w:tc><w:p><w:r><w:t>Officer</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Audit</w:t></w:r><w:r><w:tab/><w:t>yearly</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
].join('');
const FOOTNOTES =
  '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>' +
  '<w:footnote w:id="1"><w:p><w:r><w:t>See the 2099 guidance.</w:t></w:r></w:p></w:footnote>';

describe('DOCX', () => {
  it('headings, list markers from numbering.xml (levels, restarts, bullets), tables, tracked changes and footnotes', async () => {
    const bytes = makeDocx({ document: BODY, numbering: NUMBERING, styles: STYLES, footnotes: FOOTNOTES });
    expect(detectFileType(bytes, 'policy.zip')).toEqual({ kind: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
    const doc = await extractDocumentText(bytes, 'policy.zip', opts);
    expect(documentTextProblems(doc)).toEqual([]);
    const footnote = doc.segments.find((s) => s.kind === 'footnote')!;
    expect(doc.text.slice(0, footnote.start).trim()).toBe(
      [
        'Internal data policy',
        'Article 1',
        '1. Each department shall:',
        '(a) keep a register of processing;',
        '(b) review it yearly, including:',
        '(i) access rights;',
        '(ii) retention periods.',
        '2. The officer shall report breaches.',
        '• Scope note',
        'Article 2',
        '5. Numbering restarts here.',
        'Tracked: inserted words.',
        'Role\tDuty',
        'Officer\tAudit yearly',
      ].join('\n'),
    );
    expect(doc.text.slice(footnote.start, footnote.end)).toBe('See the 2099 guidance.');
    expect(doc.pages[0]!.reason).toBe('DOCX: 13 paragraphs, 8 with list numbers from numbering.xml');
    // No structure markup in a DOCX: the text segmenter finds the two articles.
    expect(doc.segments.filter((s) => s.kind === 'article').map((s) => s.citation)).toEqual(['Article 1', 'Article 2']);
  });

  it('loses no text of document.xml (deleted runs and field codes are not text)', () => {
    const read = readMarkup(makeDocx({ document: BODY, numbering: NUMBERING, styles: STYLES }), 'docx', 'p.docx');
    const xml = `<w:body>${BODY}</w:body>`;
    const source = sourceText(xml, 'xml', (local) => ['del', 'Fallback'].includes(local), new Set(), new Set(['t']));
    const check = inOrder(source.main, read.text);
    expect(check.missing).toEqual([]);
    expect(check.total).toBeGreaterThan(200);
  });

  it('a ZIP without word/document.xml is refused with its reason; an unreadable one as a ZIP container', () => {
    const xlsx = zipSync({ 'xl/workbook.xml': strToU8('<workbook/>'), '[Content_Types].xml': strToU8('<Types/>') });
    expect(() => detectFileType(xlsx, 'book.docx')).toThrow(/book\.docx \(ZIP container without word\/document\.xml, so not a DOCX \(2 entries\)/);
    expect(() => detectFileType(xlsx, 'book.docx')).toThrow(UnsupportedFileError);
    expect(() => detectFileType(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), 'cut.docx')).toThrow(/ZIP container, e\.g\. DOCX/);
  });

  it('zip bomb: a part over the size limit, a bomb ratio, and a header that understates the size are all stopped', () => {
    const spaces = strToU8(`<w:p><w:r><w:t>${' '.repeat(4 * 1024 * 1024)}</w:t></w:r></w:p>`);
    const bomb = zipSync({ 'word/document.xml': spaces }, { level: 9 });
    const small = { ...DEFAULT_MARKUP_LIMITS, zip: { ...DEFAULT_MARKUP_LIMITS.zip, maxPartBytes: 1024 * 1024 } };
    expect(() => readMarkup(bomb, 'docx', 'bomb.docx', small)).toThrow(/inflates to \d+ bytes; the limit is 1048576/);
    const strictRatio = { ...DEFAULT_MARKUP_LIMITS, zip: { ...DEFAULT_MARKUP_LIMITS.zip, maxRatio: 50 } };
    expect(() => readMarkup(bomb, 'docx', 'bomb.docx', strictRatio)).toThrow(/compression ratio of \d+:1 \(zip bomb guard/);
    // Lie in the central directory: declare 100 bytes for a 4 MiB part.
    const liar = bomb.slice();
    const view = new DataView(liar.buffer);
    let cd = liar.length - 22;
    while (view.getUint32(cd, true) !== 0x06054b50) cd--;
    const entry = view.getUint32(cd + 16, true);
    view.setUint32(entry + 24, 100, true);
    const error = (() => {
      try {
        readMarkup(liar, 'docx', 'liar.docx', small);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(MarkupLimitError);
    expect((error as Error).message).toMatch(/inflates beyond 1048576 bytes \(zip bomb guard\)/);
  });

  it('a ZIP with more entries than the limit is refused before anything is inflated', async () => {
    const files: Record<string, Uint8Array> = { 'word/document.xml': strToU8('<w:document/>') };
    for (let i = 0; i <= DEFAULT_MARKUP_LIMITS.zip.maxEntries; i++) files[`media/${i}.bin`] = new Uint8Array(1);
    const error = await extractDocumentText(zipSync(files, { level: 0 }), 'many.docx', opts).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MarkupLimitError);
    expect((error as Error).message).toMatch(/more than 10000 entries/);
  });

  it('a DOCX whose document part is corrupt is an input error, not a crash', async () => {
    const good = makeDocx({ document: wp('Text') });
    const files = zipSync({ 'word/document.xml': [strToU8('x'.repeat(1000)), { level: 0 }], '[Content_Types].xml': strToU8('<Types/>') });
    const view = new DataView(files.buffer);
    // Mark the stored entry as deflated: its bytes are not a deflate stream.
    let cd = files.length - 22;
    while (view.getUint32(cd, true) !== 0x06054b50) cd--;
    const entry = view.getUint32(cd + 16, true);
    view.setUint16(entry + 10, 8, true);
    view.setUint16(view.getUint32(entry + 42, true) + 8, 8, true);
    expect(good.length).toBeGreaterThan(0);
    const error = await extractDocumentText(files, 'broken.docx', opts).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentInputError);
    expect((error as Error).message).toMatch(/^DOCX/);
  });
});
