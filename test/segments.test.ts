import { describe, expect, it } from 'vitest';
import type { LanguageGuess, TextSegment } from '../schemas/text.ts';
import { parseHeading } from '../services/ingest/segments/headings.ts';
import { pageAt, segmentDocument } from '../services/ingest/segments/segment-document.ts';
import { splitSentences, softenLineBreaks } from '../services/ingest/segments/sentences.ts';
import { hardSplit, paragraphSpans, safeBoundary } from '../services/ingest/segments/spans.ts';
import { documentTextProblems } from '../services/ingest/text/invariants.ts';

const EN: LanguageGuess = { code: 'eng', bcp47: 'en', confidence: 1, candidates: [] };
const ZH: LanguageGuess = { code: 'cmn', bcp47: 'zh', confidence: 1, candidates: [] };

function segment(text: string, language = EN, pages = [{ start: 0, end: text.length }]): TextSegment[] {
  const segments = segmentDocument(text, pages, language);
  const problems = documentTextProblems({
    text,
    language,
    pages: pages.map((p, i) => ({ n: i + 1, source: 'plain', reason: 'test', ocrConfidence: null, ...p, language: null })),
    segments,
  });
  expect(problems).toEqual([]);
  return segments;
}

const slices = (text: string, segs: TextSegment[]) => segs.map((s) => text.slice(s.start, s.end));
const sentences = (text: string, s: TextSegment) => s.sentences.map((t) => text.slice(t.start, t.end));

describe('parseHeading', () => {
  it.each([
    ['Article 5', 'article', 'Article 5', null],
    ['Article 33 – Notification', 'article', 'Article 33', 'Notification'],
    ['Art. 5', 'article', 'Art. 5', null],
    ['ARTICLE V', 'article', 'ARTICLE V', null],
    ['§ 5', 'article', '§ 5', null],
    ['Section 12', 'section', 'Section 12', null],
    ['Section 5.1 Definitions', 'section', 'Section 5.1', 'Definitions'],
    ['Chapter IV', 'chapter', 'Chapter IV', null],
    ['CHAPTER 2', 'chapter', 'CHAPTER 2', null],
    ['== CHAPTER I — General provisions', 'chapter', 'CHAPTER I', 'General provisions'],
    ['Part II', 'part', 'Part II', null],
    ['第五条', 'article', '第五条', null],
    ['第5条', 'article', '第5条', null],
    ['第三十三条', 'article', '第三十三条', null],
    ['## 第一章 总 则', 'chapter', '第一章', '总 则'],
    ['第一節　総則', 'section', '第一節', '総則'],
    ['المادة 5', 'article', 'المادة 5', null],
    ['المادة (5)', 'article', 'المادة (5)', null],
    ['## المادة العشرون الإفصاح عن البيانات', 'article', 'المادة العشرون', 'الإفصاح عن البيانات'],
    ['الفصل الأول التعريفات', 'chapter', 'الفصل الأول', 'التعريفات'],
    ['Статья 5', 'article', 'Статья 5', null],
    ['Статья 5. Право на доступ', 'article', 'Статья 5', 'Право на доступ'],
    ['अनुच्छेद 5', 'article', 'अनुच्छेद 5', null],
    ['Artikel 5', 'article', 'Artikel 5', null],
    ['Article premier', 'article', 'Article premier', null],
    ['Articolo 5', 'article', 'Articolo 5', null],
    ['Artículo 5', 'article', 'Artículo 5', null],
    ['Artigo 5.o', 'article', 'Artigo 5.o', null],
    ['Článek 5', 'article', 'Článek 5', null],
    ['Artykuł 5', 'article', 'Artykuł 5', null],
    ['Άρθρο 5', 'article', 'Άρθρο 5', null],
    ['5 artikla', 'article', '5 artikla', null],
    ['5. cikk', 'article', '5. cikk', null],
    ['I. FEJEZET — Általános rendelkezések', 'chapter', 'I. FEJEZET', 'Általános rendelkezések'],
    ['제1조(목적)', 'article', '제1조', '목적'],
  ])('%s', (line, kind, label, title) => {
    expect(parseHeading(line)).toMatchObject({ kind, label, title });
  });

  it.each([
    'Chapter V on the transfer of personal data to third countries',
    'Article 6(1) applies to such processing.',
    'Articles 15 to 20 shall not apply.',
    'Article 98 shall apply from 25 May 2018.',
    'The Article 5 principles apply.',
    '第五十五条规定的情形除外。',
    'Art di something',
    'المادة (10) من النظام تنص على',
    '',
  ])('not a heading: %s', (line) => {
    expect(parseHeading(line)).toBeNull();
  });

  it('splits an inline CJK article heading from its body', () => {
    const h = parseHeading('第五条　处理个人信息应当遵循合法、正当、必要和诚信原则。');
    expect(h).toMatchObject({ kind: 'article', label: '第五条', text: '第五条', start: 0, end: 3, bodyStart: 4 });
  });

  it('ranks chapters above articles and sections', () => {
    expect(parseHeading('Chapter 1')!.level).toBeLessThan(parseHeading('Article 1')!.level);
    expect(parseHeading('Chapter 1')!.level).toBeLessThan(parseHeading('Section 1')!.level);
  });
});

describe('segmentDocument', () => {
  it('builds citation paths from chapters and sections without empty segments', () => {
    const text = [
      'Regulation on widgets',
      '',
      '== CHAPTER I — General provisions',
      '',
      'Article 1',
      'Subject-matter',
      'This Regulation lays down rules on widgets.',
      '',
      '== CHAPTER IV — Controller and processor',
      '',
      '== Section 2 — Security',
      '',
      'Article 33',
      'Notification',
      '1.',
      'The controller shall notify the authority within 72 hours.',
      'Chapter V on the transfer of widgets does not apply.',
      '',
      '== CHAPTER V — Transfers',
      '',
      'Article 44',
      'Transfers shall take place only under the conditions of this Chapter.',
    ].join('\n');
    const segs = segment(text);
    expect(segs.map((s) => [s.citation, s.heading])).toEqual([
      ['', null],
      // The title line under an article heading belongs to the heading, not to its sentences.
      ['CHAPTER I > Article 1', 'Article 1 Subject-matter'],
      ['CHAPTER IV > Section 2 > Article 33', 'Article 33 Notification'],
      ['CHAPTER V > Article 44', 'Article 44'],
    ]);
    expect(sentences(text, segs[2]!)).toEqual([
      '1.\nThe controller shall notify the authority within 72 hours.',
      'Chapter V on the transfer of widgets does not apply.',
    ]);
  });

  it('treats a title line under a chapter heading as part of the heading', () => {
    const text = 'Chapter I\nGeneral provisions\n\nArticle 1\nScope\nThis Regulation applies to operators.\n\nArticle 2\nOperators shall keep a register.';
    expect(segment(text).map((s) => s.citation)).toEqual(['Chapter I > Article 1', 'Chapter I > Article 2']);
  });

  it('uses sections as the unit when they outnumber articles', () => {
    const text = [
      'ARTICLE I – DEFINITIONS',
      'Section 1.1 "Affiliate" means any entity that controls a party.',
      'Section 1.2 "Services" means the services described in Schedule A.',
      '',
      'ARTICLE II – OBLIGATIONS',
      'Section 2.1 The Supplier shall perform the Services with due care.',
      'Section 2.2 The Customer shall pay all invoices within thirty days.',
    ].join('\n');
    const segs = segment(text);
    expect(segs.map((s) => s.citation)).toEqual([
      'ARTICLE I > Section 1.1',
      'ARTICLE I > Section 1.2',
      'ARTICLE II > Section 2.1',
      'ARTICLE II > Section 2.2',
    ]);
  });

  it('splits inline 第N条 headings and keeps 章 in the path', () => {
    const text = '第一章 总则\n第一条 为了保护个人信息权益，制定本法。\n第二条 自然人的个人信息受法律保护。任何组织不得侵害。\n第二章 规则\n第三条 处理者应当履行义务。';
    const segs = segment(text, ZH);
    expect(segs.map((s) => [s.citation, s.heading])).toEqual([
      ['第一章 > 第一条', '第一条'],
      ['第一章 > 第二条', '第二条'],
      ['第二章 > 第三条', '第三条'],
    ]);
    expect(slices(text, segs)[1]).toBe('第二条 自然人的个人信息受法律保护。任何组织不得侵害。');
    expect(sentences(text, segs[1]!)).toEqual(['自然人的个人信息受法律保护。', '任何组织不得侵害。']);
  });

  it('attaches a Japanese caption line to the article after it', () => {
    const text = '第一章　総則\n（目的）\n第一条　この法律は、個人の権利利益を保護することを目的とする。\n（定義）\n第二条　この法律において「個人情報」とは、生存する個人に関する情報をいう。';
    const segs = segment(text, { code: 'jpn', bcp47: 'ja', confidence: 1, candidates: [] });
    expect(slices(text, segs).map((s) => s.slice(0, 9))).toEqual(['（目的）\n第一条　', '（定義）\n第二条　']);
  });

  it('falls back to paragraphs, merging tiny ones and carrying chapter paths', () => {
    const long = 'The supplier shall deliver the goods on time and in good condition to the agreed place of delivery.';
    const text = ['CHAPTER 1', '', 'Deliveries', '', long, '', long, '', 'CHAPTER 2', '', long].join('\n');
    const segs = segment(text);
    expect(segs.map((s) => [s.citation, s.heading])).toEqual([
      ['CHAPTER 1', 'CHAPTER 1'],
      ['CHAPTER 1', 'CHAPTER 1'],
      ['CHAPTER 2', 'CHAPTER 2'],
    ]);
    // "CHAPTER 1" and "Deliveries" are too small alone: they open the first paragraph's segment.
    expect(slices(text, segs)[0]).toBe(`CHAPTER 1\n\nDeliveries\n\n${long}`);
    expect(sentences(text, segs[0]!)).toEqual(['Deliveries', long]);
  });

  it('splits a huge paragraph at sentence boundaries', () => {
    const sentence = 'Each party shall keep all confidential information strictly secret at all times. ';
    const text = sentence.repeat(120).trim();
    const segs = segment(text);
    expect(segs.length).toBe(3);
    for (const s of slices(text, segs)) {
      expect(s.length).toBeLessThanOrEqual(4000);
      expect(s.endsWith('times.')).toBe(true);
    }
  });

  it('assigns pages from offsets', () => {
    const text = 'Article 1\nThe supplier shall deliver.\n\nArticle 2\nThe buyer shall pay.\nThe buyer shall also inspect.';
    const split = text.indexOf('The buyer shall also');
    const pages = [
      { start: 0, end: split - 1 },
      { start: split, end: text.length },
    ];
    const segs = segment(text, EN, pages);
    expect(segs.map((s) => [s.pageStart, s.pageEnd])).toEqual([
      [1, 1],
      [1, 2],
    ]);
  });

  it('returns nothing for an empty document', () => {
    expect(segmentDocument('', [{ start: 0, end: 0 }], EN)).toEqual([]);
  });
});

describe('sentences', () => {
  it('uses Intl.Segmenter offsets relative to the input, trimmed', () => {
    const text = '  The controller shall act. The processor shall assist!  Why? ';
    const spans = splitSentences(text, 'en');
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['The controller shall act.', 'The processor shall assist!', 'Why?']);
  });

  it('keeps wrapped lines together but not list items', () => {
    const text = 'The controller shall, taking into account the state of the art and the costs of\nimplementation, ensure:\n(a) the pseudonymisation of data;\n(b) the ability to restore access.';
    expect(splitSentences(text, 'en').map((s) => text.slice(s.start, s.end))).toEqual([
      'The controller shall, taking into account the state of the art and the costs of\nimplementation, ensure:',
      '(a) the pseudonymisation of data;',
      '(b) the ability to restore access.',
    ]);
    expect(softenLineBreaks('a\nb')).toHaveLength(3);
  });

  it('keeps a parenthetical with a full stop inside one sentence', () => {
    const text = '個人情報（生存する個人に関する情報をいう。以下同じ。）を取り扱う者は、適正に取り扱わなければならない。次に進む。';
    expect(splitSentences(text, 'ja').map((s) => text.slice(s.start, s.end))).toEqual([
      '個人情報（生存する個人に関する情報をいう。以下同じ。）を取り扱う者は、適正に取り扱わなければならない。',
      '次に進む。',
    ]);
  });
});

describe('span helpers', () => {
  it('paragraphs, hard splits and surrogate-safe boundaries', () => {
    const text = 'one\n\n  two  \n \nthree';
    expect(paragraphSpans(text, { start: 0, end: text.length }).map((s) => text.slice(s.start, s.end))).toEqual(['one', 'two', 'three']);
    const emoji = '😀'.repeat(10);
    expect(safeBoundary(emoji, 5)).toBe(4);
    const parts = hardSplit(emoji, { start: 0, end: emoji.length }, 5);
    expect(parts.map((p) => emoji.slice(p.start, p.end)).join('')).toBe(emoji);
    for (const p of parts) expect(emoji.slice(p.start, p.end)).not.toMatch(/[\uD800-\uDBFF]$/);
  });

  it('pageAt maps offsets in separators to the neighbouring page', () => {
    const pages = [
      { start: 0, end: 10 },
      { start: 12, end: 20 },
    ];
    expect(pageAt(pages, 0, 'start')).toBe(1);
    expect(pageAt(pages, 11, 'start')).toBe(2);
    expect(pageAt(pages, 11, 'end')).toBe(1);
    expect(pageAt(pages, 19, 'end')).toBe(2);
  });
});
