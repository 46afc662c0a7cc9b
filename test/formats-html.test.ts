import { describe, expect, it } from 'vitest';
import { extractDocumentText } from '../services/ingest/extract-text.ts';
import { detectFileType } from '../services/ingest/intake/file-type.ts';
import { decodeWindows1252 } from '../services/ingest/formats/encoding.ts';
import { isHtmlChrome } from '../services/ingest/formats/html.ts';
import { readMarkup } from '../services/ingest/formats/read-markup.ts';
import { documentTextProblems } from '../services/ingest/text/invariants.ts';
import { inOrder, sourceText } from './formats-support.ts';

/** windows-1252 bytes of a string whose characters are all ≤ U+00FF (0x80 is € in cp1252). */
const cp1252 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const opts = { maxPages: 10, ocr: null } as const;

const LEGACY_PAGE = [
  '<html><head><title>Riksdagen</title><script>var article = "Article 99 shall";</script><style>p { color: red }</style></head>',
  '<body><nav><a href="/">Hem</a> | Lagar</nav><div class="cookie-banner">Vi använder kakor</div>',
  '<h1>Lag (2013:363) om kontroll av ekologisk produktion</h1>',
  '<p>1 &sect; Denna lag g&auml;ller f&ouml;r &#8220;ekologisk&#8221; produktion &#x2013; se &amp; l&auml;s.</p>',
  '<p>Avgiften &auml;r 100 \x80 per år och ska betalas i förskott.</p>',
  '<ol type="a"><li>första punkten;</li><li>andra punkten.</li></ol>',
  '<table><tr><th>Avgift</th><th>Belopp</th></tr><tr><td>Kontroll</td><td>100 kr</td></tr></table>',
  '<div style="display:none">dold text</div><footer>Sidfot</footer>',
  '</body></html>',
].join('\n');

describe('HTML intake and decoding', () => {
  it('windows-1252 without a declaration: sniffed, entities decoded, chrome dropped, lists and tables kept', async () => {
    const bytes = cp1252(LEGACY_PAGE);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(detectFileType(bytes, 'page.bin').kind).toBe('html');
    const doc = await extractDocumentText(bytes, 'page.bin', opts);
    expect(documentTextProblems(doc)).toEqual([]);
    expect(doc.pages[0]!.reason).toMatch(/windows-1252 \(sniffed: no charset declared/);
    expect(doc.text).toContain('1 § Denna lag gäller för “ekologisk” produktion – se & läs.');
    expect(doc.text).toContain('Avgiften är 100 € per år');
    expect(doc.text).toContain('a. första punkten;\nb. andra punkten.');
    expect(doc.text).toContain('Avgift\tBelopp\nKontroll\t100 kr');
    for (const chrome of ['Article 99', 'color: red', 'Hem', 'kakor', 'dold text', 'Sidfot', 'Riksdagen']) expect(doc.text).not.toContain(chrome);
    expect(doc.language.code).toBe('swe');
  });

  it('a page declared UTF-8 whose bytes are windows-1252 is read as windows-1252, and the reverse as UTF-8', () => {
    const lying = cp1252('<html><head><meta charset="utf-8"></head><body><p>Stra\xdfe f\xfcr \x80 5</p></body></html>');
    const read = readMarkup(lying, 'html', 'x.html');
    expect(read.text).toBe('Straße für € 5');
    expect(read.reason).toMatch(/declared utf-8, but the bytes are not valid UTF-8/);
    const reverse = utf8('<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body><p>Straße für € 5</p></body></html>');
    const r2 = readMarkup(reverse, 'html', 'y.html');
    expect(r2.text).toBe('Straße für € 5');
    expect(r2.reason).toMatch(/declared iso-8859-1 in http-equiv, but the bytes are UTF-8/);
  });

  it('a declared legacy charset is honoured for non-UTF-8 bytes (Shift_JIS)', () => {
    // "第一条" in Shift_JIS.
    const sjis = Uint8Array.from([0x91, 0xe6, 0x88, 0xea, 0x8f, 0xf0]);
    const head = utf8('<html><head><meta charset="shift_jis"></head><body><p>');
    const tail = utf8('</p></body></html>');
    const read = readMarkup(new Uint8Array([...head, ...sjis, ...tail]), 'html', 'j.html');
    expect(read.text).toBe('第一条');
    expect(read.reason).toMatch(/shift_jis \(<meta charset>\)/);
  });

  it('a BOM wins over everything', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('<!DOCTYPE html><meta charset="windows-1252"><p>Ελληνικά</p>')]);
    expect(readMarkup(bytes, 'html', 'b.html').text).toBe('Ελληνικά');
  });

  it('loses no text: every visible character of the source appears, in order', () => {
    const markup = decodeWindows1252(cp1252(LEGACY_PAGE));
    const read = readMarkup(cp1252(LEGACY_PAGE), 'html', 'p.html');
    const source = sourceText(markup, 'html', (local, attrs, inContent) => isHtmlChrome({ name: local, local, attrs, children: [] }, inContent));
    const check = inOrder(source.main, read.text);
    expect(check.missing).toEqual([]);
    expect(check.found).toBe(check.total);
    expect(check.total).toBeGreaterThan(150);
  });
});

const EURLEX = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/><script>track();</script></head>
<body>
<table class="oj-table"><tr><td><p class="oj-hd-date">1.2.2099</p></td><td><p class="oj-hd-ti">Official Journal of the European Union</p></td></tr></table>
<p class="oj-doc-ti">REGULATION (EU) 2099/1 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL</p>
<p class="oj-normal">Having regard to the Treaty,</p>
<p class="oj-normal">Whereas:</p>
<table><tbody><tr><td><p class="oj-normal">(1)</p></td><td><p class="oj-normal">Providers should keep records&nbsp;<a>(<span class="oj-super oj-note-tag">1</span>)</a>.</p></td></tr></tbody></table>
<table><tbody><tr><td><p class="oj-normal">(2)</p></td><td><p class="oj-normal">Member States should cooperate.</p></td></tr></tbody></table>
<p class="oj-normal">HAVE ADOPTED THIS REGULATION:</p>
<p class="oj-ti-section-1">CHAPTER I</p><p class="oj-ti-section-2">General provisions</p>
<p class="oj-ti-art">Article 1</p><p class="oj-sti-art">Obligations of providers</p>
<p class="oj-normal">1.&nbsp;&nbsp;&nbsp;Providers shall comply with the following:</p>
<table><tbody><tr><td><p class="oj-normal">(a)</p></td><td><p class="oj-normal">keep a register;</p></td></tr></tbody></table>
<table><tbody><tr><td><p class="oj-normal">(b)</p></td><td><p class="oj-normal">report incidents within 72&nbsp;hours.</p></td></tr></tbody></table>
<p class="oj-normal">2.&nbsp;&nbsp;&nbsp;Member States shall designate an authority.</p>
<p class="oj-ti-art">Article 2</p><p class="oj-sti-art">Entry into force</p>
<p class="oj-normal">This Regulation shall enter into force on the twentieth day.</p>
<div class="oj-final"><p class="oj-normal">This Regulation shall be binding in its entirety.</p><p class="oj-normal">Done at Brussels, 1 February 2099.</p>
<div class="oj-signatory"><p class="oj-signatory">For the Council</p><p class="oj-signatory">The President</p></div></div>
<hr class="oj-note"/><p class="oj-note"><a>(<span class="oj-super">1</span>)</a>&nbsp;&nbsp;OJ C 1, 1.1.2099, p. 1.</p>
<p class="oj-doc-ti">ANNEX III</p><p class="oj-doc-ti">LIST OF AUTHORITIES</p>
<p class="oj-normal">The authority shall publish its address.</p>
</body></html>`;

describe('XHTML from EUR-Lex: markup classes are structure', () => {
  it('sniffs XHTML and reads recitals, articles with paragraphs, points, signature, footnotes and annex', async () => {
    const bytes = utf8(EURLEX);
    expect(detectFileType(bytes, 'celex.txt')).toEqual({ kind: 'html', mime: 'application/xhtml+xml' });
    const doc = await extractDocumentText(bytes, 'celex.txt', opts);
    expect(documentTextProblems(doc)).toEqual([]);
    const seg = (citation: string) => doc.segments.find((s) => s.citation === citation);
    const quote = (citation: string) => {
      const s = seg(citation);
      return s ? doc.text.slice(s.start, s.end) : null;
    };
    expect(doc.segments.map((s) => [s.kind, s.citation, s.citationKey])).toEqual([
      ['preamble', 'Preamble', null],
      ['recital', 'Recital 1', 'rec:1'],
      ['recital', 'Recital 2', 'rec:2'],
      ['preamble', 'Preamble', null],
      ['article', 'CHAPTER I > Article 1(1)', 'chap:1/art:1/par:1'],
      ['article', 'CHAPTER I > Article 1(2)', 'chap:1/art:1/par:2'],
      ['article', 'CHAPTER I > Article 2', 'chap:1/art:2'],
      ['signature', 'Signature', null],
      ['footnote', 'Footnote 1', null],
      ['annex', 'ANNEX III', 'annex:3'],
    ]);
    expect(quote('CHAPTER I > Article 1(1)')).toBe(
      'Article 1\nObligations of providers\n1. Providers shall comply with the following:\n(a) keep a register;\n(b) report incidents within 72 hours.',
    );
    expect(seg('CHAPTER I > Article 1(1)')!.heading).toBe('Article 1\nObligations of providers');
    // Sentences start after the heading lines.
    expect(doc.text.slice(seg('CHAPTER I > Article 1(1)')!.sentences[0]!.start).startsWith('1. Providers shall')).toBe(true);
    expect(quote('Recital 1')).toBe('(1) Providers should keep records (1).');
    expect(quote('Signature')).toContain('Done at Brussels');
    expect(quote('ANNEX III')).toBe('ANNEX III\nLIST OF AUTHORITIES\nThe authority shall publish its address.');
    expect(doc.text).not.toContain('Official Journal of the European Union');
    expect(doc.text).not.toContain('track()');
    expect(doc.pages[0]!.reason).toMatch(/^XHTML, utf-8.*EUR-Lex structure: 2 recitals, 2 articles, 1 annexes, 1 footnotes/);
  });

  it('loses no text, and every visible character lies in a segment or a container heading', () => {
    const read = readMarkup(utf8(EURLEX), 'html', 'e.xhtml');
    const source = sourceText(EURLEX, 'html', (local, attrs, inContent) => isHtmlChrome({ name: local, local, attrs, children: [] }, inContent));
    const check = inOrder(source.main, read.text);
    expect(check.missing).toEqual([]);
    const covered = new Array<boolean>(read.text.length).fill(false);
    for (const span of [...read.units, ...read.headings]) for (let i = span.start; i < span.end; i++) covered[i] = true;
    const outside = [...read.text].filter((c, i) => !covered[i] && /\S/u.test(c));
    expect(outside).toEqual([]);
    expect(read.text.slice(read.headings[0]!.start, read.headings[0]!.end)).toBe('CHAPTER I');
  });

  it('a page without structure classes gets no units; the plain-text segmenter reads its headings', async () => {
    const page = '<!DOCTYPE html><html><body><main><h2>Article 1</h2><p>The operator shall keep a log.</p><h2>Article 2</h2><p>The authority may inspect it.</p></main></body></html>';
    expect(readMarkup(utf8(page), 'html', 'p.html').units).toEqual([]);
    const doc = await extractDocumentText(utf8(page), 'p.html', opts);
    expect(doc.text).toBe('Article 1\nThe operator shall keep a log.\nArticle 2\nThe authority may inspect it.');
    expect(doc.segments.filter((s) => s.kind === 'article')).toHaveLength(2);
  });
});
