import { describe, expect, it } from 'vitest';
import { asciiDigits, citationKey, cjkToNumber, romanToNumber, wordToNumber } from '../services/ingest/segments/citation-key.ts';
import { HEADING_STYLES } from '../services/ingest/segments/heading-styles.ts';
import { parseHeading } from '../services/ingest/segments/headings.ts';

/** One fixture per legislative heading style: [line, kind, label, machine key of the label]. */
const STYLES: ReadonlyArray<[string, string, string, string]> = [
  ['Article 5', 'article', 'Article 5', 'art:5'],
  ['Article 33 – Notification', 'article', 'Article 33', 'art:33'],
  ['Art. 5.', 'article', 'Art. 5', 'art:5'],
  ['ARTICLE V', 'article', 'ARTICLE V', 'art:5'],
  ['Article premier', 'article', 'Article premier', 'art:1'],
  ['Artículo primero', 'article', 'Artículo primero', 'art:1'],
  ['Articolo 5 bis', 'article', 'Articolo 5 bis', 'art:5-bis'],
  ['Artigo 5.º', 'article', 'Artigo 5.º', 'art:5'],
  ['Статья первая', 'article', 'Статья первая', 'art:1'],
  ['المادة الأولى', 'article', 'المادة الأولى', 'art:1'],
  ['المادة الحادية عشرة', 'article', 'المادة الحادية عشرة', 'art:11'],
  ['المادة ١٩', 'article', 'المادة ١٩', 'art:19'],
  ['ماده ۵', 'article', 'ماده ۵', 'art:5'],
  ['अनुच्छेद १९', 'article', 'अनुच्छेद १९', 'art:19'],
  ['ধারা ৫', 'article', 'ধারা ৫', 'art:5'],
  ['มาตรา ๑๙', 'article', 'มาตรา ๑๙', 'art:19'],
  ['第三十条之一', 'article', '第三十条之一', 'art:30-1'],
  ['第三十条の二', 'article', '第三十条の二', 'art:30-2'],
  ['제5조의2(정의)', 'article', '제5조의2', 'art:5-2'],
  ['§ 5', 'article', '§ 5', 'art:5'],
  ['5 §', 'article', '5 §', 'art:5'],
  ['16. cikk', 'article', '16. cikk', 'art:16'],
  ['5 artikla', 'article', '5 artikla', 'art:5'],
  ['5. člen', 'article', '5. člen', 'art:5'],
  ['Airteagal 5', 'article', 'Airteagal 5', 'art:5'],
  ['Pasal 5', 'article', 'Pasal 5', 'art:5'],
  ['Điều 5. Phạm vi điều chỉnh', 'article', 'Điều 5', 'art:5'],
  ['Madde 5 –', 'article', 'Madde 5', 'art:5'],
  ['Section 5.1 Definitions', 'section', 'Section 5.1', 'sec:5.1'],
  ['Erster Abschnitt', 'section', 'Erster Abschnitt', 'sec:1'],
  ['CHAPTER IV', 'chapter', 'CHAPTER IV', 'chap:4'],
  ['I. FEJEZET', 'chapter', 'I. FEJEZET', 'chap:1'],
  ['1 kap. Inledande bestämmelser', 'chapter', '1 kap', 'chap:1'],
  ['BİRİNCİ BÖLÜM', 'chapter', 'BİRİNCİ BÖLÜM', 'chap:1'],
  ['ΚΕΦΑΛΑΙΟ Α΄', 'chapter', 'ΚΕΦΑΛΑΙΟ Α΄', 'chap:1'],
  ['第一章 总则', 'chapter', '第一章', 'chap:1'],
  ['TITRE PREMIER', 'part', 'TITRE PREMIER', 'title:1'],
  ['PART II', 'part', 'PART II', 'part:2'],
  ['ANNEX III', 'annex', 'ANNEX III', 'annex:3'],
  ['BIJLAGE II', 'annex', 'BIJLAGE II', 'annex:2'],
  ['ANHANG', 'annex', 'ANHANG', 'annex'],
  ['ZAŁĄCZNIK I', 'annex', 'ZAŁĄCZNIK I', 'annex:1'],
  ['ПРИЛОЖЕНИЕ I', 'annex', 'ПРИЛОЖЕНИЕ I', 'annex:1'],
  ['Schedule 2', 'annex', 'Schedule 2', 'annex:2'],
  ['Appendix A', 'annex', 'Appendix A', 'annex:a'],
  ['附件一', 'annex', '附件一', 'annex:1'],
  ['別表第一（第二条関係）', 'annex', '別表第一', 'annex:1'],
  ['الملحق رقم (1)', 'annex', 'الملحق رقم (1)', 'annex:1'],
];

describe('heading styles', () => {
  it('covers at least 30 styles', () => {
    expect(STYLES.length).toBeGreaterThanOrEqual(30);
    expect(HEADING_STYLES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(STYLES)('%s', (line, kind, label, key) => {
    const h = parseHeading(line);
    expect(h).toMatchObject({ kind, label });
    expect(citationKey(h!.label)).toBe(key);
  });

  it.each([
    'Annex I to this Regulation lists the systems.',
    'Appendix a list of things',
    'Annex',
    'PART II — Section 1',
    'Official Journal of the European Union L 119/1',
    'THE GAZETTE OF INDIA EXTRAORDINARY',
    'Article 6(1) applies to such processing.',
  ])('not a heading: %s', (line) => {
    expect(parseHeading(line)).toBeNull();
  });

  it('reads the first sentence written on an "Art. N." line as body, not title', () => {
    expect(parseHeading('Art. 5. The controller shall notify the authority.')).toMatchObject({ label: 'Art. 5', title: null, bodyStart: 8 });
    expect(parseHeading('Art. 5. Der Verantwortliche meldet dies.')).toMatchObject({ label: 'Art. 5', bodyStart: 8 });
    expect(parseHeading('Art. 1º Esta Lei dispõe sobre o tratamento de dados.')).toMatchObject({ label: 'Art. 1º', bodyStart: 8 });
    expect(parseHeading('Sec. 2. Definitions.')).toMatchObject({ label: 'Sec. 2', title: 'Definitions.', bodyStart: null });
  });
});

describe('citation keys', () => {
  it.each([
    ['CHAPTER IV > Section 2 > Article 33', 'chap:4/sec:2/art:33'],
    ['Art. 16(1)(b)', 'art:16/par:1/pt:b'],
    ['第三十条の二第2項', 'art:30-2/par:2'],
    ['第二十一条第一款第三项', 'art:21/par:1/pt:3'],
    ['المادة الأولى', 'art:1'],
    ['المادة الخامسة والتسعون', 'art:95'],
    ['Annex III point 4(a)', 'annex:3/pt:4/pt:a'],
    ['§ 5 Abs. 2', 'art:5/par:2'],
    ['5 § 2 mom.', 'art:5/par:2'],
    ['16. cikk (1) bekezdés b) pont', 'art:16/par:1/pt:b'],
    ['IV. FEJEZET > 2. szakasz > 33. cikk', 'chap:4/sec:2/art:33'],
    ['Article 6(1), first subparagraph, point (a)', 'art:6/par:1/subpar:1/pt:a'],
    ['CAIBIDIL VI > Roinn 1 > Cuid 2 > Airteagal 55', 'chap:6/sec:1/part:2/art:55'],
    ['제5조의2 제1항 제3호', 'art:5-2/par:1/pt:3'],
    ['Anhang III Nummer 4 Buchstabe a', 'annex:3/pt:4/pt:a'],
    ['Article 5 bis', 'art:5-bis'],
    ['附則 > 第一条', 'suppl/art:1'],
    ['Recital 22', 'rec:22'],
    ['ANNEX III > Part B', 'annex:3/part:b'],
    ['ΚΕΦΑΛΑΙΟ ΙΒ΄ > Άρθρο 5', 'chap:12/art:5'],
    ['', null],
    ['General provisions', null],
  ])('%s → %s', (path, key) => {
    expect(citationKey(path)).toBe(key);
  });

  it('converts numerals of every kind', () => {
    expect(asciiDigits('१९ ١٩ ۱۹ ๑๙ ১৯ １９')).toBe('19 19 19 19 19 19');
    expect(romanToNumber('XLIX')).toBe(49);
    expect(romanToNumber('IIII')).toBeNull();
    expect(cjkToNumber('三十')).toBe(30);
    expect(cjkToNumber('百二')).toBe(102);
    expect(cjkToNumber('二百三十五')).toBe(235);
    expect(wordToNumber('première')).toBe(1);
    expect(wordToNumber('الثالثة')).toBe(3);
    expect(wordToNumber('1er')).toBe(1);
    expect(wordToNumber('shall')).toBeNull();
  });
});
