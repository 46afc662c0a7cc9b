import { describe, expect, it } from 'vitest';
import type { LanguageGuess, TextSegment } from '../schemas/text.ts';
import { segmentDocument } from '../services/ingest/segments/segment-document.ts';
import { documentTextProblems } from '../services/ingest/text/invariants.ts';

const EN: LanguageGuess = { code: 'eng', bcp47: 'en', confidence: 1, candidates: [] };
const DE: LanguageGuess = { code: 'deu', bcp47: 'de', confidence: 1, candidates: [] };
const ZH: LanguageGuess = { code: 'cmn', bcp47: 'zh', confidence: 1, candidates: [] };

function segment(text: string, language = EN): TextSegment[] {
  const segments = segmentDocument(text, [{ start: 0, end: text.length }], language);
  const problems = documentTextProblems({
    text,
    language,
    pages: [{ n: 1, source: 'plain', reason: 'test', ocrConfidence: null, start: 0, end: text.length, language: null }],
    segments,
  });
  expect(problems).toEqual([]);
  return segments;
}

/** [kind, citation, citationKey, first 30 characters] per segment. */
const table = (text: string, segs: TextSegment[]) =>
  segs.map((s) => [s.kind, s.citation, s.citationKey, text.slice(s.start, s.end).slice(0, 30)]);
const segmentAt = (text: string, segs: TextSegment[], needle: string) => {
  const at = text.indexOf(needle);
  expect(at).toBeGreaterThanOrEqual(0);
  return segs.find((s) => s.start <= at && at < s.end);
};

const EU_ACT = [
  'REGULATION (EU) 2024/1 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL',
  'of 1 March 2024',
  'on widgets',
  '(Text with EEA relevance)',
  'THE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION,',
  'Having regard to the Treaty on the Functioning of the European Union, and in particular Article 114 thereof,',
  'Having regard to the opinion of the European Economic and Social Committee (1),',
  '(1) OJ C 100, 1.1.2024, p. 1.',
  'Whereas:',
  '(1) Widgets should be safe. Providers should document them.',
  '(2) This Regulation should apply to all widgets placed on the market.',
  'The Commission should be empowered to adopt delegated acts.',
  '(3) Since the objective cannot be achieved by Member States, the Union may adopt measures.',
  'HAVE ADOPTED THIS REGULATION:',
  'CHAPTER I',
  'GENERAL PROVISIONS',
  'Article 1',
  'Subject matter',
  'This Regulation lays down rules on widgets.',
  'Article 2',
  'Definitions',
  'For the purposes of this Regulation, the following definitions apply:',
  '(1) ‘widget’ means a device;',
  '(2) ‘provider’ means a person who places a widget on the market.',
  'Article 3',
  'Obligations of providers',
  'Providers shall comply with the following: (a) keep records; (b) inform users; (c) report incidents.',
  'This Regulation shall be binding in its entirety and directly applicable in all Member States.',
  'Done at Brussels, 1 March 2024.',
  'For the European Parliament',
  'The President',
  'R. METSOLA',
  'For the Council',
  'The President',
  'H. LAHBIB',
  'ANNEX I',
  'LIST OF WIDGETS',
  '1. Widgets used in critical infrastructure.',
  '2. Widgets used for employment: (a) recruitment; (b) promotion.',
  'ANNEX II',
  'Providers shall keep the documentation for ten years.',
].join('\n');

describe('segment kinds in plain text', () => {
  it('classifies an EU act: preamble, footnote, recitals, articles, definitions, signature, annexes', () => {
    const segs = segment(EU_ACT);
    expect(table(EU_ACT, segs)).toEqual([
      ['preamble', '', null, 'REGULATION (EU) 2024/1 OF THE '],
      ['footnote', '', null, '(1) OJ C 100, 1.1.2024, p. 1.'],
      ['preamble', '', null, 'Whereas:'],
      ['recital', 'Recital 1', 'rec:1', '(1) Widgets should be safe. Pr'],
      ['recital', 'Recital 2', 'rec:2', '(2) This Regulation should app'],
      ['recital', 'Recital 3', 'rec:3', '(3) Since the objective cannot'],
      ['preamble', '', null, 'HAVE ADOPTED THIS REGULATION:'],
      ['article', 'CHAPTER I > Article 1', 'chap:1/art:1', 'Article 1\nSubject matter\nThis '],
      ['definition', 'CHAPTER I > Article 2', 'chap:1/art:2', 'Article 2\nDefinitions\nFor the '],
      ['article', 'CHAPTER I > Article 3', 'chap:1/art:3', 'Article 3\nObligations of provi'],
      ['signature', '', null, 'Done at Brussels, 1 March 2024'],
      ['annex', 'ANNEX I', 'annex:1', 'ANNEX I\nLIST OF WIDGETS\n1. Wid'],
      ['annex', 'ANNEX II', 'annex:2', 'ANNEX II\nProviders shall keep '],
    ]);
    // The recital's unnumbered second paragraph stays in recital 2; the binding sentence before
    // "Done at" stays in the last article.
    expect(segmentAt(EU_ACT, segs, 'The Commission should be empowered')?.citation).toBe('Recital 2');
    expect(segmentAt(EU_ACT, segs, 'This Regulation shall be binding')?.citation).toBe('CHAPTER I > Article 3');
  });

  it('gives the title line to the heading and lists as separate sentences', () => {
    const segs = segment(EU_ACT);
    const art3 = segs.find((s) => s.citationKey === 'chap:1/art:3')!;
    expect(art3.heading).toBe('Article 3 Obligations of providers');
    expect(art3.sentences.map((t) => EU_ACT.slice(t.start, t.end))).toEqual([
      'Providers shall comply with the following:',
      '(a) keep records;',
      '(b) inform users;',
      '(c) report incidents.',
      'This Regulation shall be binding in its entirety and directly applicable in all Member States.',
    ]);
  });

  it('finds recitals after the German "Whereas" and without one when three are numbered in sequence', () => {
    const de = [
      'VERORDNUNG (EU) 2024/1',
      'in Erwägung nachstehender Gründe:',
      '(1) Der Schutz natürlicher Personen ist ein Grundrecht.',
      '(2) Die Grundsätze sollten gewahrt werden.',
      'HABEN FOLGENDE VERORDNUNG ERLASSEN:',
      'Artikel 1',
      'Gegenstand',
      'Diese Verordnung enthält Vorschriften.',
      'Artikel 2',
      'Anwendungsbereich',
      'Diese Verordnung gilt für Widgets.',
    ].join('\n');
    expect(segment(de, DE).map((s) => s.kind)).toEqual(['preamble', 'recital', 'recital', 'preamble', 'article', 'article']);

    const bare = [
      'Act on widgets',
      '(1) Widgets should be safe.',
      '(2) Widgets should be cheap.',
      '(3) Widgets should be documented.',
      'Article 1',
      'Operators shall register widgets.',
      'Article 2',
      'Operators shall keep records.',
    ].join('\n');
    expect(segment(bare).map((s) => [s.kind, s.citationKey])).toEqual([
      ['preamble', null],
      ['recital', 'rec:1'],
      ['recital', 'rec:2'],
      ['recital', 'rec:3'],
      ['article', 'art:1'],
      ['article', 'art:2'],
    ]);
  });

  it('cuts a table of contents with dot leaders out of the structure', () => {
    const text = [
      'Table of contents',
      'Article 1 Scope ........ 2',
      'Article 2 Definitions ........ 3',
      'Article 3 Obligations ........ 4',
      '',
      'Article 1',
      'Scope',
      'This Act applies to operators.',
      'Article 2',
      'Definitions',
      'In this Act, operator means any person.',
      'Article 3',
      'Obligations',
      'Operators shall keep a register.',
    ].join('\n');
    expect(table(text, segment(text)).map((r) => r.slice(0, 3))).toEqual([
      ['toc', '', null],
      ['article', 'Article 1', 'art:1'],
      ['definition', 'Article 2', 'art:2'],
      ['article', 'Article 3', 'art:3'],
    ]);
  });

  it('recognises a CJK 目录 and keeps the body chapters in the path', () => {
    const text = [
      '中华人民共和国个人信息保护法',
      '目录',
      '第一章 总则',
      '第二章 个人信息处理规则',
      '第三章 法律责任',
      '第一章 总则',
      '第一条 为了保护个人信息权益，制定本法。',
      '第二章 个人信息处理规则',
      '第二条 个人信息处理者应当采取下列措施：（一）制定内部管理制度；（二）实行分类管理。',
      '第三章 法律责任',
      '第三条 违反本法规定的，责令改正。',
    ].join('\n');
    const segs = segment(text, ZH);
    expect(segs.map((s) => [s.kind, s.citation])).toEqual([
      ['preamble', ''],
      ['toc', ''],
      ['article', '第一章 > 第一条'],
      ['article', '第二章 > 第二条'],
      ['article', '第三章 > 第三条'],
    ]);
    expect(segs[3]!.sentences.map((t) => text.slice(t.start, t.end))).toEqual(['个人信息处理者应当采取下列措施：', '（一）制定内部管理制度；', '（二）实行分类管理。']);
  });

  it('ends a 目次 whose last entry is 附則 at the body\'s first chapter; 附則 articles restart outside the chapters', () => {
    const JA: LanguageGuess = { code: 'jpn', bcp47: 'ja', confidence: 1, candidates: [] };
    const text = [
      '目次',
      '第一章\u3000総則（第一条・第二条）',
      '第二章\u3000義務（第三条）',
      '第一節\u3000通則（第三条）',
      '附則',
      '第一章\u3000総則',
      '（目的）',
      '第一条\u3000この法律は、個人の権利利益を保護することを目的とする。',
      '第二条\u3000この法律は、事業者に適用する。',
      '第二章\u3000義務',
      '第一節\u3000通則',
      '第三条\u3000事業者は、記録を作成しなければならない。',
      '附\u3000則',
      '第一条\u3000この法律は、公布の日から施行する。',
    ].join('\n');
    expect(segment(text, JA).map((s) => [s.kind, s.citationKey])).toEqual([
      ['toc', null],
      ['article', 'chap:1/art:1'],
      ['article', 'chap:1/art:2'],
      ['article', 'chap:2/sec:1/art:3'],
      ['article', 'suppl/art:1'],
    ]);
  });

  it('treats a run of body-less headings as a TOC, ending where the body repeats an entry', () => {
    const text = [
      'Chapter I General',
      'Chapter II Duties',
      'Chapter III Final provisions',
      '',
      'Chapter I',
      'General',
      'Article 1',
      'This Act applies to operators.',
      'Chapter II',
      'Duties',
      'Article 2',
      'Operators shall keep a register.',
    ].join('\n');
    expect(segment(text).map((s) => [s.kind, s.citation])).toEqual([
      ['toc', ''],
      ['article', 'Chapter I > Article 1'],
      ['article', 'Chapter II > Article 2'],
    ]);
  });

  it('cites annex text to the annex, not to the last article, in several languages', () => {
    for (const [heading, key] of [
      ['ANNEX III', 'annex:3'],
      ['BIJLAGE III', 'annex:3'],
      ['ANHANG III', 'annex:3'],
      ['ANNEXE III', 'annex:3'],
      ['ZAŁĄCZNIK III', 'annex:3'],
      ['Schedule 3', 'annex:3'],
      ['附件三', 'annex:3'],
    ] as const) {
      const text = `Article 1\nOperators shall register.\nArticle 2\nOperators shall report.\n${heading}\n1. Operators shall keep the list of systems up to date.`;
      const last = segment(text).at(-1)!;
      expect([last.kind, last.citationKey]).toEqual(['annex', key]);
    }
  });

  it('cites an inline "Art. N." first sentence to its own article', () => {
    const text = 'Art. 1. This Law governs the processing of personal data.\nArt. 2. The controller shall notify the authority without delay.\nArt. 3. Processors shall keep records.';
    const segs = segment(text);
    expect(segs.map((s) => s.citationKey)).toEqual(['art:1', 'art:2', 'art:3']);
    expect(segs[1]!.sentences.map((t) => text.slice(t.start, t.end))).toEqual(['The controller shall notify the authority without delay.']);
  });

  it("ignores a gazette's own PART II masthead", () => {
    const text = [
      'THE GAZETTE OF INDIA EXTRAORDINARY',
      'PART II — Section 1',
      'PUBLISHED BY AUTHORITY',
      'CHAPTER I',
      'PRELIMINARY',
      'Section 1',
      'Short title',
      'This Act may be called the Digital Act.',
      'Section 2',
      'Duties',
      'Every Data Fiduciary shall protect personal data.',
    ].join('\n');
    expect(segment(text).map((s) => [s.kind, s.citation])).toEqual([
      ['preamble', ''],
      ['article', 'CHAPTER I > Section 1'],
      ['article', 'CHAPTER I > Section 2'],
    ]);
  });

  it('marks OJ footnotes inside an article and plain-text tables', () => {
    const text = [
      'Article 1',
      'Member States shall apply Directive (EU) 2015/1535 (1).',
      '(1) Directive (EU) 2015/1535 of the European Parliament (OJ L 241, 17.9.2015, p. 1).',
      'Article 2',
      'Operators shall pay the following fees:',
      'Category    Fee    Deadline',
      'Small    100    30 days',
      'Large    500    60 days',
    ].join('\n');
    expect(table(text, segment(text)).map((r) => r.slice(0, 2))).toEqual([
      ['article', 'Article 1'],
      ['footnote', 'Article 1'],
      ['article', 'Article 2'],
      ['table', 'Article 2'],
    ]);
  });

  it('keeps every letter of the text in some segment, except a chapter heading with only its title', () => {
    const segs = segment(EU_ACT);
    const covered = segs.map((s) => EU_ACT.slice(s.start, s.end)).join('');
    // "CHAPTER I / GENERAL PROVISIONS" is carried in the citation path, not as segment text.
    expect(covered.replace(/\s+/g, '')).toBe(EU_ACT.replace('CHAPTER I\nGENERAL PROVISIONS', '').replace(/\s+/g, ''));
  });
});
