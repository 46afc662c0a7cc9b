import { describe, expect, it } from 'vitest';
import { extractDocumentText } from '../services/ingest/extract-text.ts';
import { AKN_RULES } from '../services/ingest/formats/akn.ts';
import { FORMEX_RULES } from '../services/ingest/formats/formex.ts';
import { MarkupLimitError } from '../services/ingest/formats/limits.ts';
import { readMarkup } from '../services/ingest/formats/read-markup.ts';
import { DocumentInputError } from '../services/ingest/intake/errors.ts';
import { detectFileType } from '../services/ingest/intake/file-type.ts';
import { documentTextProblems } from '../services/ingest/text/invariants.ts';
import { inOrder, sourceText } from './formats-support.ts';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const opts = { maxPages: 10, ocr: null } as const;

const FORMEX = `<?xml version="1.0" encoding="UTF-8"?>
<ACT xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<BIB.INSTANCE><DOCUMENT.REF FILE="L_2099001EN.01000101.doc.xml"><COLL>L</COLL><NO.OJ>1</NO.OJ></DOCUMENT.REF><DATE ISO="20990101">20990101</DATE></BIB.INSTANCE>
<TITLE><TI><P><HT TYPE="UC">Regulation</HT> (EU) 2099/1 of the European Parliament</P><P>on records</P></TI></TITLE>
<PREAMBLE><PREAMBLE.INIT>THE EUROPEAN PARLIAMENT AND THE COUNCIL,</PREAMBLE.INIT>
<GR.VISA><VISA>Having regard to the opinion of the Committee<NOTE NOTE.ID="E0001" NUMBERING="ARAB" TYPE="FOOTNOTE"><P>OJ C 1, 1.1.2099, p. 1.</P></NOTE>,</VISA></GR.VISA>
<GR.CONSID><GR.CONSID.INIT>Whereas:</GR.CONSID.INIT>
<CONSID><NP><NO.P>(1)</NO.P><TXT>Controllers should keep the <QUOT.START CODE="2018"/>register<QUOT.END CODE="2019"/> up to date.</TXT></NP></CONSID>
<CONSID><NP><NO.P>(2)</NO.P><TXT>Member States should cooperate.</TXT></NP></CONSID>
</GR.CONSID>
<PREAMBLE.FINAL>HAVE ADOPTED THIS REGULATION:</PREAMBLE.FINAL></PREAMBLE>
<ENACTING.TERMS>
<DIVISION><TITLE><TI><P>CHAPTER I</P></TI><STI><P>General provisions</P></STI></TITLE>
<ARTICLE IDENTIFIER="016"><TI.ART>Article 16</TI.ART><STI.ART>Duties of the controller</STI.ART>
<PARAG IDENTIFIER="016.001"><NO.PARAG>1.</NO.PARAG><ALINEA><P>The controller shall comply with the following:</P>
<LIST TYPE="alpha"><ITEM><NP><NO.P>(a)</NO.P><TXT>keep a register;</TXT></NP></ITEM><ITEM><NP><NO.P>(b)</NO.P><TXT>notify the authority within 72 hours.</TXT></NP></ITEM></LIST></ALINEA></PARAG>
<PARAG IDENTIFIER="016.002"><NO.PARAG>2.</NO.PARAG><ALINEA>The processor shall assist the controller.</ALINEA></PARAG>
</ARTICLE>
<ARTICLE IDENTIFIER="017"><TI.ART>Article 17</TI.ART><STI.ART>Amendment</STI.ART>
<ALINEA>Article 5 of Regulation (EU) 2000/1 is replaced by the following:<QUOT.S LEVEL="1"><ARTICLE IDENTIFIER="005"><TI.ART>Article 5</TI.ART><ALINEA>Old text shall change.</ALINEA></ARTICLE></QUOT.S></ALINEA>
</ARTICLE>
</DIVISION>
</ENACTING.TERMS>
<FINAL><P>This Regulation shall be binding in its entirety.</P><SIGNATURE><PL.DATE><P>Done at Brussels, <DATE ISO="20990101">1 January 2099</DATE>.</P></PL.DATE><SIGNATORY><P>For the Council</P><P>The President</P></SIGNATORY></SIGNATURE></FINAL>
</ACT>`;

const FORMEX_ANNEX = `<?xml version="1.0" encoding="UTF-8"?>
<ANNEX><BIB.INSTANCE><NO.DOC>1</NO.DOC></BIB.INSTANCE><TITLE><TI><P>ANNEX III</P></TI><STI><P>HIGH-RISK SYSTEMS</P></STI></TITLE>
<CONTENTS><NP><NO.P>1.</NO.P><TXT>Biometrics.</TXT></NP><TBL><CORPUS><ROW><CELL>Fee</CELL><CELL>100 EUR</CELL></ROW></CORPUS></TBL>
<NP><NO.P>2.</NO.P><TXT>Critical infrastructure.</TXT></NP></CONTENTS></ANNEX>`;

const AKN = `<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
<act name="act"><meta><identification source="#x"><FRBRWork><FRBRthis value="/akn/eu/act/2099/1/main"/></FRBRWork></identification></meta>
<preface><longTitle><p>Directive 2099/1 on payment accounts</p></longTitle></preface>
<preamble><citations><citation><p>Having regard to the Treaty,</p></citation></citations>
<recitals><intro><p>Whereas:</p></intro>
<recital eId="rec_1"><num>(1)</num><p>Consumers should have access to accounts<authorialNote marker="1" placement="bottom"><p>OJ C 2, 2.2.2099.</p></authorialNote>.</p></recital>
<recital eId="rec_2"><num>(2)</num><p>Fees should be transparent.</p></recital></recitals>
<formula name="enactingFormula"><p>HAVE ADOPTED THIS DIRECTIVE:</p></formula></preamble>
<body><chapter eId="chp_I"><num>CHAPTER I</num><heading>General provisions</heading>
<article eId="art_1"><num>Article 1</num><heading>Obligations</heading>
<paragraph eId="art_1__para_1"><num>1.</num><list><intro><p>Member States shall ensure that:</p></intro>
<point eId="art_1__para_1__point_a"><num>(a)</num><content><p>fees are published;</p></content></point>
<point eId="art_1__para_1__point_b"><num>(b)</num><content><p>accounts can be switched.</p></content></point></list></paragraph>
<paragraph eId="art_1__para_2"><num>2.</num><content><p>Banks shall inform consumers.</p></content></paragraph></article>
<article eId="art_2"><num>Article 2</num><heading>Entry into force</heading><paragraph><content><p>This Directive shall enter into force on the twentieth day.</p></content></paragraph></article>
</chapter></body>
<conclusions><p>Done at Brussels, 1 January 2099.</p><blockContainer><p><signature><role>For the Council</role></signature></p></blockContainer></conclusions>
<attachments><attachment><doc name="annex"><preface><p><docTitle>ANNEX I</docTitle></p></preface><mainBody><p>Model fee statement.</p></mainBody></doc></attachment></attachments>
</act></akomaNtoso>`;

describe('Formex 4', () => {
  it('recitals, preamble, articles per paragraph with list items on their own lines, quoted articles as text, signature, footnote', async () => {
    expect(detectFileType(utf8(FORMEX), 'act.bin')).toEqual({ kind: 'xml', mime: 'application/xml' });
    const doc = await extractDocumentText(utf8(FORMEX), 'act.bin', opts);
    expect(documentTextProblems(doc)).toEqual([]);
    expect(doc.segments.map((s) => [s.kind, s.citation, s.citationKey])).toEqual([
      ['preamble', 'Title', null],
      ['preamble', 'Preamble', null],
      ['footnote', 'Footnote 1', null],
      ['recital', 'Recital 1', 'rec:1'],
      ['recital', 'Recital 2', 'rec:2'],
      ['preamble', 'Preamble', null],
      ['article', 'CHAPTER I > Article 16(1)', 'chap:1/art:16/par:1'],
      ['article', 'CHAPTER I > Article 16(2)', 'chap:1/art:16/par:2'],
      ['article', 'CHAPTER I > Article 17', 'chap:1/art:17'],
      ['signature', 'Signature', null],
    ]);
    const text = (i: number) => doc.text.slice(doc.segments[i]!.start, doc.segments[i]!.end);
    expect(text(6)).toBe('Article 16\nDuties of the controller\n1. The controller shall comply with the following:\n(a) keep a register;\n(b) notify the authority within 72 hours.');
    expect(doc.segments[6]!.heading).toBe('Article 16\nDuties of the controller');
    expect(text(3)).toBe('(1) Controllers should keep the ‘register’ up to date.');
    expect(text(1)).toBe('THE EUROPEAN PARLIAMENT AND THE COUNCIL,\nHaving regard to the opinion of the Committee,\nWhereas:');
    expect(text(2)).toBe('OJ C 1, 1.1.2099, p. 1.');
    expect(text(8)).toContain('Article 5\nOld text shall change.');
    expect(doc.text).not.toContain('L_2099001EN');
    expect(doc.pages[0]!.reason).toMatch(/^Formex XML, utf-8 \(XML declaration\); 2 recitals, 2 articles, 0 annexes, 1 footnotes$/);
  });

  it('an ANNEX document: one annex unit per top-level numbered point, table rows as lines', () => {
    const read = readMarkup(utf8(FORMEX_ANNEX), 'xml', 'annex.xml');
    expect(read.units.map((u) => [u.kind, u.citation, u.citationKey, read.text.slice(u.start, u.end)])).toEqual([
      ['annex', 'ANNEX III point 1', 'annex:3/pt:1', 'ANNEX III\nHIGH-RISK SYSTEMS\n1. Biometrics.\nFee\t100 EUR'],
      ['annex', 'ANNEX III point 2', 'annex:3/pt:2', '2. Critical infrastructure.'],
    ]);
  });

  it('loses no text (footnotes are moved after their unit, and found there)', () => {
    const read = readMarkup(utf8(FORMEX), 'xml', 'act.xml');
    const source = sourceText(FORMEX, 'xml', (local) => FORMEX_RULES.skip.has(local), new Set(['NOTE']));
    expect(inOrder(source.main, read.text).missing).toEqual([]);
    for (const note of source.moved) expect(inOrder(note, read.text).missing).toEqual([]);
    const covered = new Array<boolean>(read.text.length).fill(false);
    for (const span of [...read.units, ...read.headings]) for (let i = span.start; i < span.end; i++) covered[i] = true;
    expect([...read.text].filter((c, i) => !covered[i] && /\S/u.test(c)).join('')).toBe('');
  });
});

describe('Akoma Ntoso 3', () => {
  it('preface, recitals, chapter path, article paragraphs with points, signature, annex, notes', async () => {
    const doc = await extractDocumentText(utf8(AKN), 'act.akn', opts);
    expect(documentTextProblems(doc)).toEqual([]);
    expect(doc.segments.map((s) => [s.kind, s.citation, s.citationKey])).toEqual([
      ['preamble', 'Preface', null],
      ['preamble', 'Preamble', null],
      ['recital', 'Recital 1', 'rec:1'],
      ['footnote', 'Footnote 1', null],
      ['recital', 'Recital 2', 'rec:2'],
      ['preamble', 'Preamble', null],
      ['article', 'CHAPTER I > Article 1(1)', 'chap:1/art:1/par:1'],
      ['article', 'CHAPTER I > Article 1(2)', 'chap:1/art:1/par:2'],
      ['article', 'CHAPTER I > Article 2', 'chap:1/art:2'],
      ['signature', 'Signature', null],
      ['annex', 'ANNEX I', 'annex:1'],
    ]);
    const text = (i: number) => doc.text.slice(doc.segments[i]!.start, doc.segments[i]!.end);
    expect(text(6)).toBe('Article 1\nObligations\n1. Member States shall ensure that:\n(a) fees are published;\n(b) accounts can be switched.');
    expect(text(2)).toBe('(1) Consumers should have access to accounts.');
    expect(doc.text).not.toContain('/akn/eu/act');
    const read = readMarkup(utf8(AKN), 'xml', 'a.xml');
    const source = sourceText(AKN, 'xml', (local) => AKN_RULES.skip.has(local), new Set(['authorialNote']));
    expect(inOrder(source.main, read.text).missing).toEqual([]);
  });
});

describe('other XML', () => {
  it('element structure as lines, mixed content inline, headings found by the text segmenter', async () => {
    const xml = '<?xml version="1.0"?><law><norm><enbez>§ 1</enbez><titel>Zweck</titel><text><P>Der Betreiber <b>muss</b> ein Register f&#252;hren.</P></text></norm><norm><enbez>§ 2</enbez><text><P>Die Beh&#xF6;rde pr&#252;ft &amp; genehmigt.</P></text></norm></law>';
    expect(detectFileType(utf8(xml), 'gii.xml').kind).toBe('xml');
    const doc = await extractDocumentText(utf8(xml), 'gii.xml', opts);
    expect(doc.text).toBe('§ 1\nZweck\nDer Betreiber muss ein Register führen.\n§ 2\nDie Behörde prüft & genehmigt.');
    expect(doc.pages[0]!.reason).toMatch(/^XML <law>/);
    expect(documentTextProblems(doc)).toEqual([]);
  });

  it('a declared legacy encoding is decoded', () => {
    const head = utf8('<?xml version="1.0" encoding="ISO-8859-1"?><doc><p>Beh');
    const read = readMarkup(new Uint8Array([...head, 0xf6, ...utf8('rde</p></doc>')]), 'xml', 'l.xml');
    expect(read.text).toBe('Behörde');
  });
});

describe('hostile markup', () => {
  const expectLimit = async (bytes: Uint8Array, name: string, message: RegExp): Promise<void> => {
    const t0 = performance.now();
    const error = await extractDocumentText(bytes, name, opts).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MarkupLimitError);
    expect(error).toBeInstanceOf(DocumentInputError);
    expect((error as DocumentInputError).code).toBe('processing_limit');
    expect((error as Error).message).toMatch(message);
    // Not a speed assertion: a hang would be minutes; this only proves the guard stopped it.
    expect(performance.now() - t0).toBeLessThan(30_000);
  };

  it('billion laughs: DTD entity declarations are refused, nothing is expanded', async () => {
    const lol = ['<?xml version="1.0"?>', '<!DOCTYPE lolz [', ' <!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++) lol.push(` <!ENTITY lol${i} "${`&lol${i - 1 || ''};`.replace('&lol0;', '&lol;').repeat(10)}">`);
    lol.push(']>', '<lolz>&lol9;</lolz>');
    await expectLimit(utf8(lol.join('\n')), 'laughs.xml', /declares entities in its DOCTYPE/);
  });

  it('external entities (XXE) are refused the same way', async () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r>&xxe;</r>';
    await expectLimit(utf8(xxe), 'xxe.xml', /entity expansion is refused/);
  });

  it('a DOCTYPE with an external DTD and no internal subset is fine', () => {
    const xml = '<?xml version="1.0"?><!DOCTYPE dokumente SYSTEM "http://www.gesetze-im-internet.de/dtd/1.01/gii-norm.dtd"><dokumente><norm>Text</norm></dokumente>';
    expect(readMarkup(utf8(xml), 'xml', 'g.xml').text).toBe('Text');
  });

  it('100 000 nested elements: refused at the depth limit (XML and HTML)', async () => {
    const depth = 100_000;
    await expectLimit(utf8(`<?xml version="1.0"?>${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}`), 'deep.xml', /deeper than 1000 levels/);
    await expectLimit(utf8(`<!DOCTYPE html><html><body>${'<div>'.repeat(depth)}x</body></html>`), 'deep.html', /deeper than 1000 levels/);
  });

  it('XML that is not UTF-8 and declares nothing is refused with a reason', async () => {
    const error = await extractDocumentText(new Uint8Array([...utf8('<?xml version="1.0"?><r>'), 0xff, 0xfe, 0x41, ...utf8('</r>')]), 'bad.xml', opts).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentInputError);
    expect((error as Error).message).toMatch(/XML is not valid UTF-8 \(no encoding declared/);
  });
});
