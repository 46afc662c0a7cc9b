import type { SegmentKind } from '../../../schemas/text.ts';
import { asciiDigits } from './citation-key.ts';
import { parseListMarker } from './enumerations.ts';
import type { Span } from './spans.ts';

/**
 * Detectors for the non-article parts of an act in plain text: preamble (title, citations of the
 * legal bases), recitals, footnotes, tables of contents, signature blocks and tables. Each returns
 * spans of the document text; segment-document.ts lays them over its heading-based units.
 * Phrases are given for the 24 EU languages (the EU's own formulas) and a few national styles.
 */

export interface KindRegion extends Span {
  kind: SegmentKind;
  /** Citation for the region's segments (recitals: "Recital 22"); undefined keeps the unit's. */
  citation?: string;
  citationKey?: string | null;
}

export interface Line {
  start: number;
  end: number;
  text: string;
}

export function linesOf(text: string, region: Span = { start: 0, end: text.length }): Line[] {
  const out: Line[] = [];
  let start = region.start;
  while (start <= region.end) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 || nl > region.end ? region.end : nl;
    out.push({ start, end, text: text.slice(start, end) });
    if (nl < 0 || nl >= region.end) break;
    start = nl + 1;
  }
  return out;
}

/** "Having regard to …": the citations of legal bases that open an EU act, in 24 languages, and "Vu"/"visto" of national acts. */
const VISA =
  /^(?:Having regard to|After (?:transmission|consulting)|Acting in accordance|gestützt auf|nach (?:Zuleitung|Stellungnahme|Anhörung)|gemäß dem ordentlichen|Vu |vu |après (?:transmission|consultation)|statuant conformément|visto |vista |visti |previa transmisión|de conformidad con el procedimiento|tendo em conta|após transmissão|deliberando de acordo|gelet op|na toezending|handelend volgens|uwzględniając|po przekazaniu|stanowiąc zgodnie|s ohledem na|po postoupení|v souladu s řádným|so zreteľom na|po postúpení|konajúc v súlade|ob upoštevanju|po posredovanju|v skladu z rednim|uzimajući u obzir|nakon prosljeđivanja|u skladu s redovnim|tekintettel|a jogalkotási aktus tervezetének|rendes jogalkotási eljárás|ottavat huomioon|ottaa huomioon|sen jälkeen kun|noudattavat tavallista|med beaktande av|efter översändande|i enlighet med det ordinarie|under henvisning til|efter fremsendelse|efter den almindelige|võttes arvesse|olles edastanud|toimides seadusandliku|atsižvelgdami į|atsižvelgdamas į|teisėkūros procedūra|ņemot vērā|pēc leģislatīvā|saskaņā ar parasto|wara li kkunsidraw|wara li bagħtu|jaġixxu skont|ag féachaint do|tar éis dó|ag gníomhú dóibh|като взеха предвид|след предаване|в съответствие с обикновената|Έχοντας υπόψη|Αφού διαβίβασαν|Αποφασίζοντας σύμφωνα|având în vedere|după transmiterea|hotărând în conformitate)/iu;

/** The EU's enacting authority line: "THE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION,". */
const AUTHORITY = /^(?:THE EUROPEAN PARLIAMENT|THE COUNCIL OF THE EUROPEAN|THE EUROPEAN COMMISSION|DAS EUROPÄISCHE PARLAMENT|DER RAT DER EUROPÄISCHEN|DIE EUROPÄISCHE KOMMISSION|LE PARLEMENT EUROPÉEN|LE CONSEIL DE L'UNION|LA COMMISSION EUROPÉENNE|IL PARLAMENTO EUROPEO|EL PARLAMENTO EUROPEO|O PARLAMENTO EUROPEU|HET EUROPEES PARLEMENT|PARLAMENT EUROPEJSKI|EVROPSKÝ PARLAMENT|EURÓPSKY PARLAMENT|EVROPSKI PARLAMENT|EUROPSKI PARLAMENT|AZ EURÓPAI PARLAMENT|EUROOPAN PARLAMENTTI|EUROPAPARLAMENTET|EUROPA-PARLAMENTET|EUROOPA PARLAMENT|EUROPOS PARLAMENTAS|EIROPAS PARLAMENTS|IL-PARLAMENT EWROPEW|TÁ PARLAIMINT NA HEORPA|ЕВРОПЕЙСКИЯТ ПАРЛАМЕНТ|ΤΟ ΕΥΡΩΠΑΪΚΟ ΚΟΙΝΟΒΟΥΛΙΟ|PARLAMENTUL EUROPEAN)/u;

/** "Whereas:", the line that opens the recitals, in the 24 EU languages. */
const WHEREAS =
  /^(?:Whereas:?|in Erwägung nachstehender Gründe:?|considérant ce qui suit:?|considerando quanto segue:?|considerando lo siguiente:?|considerando o seguinte:?|overwegende hetgeen volgt:?|a także mając na uwadze, co następuje:?|mając na uwadze, co następuje:?|vzhledem k těmto důvodům:?|keďže:?|ob upoštevanju naslednjega:?|budući da:?|mivel:?|sekä katsovat seuraavaa:?|katsovat seuraavaa:?|och av följande skäl:?|av följande skäl:?|og ud fra følgende betragtninger:?|ud fra følgende betragtninger:?|ning arvestades järgmist:?|arvestades järgmist:?|kadangi:?|tā kā:?|billi:?|de bhrí:?|като имат предвид, че:?|като има предвид, че:?|Εκτιμώντας:?|întrucât:?)\s*$/iu;

/** "HAVE ADOPTED THIS REGULATION:": the end of the preamble, in the 24 EU languages. */
const ADOPTED =
  /(?:HA(?:VE|S) ADOPTED THIS|HAB(?:EN|T) (?:FOLGENDE|DIESE)|ERLASSEN:|ONT ADOPTÉ|A ADOPTÉ|HANNO ADOTTATO|HA ADOTTATO|HAN ADOPTADO|HA ADOPTADO|ADOTARAM|ADOTOU|HEBBEN (?:DE VOLGENDE|DIT)|HEEFT (?:DE VOLGENDE|DIT)|PRZYJMUJ[ĄE]|PRZYJMUJE|PŘIJAL[AY]? TOTO|PRIJAL[AI]? TOTO|SPREJEL[AI]? NASLEDNJ|DONI(?:JELI|O) SU|DONIJELA JE|ELFOGADT(?:A|ÁK)|OVAT ANTANEET|ON ANTANUT|HAR ANTAGIT|HÄRIGENOM FÖRESKRIVS|HAR VEDTAGET|HAVE VEDTAGET|VEDTAGET DENNE|ON VASTU VÕTNUD|VÕTNUD VASTU|PRIĖMĖ ŠĮ|IR PIEŅĒMUŠI|IR PIEŅĒMUSI|ADOTTAW|ADOTTAT|TAR ÉIS AN|ПРИЕХА|ПРИЕ НАСТОЯЩ|ΕΞΕΔΩΣΑΝ|ΕΞΕΔΩΣΕ|ADOPTĂ|AU ADOPTAT|A ADOPTAT)[^\n]{0,80}:?\s*$/u;

/** "Done at Brussels, 27 April 2016.": the signature block that closes an EU act, and national formulas. */
const SIGNATURE_START =
  /^(?:Done at|Signed at|Given (?:at|under)|Fait à|Geschehen zu|Hecho en|Fatto a|Gedaan te|Feito em|Sporządzono w|Съставено в|V Bruselu|V Lucemburku|V Štrasburku|V Bruseli|V Luxemburgu|V Štrasburgu|V Bruslju|V Luxembourgu|V Strasbourgu|Udfærdiget i|Έγινε στ|Tehty|Kelt |Priimta|Pieņemts|Briselē|Luksemburgā|Strasbūrā|Magħmul fi|Magħmula fi|Arna dhéanamh|Întocmit la|Sastavljeno u|Utfärdad i|Brüsszel|Luxembourgban|Strasbourgban|Brüssel, den|Bruxelles, le|Brussels, )/u;
/** Signatory lines: "For the European Parliament", "The President", "Im Namen des Rates", "Por el Consejo" … */
const SIGNATORY = /^(?:For the|On behalf of|The President|The Chair|Im Namen|Der Präsident|Die Präsidentin|Par le|Pour le|Pour la|Le président|La présidente|Per il|Per la|Il presidente|La presidente|Por el|Por la|Pelo|Pela|El presidente|La presidenta|O Presidente|A Presidente|Voor het|Voor de|De voorzitter|W imieniu|Przewodnicząc|Za Evropsk|Za Radu|Za Európsk|Za Evropski|Za Svet|Za Europski|Za Vijeće|Předsed|Predsed|az Európai|a Tanács részéről|Az elnök|Euroopan parlamentin|Neuvoston puolesta|Puhemies|Puheenjohtaja|För Europaparlamentet|För rådet|Ordförande|For Europa-Parlamentet|For Rådet|Formand|Euroopa Parlamendi nimel|Nõukogu nimel|President|Presidendi|Europos Parlamento vardu|Tarybos vardu|Pirmininkas|Pirmininkė|Eiropas Parlamenta vārdā|Padomes vārdā|priekšsēdētāj|Għall-Parlament|Għall-Kunsill|Il-President|Thar ceann|An tUachtarán|За Европейския|За Съвета|Председател|Για το Ευρωπαϊκό|Για το Συμβούλιο|Ο Πρόεδρος|Η Πρόεδρος|Pentru Parlamentul|Pentru Consiliu|Președintele)/u;
const MAX_SIGNATURE_LINE = 120;

/** Footnotes of the Official Journal ("(1) OJ L 119, 4.5.2016, p. 1."), in the 24 EU languages. */
const OJ_REF =
  /(?:\bOJ|\bABl\.|\bJO|\bGU|\bDO|Dz\.\s?U\.|Úř\.\s?věst\.|Ú\.\s?v\.|\bUL|\bHL|\bEUT|\bEYVL|\bELT|\bOV|\bIO|\bIL|\bPB|\bSL|Sl\.\s?l\.|L\.\s?Uff\.|\bΕΕ|\bОВ|\bОJ|\bAO|\bEUV)\s?[LC]\s?\p{Nd}{1,4}\b/u;
const FOOTNOTE_MARKER = /^\s*(?:\(\s*\p{Nd}{1,3}\s*\)|\(\*+\)|\*{1,3}|\p{Nd}{1,3}\)?|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*\S/u;
/** EUR-Lex footnotes cite a whole act with its title: up to ~500 characters. */
const MAX_FOOTNOTE_LINE = 600;

/** Section titles of a table of contents. */
const TOC_TITLE =
  /^(?:table of contents|contents|inhaltsverzeichnis|inhalt|inhaltsübersicht|sommaire|table des matières|índice|indice|sumário|inhoudsopgave|inhoud|spis treści|obsah|tartalomjegyzék|tartalom|sisällys|sisällysluettelo|sisukord|turinys|saturs|innehåll|innehållsförteckning|indholdsfortegnelse|indhold|innhold|περιεχόμενα|πίνακας περιεχομένων|съдържание|содержание|оглавление|зміст|cuprins|sadržaj|kazalo|目录|目錄|目次|فهرس|الفهرس|المحتويات|विषय सूची|विषय-सूची|içindekiler|daftar isi|mục lục|สารบัญ|차례|목차)\s*:?$/iu;
/** A TOC line: "Article 5 Principles ....... 12", "Chapter II …… 7", "3 Definitions\t4". */
const TOC_LINE = /(?:\.{4,}|…{2,}|(?:\s\.){3,}|_{4,}|·{3,}|\t)\s*\p{Nd}{1,4}\s*$/u;

/** "Definitions", the title of an article made of definitions. */
export const DEFINITIONS_TITLE =
  /^(?:definitions?|definice|apibrėžtys|opredelitev pojmov|interpretation|meaning of terms|terms used|begriffsbestimmungen|definitionen|définitions?|definizioni|definiciones|definições|definities|begripsbepalingen|definicje|vymezení pojmů|definície|vymedzenie pojmov|opredelitve pojmov|definicije|fogalommeghatározások|értelmező rendelkezések|määritelmät|määratlused|mõisted|sąvokų apibrėžtys|sąvokos|definīcijas|definizzjonijiet|sainmhínithe|определения|основни понятия|основные понятия|ορισμοί|definiții|definiţii|begreppsbestämmelser|definitioner|tanımlar|definisi|giải thích từ ngữ|用語の定義|定义|定義|用语含义|التعريفات|تعريفات|परिभाषाएं|परिभाषाएँ|निर्वचन)\s*[.:]?$/iu;

/** The offset right after the "HAVE ADOPTED …:" line, searched before `limit`; null when absent. */
export function adoptedLine(text: string, limit: number): Line | null {
  for (const line of linesOf(text, { start: 0, end: limit })) {
    const t = line.text.trim();
    if (t.length <= 160 && ADOPTED.test(t) && t === t.toUpperCase()) return line;
  }
  return null;
}

/**
 * Kinds in the front matter [region): preamble lines (title, legal bases), recitals each as its own
 * region, footnotes. `hasStructure` says whether the document has article headings: without them
 * only a "Whereas:" line makes numbered paragraphs recitals.
 */
export function frontMatterRegions(text: string, region: Span): KindRegion[] {
  const lines = linesOf(text, region);
  const out: KindRegion[] = [];
  let cue = false;
  let recitalsFrom = -1;
  lines.forEach((l, i) => {
    const t = l.text.trim();
    if (VISA.test(t) || AUTHORITY.test(t) || ADOPTED.test(t)) cue = true;
    if (recitalsFrom < 0 && WHEREAS.test(t)) {
      cue = true;
      recitalsFrom = i + 1;
    }
  });
  const numbered = recitalRuns(lines, recitalsFrom);
  if (numbered.length > 0) cue = true;
  // Preamble: the whole front matter when it reads like one, otherwise its title-like lines only.
  if (cue) out.push({ start: region.start, end: region.end, kind: 'preamble', citation: '', citationKey: null });
  else {
    // Runs of title-like lines (the act's title, its date, "(Text with EEA relevance)").
    let open: KindRegion | null = null;
    for (const l of lines) {
      const t = l.text.trim();
      if (!t) continue;
      if (isTitleLike(t)) {
        if (open) open.end = l.end;
        else open = { start: l.start, end: l.end, kind: 'preamble', citation: '', citationKey: null };
      } else if (open) {
        out.push(open);
        open = null;
      }
    }
    if (open) out.push(open);
  }
  out.push(...numbered);
  // "Whereas" paragraphs of resolutions and agreements, unnumbered.
  if (numbered.length === 0) {
    for (const l of lines) {
      if (/^(?:WHEREAS|Whereas)\b,?\s+\S/u.test(l.text.trim())) out.push({ start: l.start, end: l.end, kind: 'recital', citation: 'Recital', citationKey: 'rec' });
    }
  }
  return out;
}

/**
 * Numbered recitals "(1) …", "(2) …" in sequence. After a "Whereas:" line one is enough;
 * elsewhere at least three in sequence, so a stray "(1)" is not taken for a recital.
 */
function recitalRuns(lines: readonly Line[], from: number): KindRegion[] {
  const starts: Array<{ line: number; n: number }> = [];
  let expect = 1;
  for (let i = Math.max(0, from); i < lines.length; i++) {
    const m = /^\s*\((\p{Nd}{1,3})\)(?:\s|$)/u.exec(lines[i]!.text);
    if (!m || isFootnoteLine(lines[i]!.text)) continue;
    const n = Number(asciiDigits(m[1]!));
    if (n === expect) {
      starts.push({ line: i, n });
      expect++;
    }
  }
  if (starts.length === 0 || (from < 0 && starts.length < 3)) return [];
  const out: KindRegion[] = [];
  starts.forEach((s, k) => {
    const start = lines[s.line]!.start;
    const nextLine = k + 1 < starts.length ? starts[k + 1]!.line : recitalEnd(lines, s.line);
    const end = nextLine < lines.length ? lines[nextLine]!.start : lines.at(-1)!.end;
    out.push({ start, end, kind: 'recital', citation: `Recital ${s.n}`, citationKey: `rec:${s.n}` });
  });
  return out;
}

/** The last recital runs until "HAVE ADOPTED …" or a blank line followed by an unnumbered paragraph. */
function recitalEnd(lines: readonly Line[], from: number): number {
  for (let i = from + 1; i < lines.length; i++) {
    const t = lines[i]!.text.trim();
    if (ADOPTED.test(t) || AUTHORITY.test(t)) return i;
  }
  return lines.length;
}

/** An act's title can run to a few hundred characters ("on the protection of natural persons …"). */
const MAX_TITLE_LINE = 400;

/** A short line not ending like a sentence: a title, a date line, "(Text with EEA relevance)". */
function isTitleLike(t: string): boolean {
  if (t.length <= 80 && /(?:^|\D)(?:1[89]|20)\d\d(?:\D|$)/u.test(t)) return true; // "of 27 April 2016", "od 27. travnja 2016."
  return (t.length <= MAX_TITLE_LINE && !/[.;:!?。；：]$/u.test(t.replace(/[)）]$/u, ''))) || /^[(（].*[)）]$/u.test(t);
}

export function isFootnoteLine(line: string): boolean {
  const t = line.trim();
  return t.length <= MAX_FOOTNOTE_LINE && FOOTNOTE_MARKER.test(t) && OJ_REF.test(t) && !/[;:]$/u.test(t);
}

/** Runs of footnote lines anywhere in [region); numbered lines without an OJ reference between two footnotes join the run. */
export function footnoteRegions(text: string, region: Span): KindRegion[] {
  const out: KindRegion[] = [];
  let open: KindRegion | null = null;
  let held: Line | null = null;
  for (const l of linesOf(text, region)) {
    const t = l.text.trim();
    if (isFootnoteLine(l.text)) {
      if (open) open.end = l.end;
      else open = { start: l.start, end: l.end, kind: 'footnote' };
      held = null;
    } else if (t) {
      // "(3) Position of the European Parliament of 10 November 2022": a footnote without an OJ
      // reference, kept when the next numbered line is a footnote again.
      if (open && !held && t.length <= MAX_FOOTNOTE_LINE && /^\(\s*\p{Nd}{1,3}\s*\)/u.test(t)) {
        held = l;
        continue;
      }
      if (open) out.push(open);
      open = null;
      held = null;
    }
  }
  if (open) out.push(open);
  return out;
}

/**
 * The signature block: from "Done at …" to the next heading (an annex) or the end, as long as the
 * lines stay short (place and date, "For the Council", "The President", a name).
 */
export function signatureRegions(text: string, from: number, stops: readonly number[]): KindRegion[] {
  const out: KindRegion[] = [];
  const lines = linesOf(text, { start: from, end: text.length });
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.text.trim();
    if (!SIGNATURE_START.test(t) || t.length > MAX_SIGNATURE_LINE) continue;
    // "Done at …" must be followed by signatories (or end the text) to be a signature.
    const next = lines.slice(i + 1).find((l) => l.text.trim());
    if (next && !SIGNATORY.test(next.text.trim()) && !stops.includes(next.start)) continue;
    let end = lines[i]!.end;
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j]!;
      if (stops.includes(l.start)) break;
      const lt = l.text.trim();
      if (lt.length > MAX_SIGNATURE_LINE) break;
      if (lt) end = l.end;
    }
    out.push({ start: lines[i]!.start, end, kind: 'signature', citation: '', citationKey: null });
    const after = lines.findIndex((l) => l.start >= end);
    if (after < 0) break;
    i = after - 1;
  }
  return out;
}

export function isTocTitle(line: string): boolean {
  return TOC_TITLE.test(line.trim());
}

export function isTocLine(line: string): boolean {
  return TOC_LINE.test(line);
}

/** Tables in plain text: at least three consecutive lines with two or more column gaps or pipes. */
export function tableRegions(text: string, region: Span): KindRegion[] {
  const out: KindRegion[] = [];
  let run: Line[] = [];
  const flush = (): void => {
    if (run.length >= 3) out.push({ start: run[0]!.start, end: run.at(-1)!.end, kind: 'table' });
    run = [];
  };
  for (const l of linesOf(text, region)) {
    const t = l.text.trim();
    const cells = t.split(/\t| {3,}|\s\|\s|^\||\|$/u).filter((c) => c.trim()).length;
    const isRule = /^\|?[\s:|-]{3,}\|?$/u.test(t) && t.includes('-');
    if ((cells >= 3 && !parseListMarker(t)) || (isRule && run.length > 0) || (/^\|.*\|$/u.test(t) && cells >= 2)) run.push(l);
    else flush();
  }
  flush();
  return out;
}
