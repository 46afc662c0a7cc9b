import { describe, expect, it } from 'vitest';
import { extractDocumentText } from '../services/ingest/extract-text.ts';
import {
  collapseBlankLines,
  composeThaiSaraAm,
  dehyphenate,
  foldArabicPresentationForms,
  normalizeCharacters,
  normalizeLineEndings,
  normalizePages,
  removeBidiControls,
  removeRepeatedLines,
} from '../services/ingest/text/normalize.ts';
import { joinTextItems } from '../services/ingest/text/text-lines.ts';
import { choosePageSource } from '../services/ingest/text/page-source.ts';
import { makeTextPdf } from './support/make-pdf.ts';

describe('character normalisation', () => {
  it('removes bidi control marks', () => {
    expect(removeBidiControls('\u202Bשלום\u202C \u200Fabc\u200E \u2067x\u2069 \u061Cy')).toBe('שלום abc x y');
  });

  it('folds Arabic presentation forms to letters, and nothing else', () => {
    // ﻻ (U+FEFB) is the lam-alef ligature; ﺍﻟﻤﺎﺩﺓ is "المادة" in positional forms.
    expect(foldArabicPresentationForms('\uFEFB \uFE8D\uFEDF\uFEE4\uFE8E\uFEA9\uFE93')).toBe('لا المادة');
    // NFKC elsewhere would change these; they must stay.
    expect(foldArabicPresentationForms('ﬁle ２ x²')).toBe('ﬁle ２ x²');
  });

  it('writes Thai SARA AM as one character', () => {
    // สำนักงาน ("office") as OCR emits it: NIKHAHIT + SARA AA, which NFC leaves alone.
    expect(composeThaiSaraAm('ส\u0E4D\u0E32นักงาน')).toBe('สำนักงาน');
    expect(normalizeCharacters('ส\u0E4D\u0E32นักงาน')).toBe('สำนักงาน');
  });

  it('composes to NFC and unifies line endings', () => {
    expect(normalizeCharacters('e\u0301te\u0301\r\nb\rc\u2028d\fe')).toBe('été\nb\nc\nd\ne');
    expect(normalizeLineEndings('a\r\n\r\nb')).toBe('a\n\nb');
  });

  it('strips trailing spaces and the BOM', () => {
    expect(normalizeCharacters('\uFEFFline one  \t\nline two\u3000\n')).toBe('line one\nline two\n');
  });

  it('joins words hyphenated at a line end', () => {
    expect(dehyphenate('the obliga-\ntion to notify')).toBe('the obligation to notify');
    expect(dehyphenate('Verarbei-\n  tung')).toBe('Verarbeitung');
    expect(dehyphenate('Anglo-\nSaxon law')).toBe('Anglo-\nSaxon law');
    expect(dehyphenate('COVID-\n19 rules')).toBe('COVID-\n19 rules');
    expect(dehyphenate('a - \nb')).toBe('a - \nb');
    expect(dehyphenate('proces\u00AD\nsing and soft\u00ADhyphen')).toBe('processing and softhyphen');
    expect(dehyphenate('Обра-\nботка')).toBe('Обра-\nботка');
  });

  it('collapses runs of blank lines to one', () => {
    expect(collapseBlankLines('a\n\n\n\nb\n\nc')).toBe('a\n\nb\n\nc');
  });
});

describe('header and footer removal', () => {
  const page = (n: number, body: string[]) => ['ACME Corp – Master Services Agreement', ...body, `Page ${n} of 4`].join('\n');

  it('removes running headers and page-number footers on most pages', () => {
    const pages = [
      page(1, ['Article 1', 'The supplier shall deliver.']),
      page(2, ['Article 2', 'The buyer shall pay.']),
      page(3, ['Article 3', 'Either party may terminate.']),
      page(4, ['Article 4', 'This agreement is governed by French law.']),
    ];
    expect(removeRepeatedLines(pages)).toEqual([
      'Article 1\nThe supplier shall deliver.',
      'Article 2\nThe buyer shall pay.',
      'Article 3\nEither party may terminate.',
      'Article 4\nThis agreement is governed by French law.',
    ]);
  });

  it('keeps numbered lines that do not count pages, and short documents untouched', () => {
    const pages = ['Article 5\nText a.', 'Article 9\nText b.', 'Article 12\nText c.', 'Article 20\nText d.'];
    expect(removeRepeatedLines(pages)).toEqual(pages);
    const two = ['Header\nbody one', 'Header\nbody two'];
    expect(removeRepeatedLines(two)).toEqual(two);
  });

  it('normalizePages combines the steps and trims page edges', () => {
    expect(normalizePages(['\n\nTitle  \nobliga-\ntion\n\n\n\nend  \n'])).toEqual(['Title\nobligation\n\nend']);
  });

  it('runs on generated PDFs end to end', async () => {
    const pdf = await makeTextPdf(
      [1, 2, 3, 4].map((n) => ['ACME Corp – Confidential', '', `Article ${n}`, `The supplier shall perform obliga-`, 'tion number ' + n + '.', '', `- ${n} -`]),
    );
    const doc = await extractDocumentText(pdf, 'acme.pdf', { maxPages: 10 });
    expect(doc.text).not.toContain('ACME');
    expect(doc.text).not.toMatch(/- \d -/);
    expect(doc.text).toContain('obligation number 3.');
    expect(doc.segments.map((s) => [s.citation, s.pageStart])).toEqual([
      ['Article 1', 1],
      ['Article 2', 2],
      ['Article 3', 3],
      ['Article 4', 4],
    ]);
  });
});

describe('PDF line assembly', () => {
  const item = (str: string, x: number, y: number, width: number, hasEOL = false) => ({
    str,
    transform: [10, 0, 0, 10, x, y],
    width,
    hasEOL,
  });

  it('breaks lines on hasEOL and on baseline changes, and keeps paragraph gaps', () => {
    const text = joinTextItems([
      item('Article 1', 50, 700, 40, true),
      item('The provider', 50, 688, 55),
      item('shall notify.', 110, 688, 55), // no encoded space, but a gap
      item('Next line', 50, 676, 40), // new baseline without hasEOL
      item('New paragraph', 50, 640, 60),
    ]);
    expect(text).toBe('Article 1\nThe provider shall notify.\nNext line\n\nNew paragraph');
  });

  it('does not insert spaces between glyph runs that touch', () => {
    expect(joinTextItems([item('obli', 50, 700, 20), item('gation', 70, 700, 30)])).toBe('obligation');
  });

  it('page source: the OCR seam', () => {
    expect(choosePageSource('Article 1')).toEqual({ source: 'text_layer', reason: 'text layer present' });
    expect(choosePageSource('  \n ')).toEqual({ source: 'needs_ocr', reason: 'no text layer' });
  });
});
