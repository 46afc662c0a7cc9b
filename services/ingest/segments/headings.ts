import { HEADING_STYLES } from './heading-styles.ts';

/**
 * Structural headings of legal texts ("Article 5", "CHAPTER IV", "§ 5", "第五条", "المادة 5"),
 * recognised one line at a time. Recognition is deliberately strict about what follows the
 * number, because statutes cite themselves constantly: "Chapter V on the transfer of …" or
 * "Article 6(1) applies" at the start of a line are body text, not headings.
 */

export type HeadingKind = 'part' | 'chapter' | 'section' | 'subsection' | 'article' | 'annex';

/** Coarse rank, smaller is wider: a part holds chapters, a chapter holds sections and articles. */
export const HEADING_LEVEL: Readonly<Record<HeadingKind, number>> = {
  annex: 0,
  part: 1,
  chapter: 2,
  section: 3,
  subsection: 4,
  article: 4,
};

export interface Heading {
  kind: HeadingKind;
  level: number;
  /** Keyword and number as written, e.g. "Article 33", "CHAPTER IV", "第三十三条", "§ 5". */
  label: string;
  /** The title on the same line ("Notification"), if any. */
  title: string | null;
  /** The heading as context text: the line without markdown markers, or only the 第N条 token. */
  text: string;
  /** Where the heading text starts and ends within the line. */
  start: number;
  end: number;
  /**
   * Offset within the line where body text starts when the heading opens its own paragraph
   * ("第五条 处理个人信息应当…"); null when the whole line is the heading.
   */
  bodyStart: number | null;
}

const MAX_HEADING_LINE = 200;
const MAX_TITLE_WORDS = 20;
/** A "title" of this many words ending like a sentence is the clause's own text. */
const MIN_INLINE_BODY_WORDS = 5;
/** After "Art. 5." a full sentence this long is the article's first sentence, not its title. */
const MIN_DOTTED_BODY_WORDS = 3;
const SENTENCE_END = /[.;!?…:。；：]["'”’)]?$/u;

const escape = (w: string): string => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byLength = (a: string, b: string): number => b.length - a.length;

function collect(position: 'before' | 'after' | 'ordinalFirst'): Array<[HeadingKind, string[]]> {
  const out = new Map<HeadingKind, Set<string>>();
  for (const style of HEADING_STYLES) {
    for (const [kind, words] of Object.entries(style[position] ?? {}) as Array<[HeadingKind, readonly string[]]>) {
      const set = out.get(kind) ?? new Set<string>();
      for (const w of words) set.add(w);
      out.set(kind, set);
    }
  }
  // Article patterns first: "Art." must not be read as the start of "Articolo"'s section, and so on.
  const order: HeadingKind[] = ['article', 'section', 'subsection', 'chapter', 'part', 'annex'];
  return order.filter((k) => out.has(k)).map((k) => [k, [...out.get(k)!].sort(byLength)]);
}

/** Ordinal words of every language (and their Turkish capitals, which /i does not fold). */
const ORDINALS = [
  ...new Set(HEADING_STYLES.flatMap((s) => s.ordinals ?? []).flatMap((w) => [w, w.toLocaleUpperCase('tr')])),
].sort(byLength).map(escape);

/** Keyword-first headings ("Article 5", "Глава 2", "§ 5"), per kind. Longer spellings first. */
const KEYWORDS = collect('before');
/** Number-first headings ("1 artikla", "1. cikk", "I LUKU", "I. FEJEZET", "5 §", "1 kap."). */
const SUFFIX_KEYWORDS = collect('after');
/** Ordinal-word-first headings ("Erster Abschnitt", "BİRİNCİ BÖLÜM"). */
const ORDINAL_FIRST = collect('ordinalFirst');

// Numbers: ordinal words ("Article premier", "Artículo primero"), any Unicode decimal digit set
// ("१९", "١٩", "๑๙"), Roman numerals, Greek numerals with keraia ("Α΄").
const NUMBER = String.raw`(?:${ORDINALS.join('|')}|\p{Nd}+[a-z]?(?:[.\-]\p{Nd}+)*|[IVXLCDM]+|[Α-Ω]{1,3}[΄'ʹ’])`;
/** Annexes and appendices are also numbered by letters ("Appendix A", "Schedule B"). */
const ANNEX_NUMBER = String.raw`(?:${NUMBER.slice(3, -1)}|[A-Z])`;
const NUMBER_SUFFIX = String.raw`(?:\.?\s?(?:º|°|o(?![\p{L}])|bis|ter|quater|quinquies|[a-z](?=\s*$)))?\.?`;
const KEYWORD_PATTERNS = KEYWORDS.map(([kind, words]): [HeadingKind, RegExp] => [
  kind,
  new RegExp(String.raw`^(${words.join('|')})\s*(${kind === 'annex' ? ANNEX_NUMBER : NUMBER}${NUMBER_SUFFIX})(?=$|[\s:.\-–—|)])(.*)$`, 'iu'),
]);
const SUFFIX_PATTERNS = SUFFIX_KEYWORDS.map(([kind, words]): [HeadingKind, RegExp] => [
  kind,
  new RegExp(String.raw`^(${NUMBER}(?:\s?[a-z])?\.?\s*(?:${words.join('|')}))(?=$|[\s:.\-–—|])(.*)$`, 'iu'),
]);
const ORDINAL_FIRST_PATTERNS = ORDINAL_FIRST.map(([kind, words]): [HeadingKind, RegExp] => [
  kind,
  new RegExp(String.raw`^((?:${ORDINALS.join('|')})\s+(?:${words.join('|')}))(?=$|[\s:.\-–—|])(.*)$`, 'iu'),
]);
/** "ANNEX", "ANHANG", "Appendix" alone on a line: a single unnumbered annex. */
const ANNEX_WORDS = KEYWORDS.find(([k]) => k === 'annex')?.[1] ?? [];
const BARE_ANNEX = new RegExp(String.raw`^(${ANNEX_WORDS.join('|')})\s*(?:[:.\-–—]\s*(.*))?$`, 'iu');

/** A gazette's own masthead is page furniture, never the act's structure ("PART II — Section 1"). */
const GAZETTE =
  /gazette|official journal|journal officiel|amtsblatt|gazzetta ufficiale|bolet[ií]n oficial|di[áa]rio (?:oficial|da rep)|dziennik (?:urz|ustaw)|ΕΦΗΜΕΡΙ|Служебен вестник|राजपत्र|الجريدة الرسمية|官报|官報|PUBLISHED BY AUTHORITY/iu;
const SECTION_LABEL_TITLE = /^(?:Section|Sec\.|SEC\.|खण्ड|खंड)\s*\S+\]?$/u;

/** 第N条 / 第N章 …: Chinese and Japanese (CJK numerals or digits, 之/の sub-numbers). */
const CJK_HEADING =
  /^(第\s*[一二三四五六七八九十百千零〇两\p{Nd}]+\s*(条|條|章|节|節|编|編|款|部分|部|卷)(?:[之の][一二三四五六七八九十\p{Nd}]+)*)(.*)$/u;
const CJK_KIND: Readonly<Record<string, HeadingKind>> = {
  条: 'article', 條: 'article', 章: 'chapter', 节: 'section', 節: 'section', 款: 'subsection',
  编: 'part', 編: 'part', 部分: 'part', 部: 'part', 卷: 'part',
};
/** Korean statutes: 제5조(목적) 이 법은… */
const KOREAN_HEADING = /^(제\s*\d+\s*(조|장|절|편|관)(?:의\s*\d+)?)(\s*\([^)]{1,40}\))?(.*)$/u;
const KOREAN_KIND: Readonly<Record<string, HeadingKind>> = { 조: 'article', 장: 'chapter', 절: 'section', 편: 'part', 관: 'subsection' };

/** Arabic: المادة 5، المادة (5)، المادة الأولى، الفصل الثاني، الباب الأول. */
const ARABIC_HEADING = /^(المادة|مادة|الفصل|الباب|الفرع|القسم|الملحق|ملحق)\s*(.*)$/u;
const ARABIC_KIND: Readonly<Record<string, HeadingKind>> = {
  المادة: 'article', مادة: 'article', الفصل: 'chapter', الباب: 'part', الفرع: 'section', القسم: 'section', الملحق: 'annex', ملحق: 'annex',
};

const ARABIC_ORDINAL = new RegExp(
  '^و?(?:ال)?(?:أول|اول|ثاني|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع|عاشر|حادي|عشر|عشرون|عشرين|ثلاثون|ثلاثين|' +
    'أربعون|أربعين|خمسون|خمسين|ستون|ستين|سبعون|سبعين|ثمانون|ثمانين|تسعون|تسعين|مائة|مئة|بعد)(?:ة|ى|ه)?$',
  'u',
);
const MAX_ARABIC_TITLE_WORDS = 10;

const ROMAN = /^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;
const MARKUP_PREFIX = /^(?:#{1,6}|={1,6}|\*{1,2}|_{1,2})[ \t]*/;
const MARKUP_SUFFIX = /[ \t]*(?:#{1,6}|={1,6}|\*{1,2}|_{1,2})$/;
const TITLE_SEPARATOR = /^\s*[:.\-–—|]\s*/;

/** Recognise a heading line, or return null for body text. */
export function parseHeading(line: string): Heading | null {
  const lead = line.length - line.trimStart().length;
  let core = line.trim();
  if (!core) return null;
  const prefix = MARKUP_PREFIX.exec(core)?.[0].length ?? 0;
  core = core.slice(prefix).replace(MARKUP_SUFFIX, '');
  const offset = lead + prefix;
  if (core.length <= MAX_HEADING_LINE && GAZETTE.test(core)) return null;

  // CJK article headings open their paragraph, so the line may be long.
  const h =
    parseCjk(core, offset) ??
    parseCjkAnnex(core, offset) ??
    parseKorean(core, offset) ??
    (core.length > MAX_HEADING_LINE ? null : parseArabic(core, offset)) ??
    parseKeyword(core, offset, KEYWORD_PATTERNS, true) ??
    parseKeyword(core, offset, SUFFIX_PATTERNS, false) ??
    parseKeyword(core, offset, ORDINAL_FIRST_PATTERNS, false) ??
    parseBareAnnex(core, offset);
  // "PART II — Section 1": the gazette's part, not the act's.
  if (h?.kind === 'part' && h.title && SECTION_LABEL_TITLE.test(h.title)) return null;
  return h;
}

function parseBareAnnex(core: string, offset: number): Heading | null {
  const m = BARE_ANNEX.exec(core);
  if (!m) return null;
  const keyword = m[1] ?? '';
  // Alone, only in capitals ("ANNEX"): a wrapped line can end with the word "Annex".
  if (keyword !== keyword.toUpperCase() && !m[2]) return null;
  if (!/^\p{Lu}/u.test(keyword)) return null;
  const title = m[2]?.trim() || null;
  if (title && (title.split(/\s+/).length > MAX_TITLE_WORDS || SENTENCE_END.test(title))) return null;
  return make('annex', keyword, title, core, offset, null);
}

/** 附件1 / 附件一 / 別表第一（第二条関係）: Chinese and Japanese annexes. */
const CJK_ANNEX = /^((?:附件|附表|附录|附錄|別表|别表)\s*(?:第?\s*[一二三四五六七八九十百\p{Nd}]+)?)\s*(?:[（(][^（）()]{1,40}[）)])?\s*(.{0,40})$/u;

/** 附則 / 附则: supplementary provisions, whose articles restart at 第一条. */
const SUPPLEMENTARY = /^(附[\s\u3000]*[則则])[\s\u3000]*(?:[（(][^（）()]{1,60}[）)])?[\s\u3000]*(?:抄)?$/u;

function parseCjkAnnex(core: string, offset: number): Heading | null {
  const supplementary = SUPPLEMENTARY.exec(core);
  if (supplementary) return make('part', (supplementary[1] ?? '').replace(/[\s\u3000]/gu, ''), null, core, offset, null); // "附\u3000則" spaced for layout
  const m = CJK_ANNEX.exec(core);
  if (!m) return null;
  const title = (m[2] ?? '').trim();
  if (SENTENCE_END.test(title)) return null;
  return make('annex', m[1] ?? '', title || null, core, offset, null);
}

function make(kind: HeadingKind, label: string, title: string | null, text: string, start: number, bodyStart: number | null): Heading {
  return { kind, level: HEADING_LEVEL[kind], label: squash(label), title, text, start, end: start + text.length, bodyStart };
}

function parseKeyword(core: string, offset: number, patterns: ReadonlyArray<[HeadingKind, RegExp]>, keywordFirst: boolean): Heading | null {
  for (const [kind, re] of patterns) {
    const m = re.exec(core);
    if (!m) continue;
    const rest = m[m.length - 1] ?? '';
    const after = afterNumber(rest);
    if (!after) return null;
    const label = (keywordFirst ? `${m[1]} ${(m[2] ?? '').trim()}` : (m[1] ?? '')).replace(/[.:]$/, '');
    if (!plausibleNumber(label)) return null;
    if (after.body === null) {
      return core.length > MAX_HEADING_LINE ? null : make(kind, label, after.title, core, offset, null);
    }
    // "Anhang I Abschnitt A erhält folgende Fassung:" amends an annex; an annex heading never
    // runs on into a sentence.
    if (kind === 'annex') return null;
    const restStart = core.length - rest.length;
    const text = core.slice(0, restStart + after.body).replace(/[\s:.\-–—|]+$/u, '');
    return make(kind, label, null, text, offset, offset + restStart + after.body);
  }
  return null;
}

/**
 * What follows "Article 5" on a heading line: nothing, a title ("– Notification", or a
 * capitalised "Principles relating to …"), or, in contracts, the clause itself ("Section 2.1
 * The Supplier shall perform the Services."), which is then body text on the heading's line.
 * Null when the rest reads as running text that merely starts with a citation.
 */
function afterNumber(rest: string): { title: string | null; body: number | null } | null {
  if (!rest.trim()) return { title: null, body: null };
  const sep = TITLE_SEPARATOR.exec(rest);
  const from = sep ? sep[0].length : rest.length - rest.trimStart().length;
  const title = rest.slice(from).trim();
  if (!title) return { title: null, body: null };
  if (!sep && !/^[\p{Lu}\p{Lo}([«"“]/u.test(title)) return null;
  const words = title.split(/\s+/).length;
  if (words >= MIN_INLINE_BODY_WORDS && (SENTENCE_END.test(title) || words > MAX_TITLE_WORDS)) return { title: null, body: from };
  // "Art. 5. Der Verantwortliche meldet dies." / "Art. 1º Esta Lei dispõe …": the article's first
  // sentence written on the heading line; titles do not end like a sentence.
  if (words >= MIN_DOTTED_BODY_WORDS && SENTENCE_END.test(title) && /\p{Ll}/u.test(title)) return { title: null, body: from };
  return { title, body: null };
}

/** Roman numerals must be uppercase and well-formed, so "Art di …" is not Article 501. */
function plausibleNumber(label: string): boolean {
  const roman = /(?:^|\s)([IVXLCDMivxlcdm]+)\.?$|^([IVXLCDMivxlcdm]+)\.?\s/u.exec(label);
  const numeral = roman?.[1] ?? roman?.[2];
  if (!numeral) return true;
  return numeral === numeral.toUpperCase() && ROMAN.test(numeral);
}

function parseCjk(core: string, offset: number): Heading | null {
  const m = CJK_HEADING.exec(core);
  if (!m) return null;
  const token = m[1] ?? '';
  const kind = CJK_KIND[m[2] ?? ''] ?? 'article';
  const rest = m[3] ?? '';
  if (!rest.trim()) return make(kind, token, null, token, offset, null);
  // "第五条规定的…" is a cross-reference; a heading is followed by a space or a separator.
  const sep = /^[\s\u3000]*[:：、.．]?[\s\u3000]*/u.exec(rest)?.[0] ?? '';
  if (!sep) return null;
  if (kind === 'article') {
    const caption = /^[（(][^（）()]{1,40}[）)]/u.exec(rest.slice(sep.length))?.[0] ?? '';
    const body = token.length + sep.length;
    return make(kind, token, caption ? caption.slice(1, -1) : null, token, offset, offset + body);
  }
  return make(kind, token, rest.trim(), core, offset, null);
}

function parseKorean(core: string, offset: number): Heading | null {
  const m = KOREAN_HEADING.exec(core);
  if (!m) return null;
  const token = (m[1] ?? '') + (m[3] ?? '');
  const kind = KOREAN_KIND[m[2] ?? ''] ?? 'article';
  const rest = m[4] ?? '';
  const caption = m[3]?.trim().slice(1, -1) ?? null;
  if (!rest.trim()) return make(kind, m[1] ?? '', caption, core, offset, null);
  if (!/^\s/u.test(rest)) return null;
  if (kind !== 'article') return make(kind, m[1] ?? '', rest.trim(), core, offset, null);
  const body = token.length + (rest.length - rest.trimStart().length);
  return make(kind, m[1] ?? '', caption, token, offset, offset + body);
}

function parseArabic(core: string, offset: number): Heading | null {
  const m = ARABIC_HEADING.exec(core);
  if (!m) return null;
  const keyword = m[1] ?? '';
  const rest = (m[2] ?? '').trim();
  const kind = ARABIC_KIND[keyword] ?? 'article';
  const numbered = /^((?:رقم\s*)?\(?\s*\p{Nd}+\s*\)?)\s*(?:[:：\-–—.]\s*(.*))?$/u.exec(rest);
  if (!numbered && kind === 'annex' && !rest) return make(kind, keyword, null, core, offset, null);
  if (numbered) {
    return make(kind, `${keyword} ${squash(numbered[1] ?? '')}`, numbered[2]?.trim() || null, core, offset, null);
  }
  // Ordinal words, optionally followed by a title: "المادة الحادية عشرة", "الفصل الأول التعريفات".
  const words = rest.split(/\s+/).filter(Boolean);
  let n = 0;
  while (n < words.length && ARABIC_ORDINAL.test((words[n] ?? '').replace(/[:：]$/, ''))) n++;
  if (n === 0) return null;
  const title = words.slice(n).join(' ').replace(/^[:：\-–—]\s*/, '');
  if (title.split(/\s+/).length > MAX_ARABIC_TITLE_WORDS || /[.،؛:]/.test(title)) return null;
  const label = `${keyword} ${words.slice(0, n).join(' ').replace(/[:：]$/, '')}`;
  return make(kind, label, title || null, core, offset, null);
}

function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
