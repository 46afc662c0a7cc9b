/**
 * Citation path → machine key. The segmenter (and the markup readers) cite in the document's own
 * words: "CHAPTER IV > Section 2 > Article 33", "Art. 16(1)(b)", "第三十条の二第2項",
 * "المادة الأولى", "Annex III point 4(a)", "§ 5 Abs. 2". Comparing citations across languages and
 * formats needs one form: "chap:4/sec:2/art:33", "art:16/par:1/pt:b", "art:30-2/par:2", "art:1",
 * "annex:3/pt:4/pt:a", "art:5/par:2".
 *
 * Contract:
 *  - Components are `type:value` joined by "/", widest first, in the order written.
 *  - Types: part, title, book, chap, sec, subsec, art, par, subpar, pt, indent, sent, annex, rec,
 *    suppl (supplementary provisions, 附則).
 *  - Numbers become arabic digits: Roman numerals, CJK numerals, ordinal words ("premier",
 *    "primero", "الأولى", "первая", "first") and every Unicode decimal digit set ("१९", "١٩", "๑๙").
 *  - Sub-numbers: 之一/の二/의2 → "-1"/"-2"; bis/ter/quater… → "-bis"/"-ter"; "5a" stays "5a";
 *    "5.1" stays "5.1".
 *  - Bracketed numbers after a component: after an article the first numeric one is a paragraph,
 *    a letter (or anything after a paragraph/point/annex) is a point; letters are lowercased,
 *    lowercase roman points ("(iv)") are kept as written because "(i)" may be a letter.
 *  - Null when nothing structural is recognised (an empty citation, free text).
 */

export type CitationComponentType =
  | 'part' | 'title' | 'book' | 'chap' | 'sec' | 'subsec' | 'art' | 'par' | 'subpar' | 'pt' | 'indent' | 'sent' | 'annex' | 'rec' | 'suppl';

export interface CitationComponent {
  type: CitationComponentType;
  value: string;
}

/** Keywords per component type, matched case- and accent-insensitively (see `fold`). */
const KEYWORDS: ReadonlyArray<[CitationComponentType, readonly string[]]> = [
  ['art', [
    'article', 'articles', 'art', 'arts', 'artikel', 'artikelen', 'artikkel', 'artikla', 'artiklan', 'artikolu', 'articolul', 'articolo',
    'articulo', 'artigo', 'artykul', 'airteagal', 'clanek', 'clanok', 'clanak', 'clen', 'clause', 'член', 'статья', 'ст', 'стаття',
    'αρθρο', 'madde', 'pasal', 'dieu', 'ধারা', 'অনুচ্ছেদ', 'cikk', 'straipsnis', 'pants', '§', '§§', 'अनुच्छेद', 'धारा', 'नियम', 'rule',
    'المادة', 'مادة', 'ماده', 'มาตรา', 'paragraf',
  ]],
  ['par', [
    'paragraph', 'paragraphs', 'para', 'paras', 'par', 'paragraphe', 'absatz', 'abs', 'apartado', 'comma', 'paragrafo', 'lid', 'leden',
    'ustep', 'ust', 'odstavec', 'odst', 'odsek', 'ods', 'stavak', 'kohta', 'bekezdes', 'dalis', 'punkts', 'loige', 'paragrafu',
    'alineat', 'часть', 'ч', 'παραγραφος', 'παρ', 'ayat', 'khoan', 'fikra', 'fikrasi', 'उपधारा', 'الفقرة', 'فقرة', 'วรรค', 'stk', 'mom',
  ]],
  ['subpar', ['subparagraph', 'subparagraphs', 'unterabsatz', 'uabs', 'alinea']],
  ['pt', [
    'point', 'points', 'pt', 'item', 'items', 'letter', 'lit', 'litera', 'buchstabe', 'buchst', 'nummer', 'nr', 'punkt', 'pkt',
    'punto', 'letra', 'lettera', 'alinea', 'pismeno', 'pism', 'tocka', 'tocke', 'bod', 'alakohta', 'pont', 'punktas', 'apakspunkts',
    'пункт', 'п', 'подпункт', 'пп', 'στοιχειο', 'στοιχ', 'huruf', 'angka', 'diem', 'bent', 'bendi', 'खंड', 'البند', 'بند', 'subitem', 'sub',
  ]],
  ['indent', ['indent', 'tiret', 'gedankenstrich', 'trattino', 'guion', 'streepje', 'tiret']],
  ['sent', ['sentence', 'satz', 'phrase', 'zin', 'frase', 'zdanie', 'věta', 'veta']],
  ['chap', [
    'chapter', 'chap', 'chapitre', 'kapitel', 'capitolul', 'capitolo', 'capo', 'capitulo', 'kapitola', 'kapitolu', 'rozdzial', 'poglavje',
    'poglavlje', 'глава', 'гл', 'κεφαλαιο', 'hoofdstuk', 'caibidil', 'अध्याय', 'luku', 'fejezet', 'skyrius', 'nodala', 'peatukk', 'chuong',
    'bab', 'bolum', 'الفصل', 'فصل', 'หมวด', 'kapittel', 'kap', 'অধ্যায়',
  ]],
  ['sec', [
    'section', 'sections', 'sec', 'abschnitt', 'sezione', 'seccion', 'seccao', 'secao', 'sectiunea', 'sekcja', 'oddil', 'oddiel', 'oddelek',
    'odjeljak', 'oddzial', 'afdeling', 'avsnitt', 'раздел', 'τμημα', 'roinn', 'taqsima', 'jakso', 'szakasz', 'skirsnis', 'iedala', 'jagu',
    'muc', 'bagian', 'الفرع', 'فرع', 'القسم', 'قسم', 'ส่วน', 'afsnit',
  ]],
  ['subsec', ['subsection', 'unterabschnitt', 'sottosezione', 'subseccion', 'paragrafo']],
  ['part', ['part', 'cuid', 'partie', 'parte', 'teil', 'osa', 'resz', 'dalis', 'dala', 'deel', 'czesc', 'cast', 'del', 'часть', 'μερος', 'kisim', 'भाग', 'الباب', 'باب', 'phan', 'bahagian']],
  ['title', ['title', 'titre', 'titel', 'titolo', 'titulo', 'tytul', 'hlava', 'naslov', 'titlu', 'τιτλος', 'teideal', 'osasto', 'cim', 'antraste', 'sadala', 'jaotis']],
  ['book', ['book', 'livre', 'buch', 'libro', 'livro', 'ksiega', 'книга', 'βιβλιο']],
  ['annex', [
    'annex', 'annexes', 'annexe', 'anhang', 'anlage', 'allegato', 'anexo', 'anexa', 'bijlage', 'zalacznik', 'приложение',
    'priloha', 'priloga', 'prilog', 'liite', 'melleklet', 'priedas', 'pielikums', 'lisa', 'bilaga', 'bilag', 'παραρτημα', 'iarscribhinn',
    'anness', 'schedule', 'appendix', 'attachment', 'lampiran', 'ek', 'अनुसूची', 'الملحق', 'ملحق', 'ภาคผนวก', 'phu luc', 'додаток',
  ]],
  ['rec', ['recital', 'recitals', 'considerant', 'erwagungsgrund', 'considerando', 'overweging', 'motyw', 'bod odůvodnění', 'съображение']],
  ['suppl', ['supplementary provisions']],
];

/** Latin-script words are folded (lowercase, no diacritics, no trailing dot) before lookup. */
function fold(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/ł/g, 'l')
    .replace(/ı/g, 'i')
    .replace(/đ/g, 'd')
    .replace(/\.+$/, '');
}

const KEYWORD_MAP = new Map<string, CitationComponentType>();
for (const [type, words] of KEYWORDS) {
  for (const w of words) {
    const k = fold(w);
    // First listing wins: "comma" is an Italian paragraph before it is anything else.
    if (!KEYWORD_MAP.has(k)) KEYWORD_MAP.set(k, type);
  }
}

/** Ordinal and cardinal words that can stand for a number after (or before) a keyword. */
const WORD_NUMBERS: Readonly<Record<string, number>> = {
  // English
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18,
  nineteenth: 19, twentieth: 20, thirtieth: 30, fortieth: 40, fiftieth: 50, twenty: 20, thirty: 30, forty: 40, fifty: 50,
  sixty: 60, seventy: 70, eighty: 80, ninety: 90, sole: 1, single: 1,
  // French
  premier: 1, premiere: 1, '1er': 1, '1re': 1, deuxieme: 2, troisieme: 3, quatrieme: 4, cinquieme: 5, sixieme: 6,
  septieme: 7, huitieme: 8, neuvieme: 9, dixieme: 10, unique: 1,
  // Spanish, Portuguese, Italian
  primero: 1, primera: 1, segundo: 2, segunda: 2, tercero: 3, tercera: 3, cuarto: 4, cuarta: 4, quinto: 5, quinta: 5,
  sexto: 6, sexta: 6, septimo: 7, septima: 7, octavo: 8, octava: 8, noveno: 9, novena: 9, decimo: 10, decima: 10, unico: 1,
  primeiro: 1, primeira: 1, terceiro: 3, terceira: 3, setimo: 7, setima: 7, oitavo: 8, oitava: 8, nono: 9, nona: 9,
  primo: 1, secondo: 2, seconda: 2, terzo: 3, terza: 3, quarto_it: 4, sesto: 6, sesta: 6, settimo: 7, settima: 7, ottavo: 8, ottava: 8,
  // German, Dutch
  erster: 1, erste: 1, erstes: 1, zweiter: 2, zweite: 2, dritter: 3, dritte: 3, vierter: 4, vierte: 4, funfter: 5, funfte: 5,
  eerste: 1, tweede: 2, derde: 3, vierde: 4, vijfde: 5,
  // Turkish, Indonesian
  birinci: 1, ikinci: 2, ucuncu: 3, dorduncu: 4, besinci: 5, altinci: 6, yedinci: 7, sekizinci: 8, dokuzuncu: 9, onuncu: 10,
  kesatu: 1, pertama: 1, kedua: 2, ketiga: 3, keempat: 4, kelima: 5,
  // Russian / Ukrainian / Bulgarian (feminine, masculine, neuter forms)
  первая: 1, первый: 1, первое: 1, вторая: 2, второй: 2, второе: 2, третья: 3, третий: 3, третье: 3, четвертая: 4, четвертый: 4,
  пятая: 5, пятый: 5, шестая: 6, шестой: 6, седьмая: 7, седьмой: 7, восьмая: 8, восьмой: 8, девятая: 9, девятый: 9, десятая: 10, десятый: 10,
  перша: 1, перший: 1, друга: 2, другий: 2, първа: 1, първи: 1, втора: 2, втори: 2,
};

/** Arabic ordinals, after stripping و/ال and the feminine ending; summed ("الحادية عشرة" = 11). */
const ARABIC_NUMBER_WORDS: Readonly<Record<string, number>> = {
  أول: 1, اول: 1, أولى: 1, اولى: 1, واحد: 1, حادي: 1, ثاني: 2, ثان: 2, ثالث: 3, رابع: 4, خامس: 5, سادس: 6, سابع: 7, ثامن: 8, تاسع: 9,
  عاشر: 10, عشر: 10, عشرون: 20, عشرين: 20, ثلاثون: 30, ثلاثين: 30, أربعون: 40, أربعين: 40, اربعون: 40, اربعين: 40, خمسون: 50, خمسين: 50,
  ستون: 60, ستين: 60, سبعون: 70, سبعين: 70, ثمانون: 80, ثمانين: 80, تسعون: 90, تسعين: 90, مائة: 100, مئة: 100, مائتان: 200, بعد: 0,
};

const FILLERS = new Set(['رقم', 'no', 'n', 'numero', 'number', 'num', 'nº']);
const SUFFIX_WORDS = new Set(['bis', 'ter', 'quater', 'quinquies', 'sexies', 'septies', 'octies', 'novies', 'nonies', 'decies']);
const ROMAN_UPPER = /^(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;
const ROMAN_VALUE: Readonly<Record<string, number>> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };
const CJK_DIGITS: Readonly<Record<string, number>> = {
  〇: 0, 零: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 貳: 2, 两: 2, 兩: 2, 三: 3, 叁: 3, 參: 3, 四: 4, 肆: 4, 五: 5, 伍: 5, 六: 6, 陆: 6, 陸: 6,
  七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const CJK_UNITS: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000, 万: 10000, 萬: 10000 };
const CJK_NUM = '[〇零一壹二贰貳两兩三叁參四肆五伍六陆陸七柒八捌九玖十拾百佰千仟万萬\\p{Nd}]+';

/** Value of one Unicode decimal digit (\p{Nd}): digits come in contiguous runs from zero. */
export function decimalDigitValue(ch: string): number | null {
  if (!/^\p{Nd}$/u.test(ch)) return null;
  let cp = ch.codePointAt(0)!;
  let k = 0;
  while (/^\p{Nd}$/u.test(String.fromCodePoint(cp - 1))) {
    cp--;
    k++;
  }
  return k % 10;
}

/** "१९" → "19", "١٩" → "19", "１９" → "19"; other characters are kept. */
export function asciiDigits(s: string): string {
  return s.replace(/\p{Nd}/gu, (d) => (/[0-9]/.test(d) ? d : String(decimalDigitValue(d) ?? d)));
}

export function romanToNumber(s: string): number | null {
  if (!ROMAN_UPPER.test(s)) return null;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN_VALUE[s[i]!]!;
    const next = ROMAN_VALUE[s[i + 1] ?? ''] ?? 0;
    n += v < next ? -v : v;
  }
  return n;
}

/** "三十" → 30, "百二" → 102, "二〇二四" → 2024, "１２" → 12. */
export function cjkToNumber(s: string): number | null {
  const t = asciiDigits(s);
  if (/^\d+$/.test(t)) return Number(t);
  if (![...t].every((c) => c in CJK_DIGITS || c in CJK_UNITS)) return null;
  if (![...t].some((c) => c in CJK_UNITS)) return Number([...t].map((c) => CJK_DIGITS[c]).join(''));
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const c of t) {
    if (c in CJK_DIGITS) digit = CJK_DIGITS[c]!;
    else {
      const unit = CJK_UNITS[c]!;
      if (unit === 10000) {
        total += (section + digit) * unit;
        section = 0;
      } else section += (digit || 1) * unit;
      digit = 0;
    }
  }
  return total + section + digit;
}

const GREEK_NUMERALS: Readonly<Record<string, number>> = {
  Α: 1, Β: 2, Γ: 3, Δ: 4, Ε: 5, Ϛ: 6, Ζ: 7, Η: 8, Θ: 9, Ι: 10, Κ: 20, Λ: 30, Μ: 40, Ν: 50, Ξ: 60, Ο: 70, Π: 80, Ϙ: 90, Ρ: 100,
};

/** "ΙΒ" → 12, "ΣΤ" → 6 (written for Ϛ). */
export function greekToNumber(s: string): number | null {
  const t = s.replace(/ΣΤ/gu, 'Ϛ');
  let n = 0;
  for (const c of t) {
    const v = GREEK_NUMERALS[c];
    if (v === undefined) return null;
    n += v;
  }
  return n > 0 ? n : null;
}

function arabicWordValue(word: string): number | null {
  let w = word.replace(/[:：،.]$/u, '');
  if (w.startsWith('و') && w.length > 3 && !(w in ARABIC_NUMBER_WORDS)) w = w.slice(1);
  if (w.startsWith('ال')) w = w.slice(2);
  for (const cand of [w, w.replace(/[ةهى]$/u, ''), w.replace(/ة$/u, '')]) {
    const v = ARABIC_NUMBER_WORDS[cand];
    if (v !== undefined) return v;
  }
  return null;
}

/** A word that stands for a number: ordinals, Roman numerals (uppercase), digits in any script. */
export function wordToNumber(word: string): number | null {
  const ascii = asciiDigits(word);
  const digits = /^(\d+)(?:er|re|e|º|°|o|ª|st|nd|rd|th)?\.?$/u.exec(ascii);
  if (digits) return Number(digits[1]);
  const roman = romanToNumber(word.replace(/\.$/, ''));
  if (roman !== null) return roman;
  const folded = fold(word);
  if (folded in WORD_NUMBERS) return WORD_NUMBERS[folded]!;
  if (/[\u0600-\u06FF]/u.test(word)) return arabicWordValue(word);
  return null;
}

interface Token {
  kind: 'word' | 'number' | 'paren' | 'cjk' | 'sub';
  text: string;
  /** For 'cjk' tokens: the component it stands for. */
  component?: CitationComponent;
}

const CJK_KIND: Readonly<Record<string, CitationComponentType>> = {
  条: 'art', 條: 'art', 項: 'par', 款: 'par', 项: 'pt', 号: 'pt', 號: 'pt', 目: 'pt', 章: 'chap', 节: 'sec', 節: 'sec', 编: 'part',
  編: 'part', 部分: 'part', 部: 'part', 篇: 'part', 卷: 'book', 段: 'sent',
};
const CJK_TOKEN = new RegExp(
  `^第\\s*(${CJK_NUM})\\s*(部分|条|條|項|款|项|号|號|目|章|节|節|编|編|部|篇|卷|段)((?:\\s*[之の]\\s*${CJK_NUM})*)`,
  'u',
);
const CJK_ANNEX = new RegExp(`^(附件|附表|附录|附錄|別表|别表|附則|附则)\\s*(?:第\\s*)?(${CJK_NUM})?`, 'u');
const KOREAN_TOKEN = /^제\s*(\d+)\s*(조|항|호|목|장|절|편|관)((?:\s*의\s*\d+)*)/u;
const KOREAN_KIND: Readonly<Record<string, CitationComponentType>> = {
  조: 'art', 항: 'par', 호: 'pt', 목: 'pt', 장: 'chap', 절: 'sec', 편: 'part', 관: 'subsec',
};

function subNumbers(raw: string, sep: RegExp): string {
  return raw
    .split(sep)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `-${cjkToNumber(p) ?? asciiDigits(p)}`)
    .join('');
}

function tokenize(input: string): Token[] {
  const s = input.normalize('NFC');
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const rest = s.slice(i);
    const cjk = CJK_TOKEN.exec(rest);
    if (cjk) {
      const kindChar = cjk[2]!;
      let type = CJK_KIND[kindChar] ?? 'art';
      // Taiwanese law nests 條 > 項 > 款: a 款 after a 項 is a point.
      if (kindChar === '款' && out.at(-1)?.component?.type === 'par') type = 'pt';
      const value = `${cjkToNumber(cjk[1]!) ?? asciiDigits(cjk[1]!)}${subNumbers(cjk[3] ?? '', /[之の]/u)}`;
      out.push({ kind: 'cjk', text: cjk[0], component: { type, value } });
      i += cjk[0].length;
      continue;
    }
    const annex = CJK_ANNEX.exec(rest);
    if (annex) {
      const type: CitationComponentType = /附則|附则/u.test(annex[1]!) ? 'suppl' : 'annex';
      const value = annex[2] ? String(cjkToNumber(annex[2]) ?? asciiDigits(annex[2])) : '';
      out.push({ kind: 'cjk', text: annex[0], component: { type, value } });
      i += annex[0].length;
      continue;
    }
    const ko = KOREAN_TOKEN.exec(rest);
    if (ko) {
      const value = `${ko[1]!}${subNumbers(ko[3] ?? '', /의/u)}`;
      out.push({ kind: 'cjk', text: ko[0], component: { type: KOREAN_KIND[ko[2]!] ?? 'art', value } });
      i += ko[0].length;
      continue;
    }
    // Greek numerals with keraia: "Α΄" (1), "ΙΒ΄" (12).
    const greek = /^([Α-ΩϚϘ]{1,3})[΄'ʹ’]/u.exec(rest);
    if (greek && greekToNumber(greek[1]!) !== null) {
      out.push({ kind: 'number', text: String(greekToNumber(greek[1]!)) });
      i += greek[0].length;
      continue;
    }
    const paren = /^[(（]\s*([^()（）\s]{1,10})\s*[)）]/u.exec(rest);
    if (paren) {
      out.push({ kind: 'paren', text: paren[1]! });
      i += paren[0].length;
      continue;
    }
    // "1)" / "a)" list-style markers ("b) pont").
    const closing = /^([\p{Nd}]{1,4}|\p{Ll})\)/u.exec(rest);
    if (closing) {
      out.push({ kind: 'paren', text: closing[1]! });
      i += closing[0].length;
      continue;
    }
    const num = /^\p{Nd}+(?:[.\-‑]\p{Nd}+)*(?:[a-z](?![\p{L}]))?(?:er|re|º|°|ª|st|nd|rd|th)?\.?/u.exec(rest);
    if (num) {
      out.push({ kind: 'number', text: num[0] });
      i += num[0].length;
      continue;
    }
    const word = /^(?:§§?|[\p{L}\p{M}]+(?:\.(?=[\s\p{Nd}(]|$))?)/u.exec(rest);
    if (word) {
      out.push({ kind: 'word', text: word[0] });
      i += word[0].length;
      continue;
    }
    i += rest.codePointAt(0)! > 0xffff ? 2 : 1;
  }
  return out;
}

/** The number a number token stands for, as the key writes it ("5", "5a", "5.1", "30-2"). */
function numberValue(text: string): string {
  const t = asciiDigits(text).replace(/\.$/, '').replace(/(?:er|re|º|°|ª|st|nd|rd|th)$/u, '').replace(/‑/g, '-');
  return t.replace(/^0+(?=\d)/, '');
}

/** The component a keyword stands for, trying the two-word spellings ("phu luc") first. */
function keywordAt(tokens: readonly Token[], i: number): { type: CitationComponentType; length: number } | null {
  const t = tokens[i];
  if (!t || t.kind !== 'word') return null;
  const next = tokens[i + 1];
  if (next?.kind === 'word') {
    const pair = KEYWORD_MAP.get(fold(`${t.text} ${next.text}`));
    if (pair) return { type: pair, length: 2 };
  }
  const one = KEYWORD_MAP.get(fold(t.text));
  return one ? { type: one, length: 1 } : null;
}

/** Types whose keyword follows an ordinal ("first subparagraph", "second indent"). */
const SUFFIX_ONLY = new Set<CitationComponentType>(['subpar', 'indent', 'sent']);
/** Keywords written after their number ("16. cikk", "5 artikla", "I. FEJEZET", "5. člen", "5 §"). */
const NUMBER_FIRST = new Set(
  [
    'cikk', 'bekezdes', 'pont', 'fejezet', 'szakasz', 'resz', 'artikla', 'kohta', 'luku', 'jakso', 'osa', 'straipsnis', 'dalis', 'punktas',
    'skyrius', 'skirsnis', 'pants', 'dala', 'punkts', 'nodala', 'iedala', 'peatukk', 'jagu', 'clen', 'odstavek', 'tocka', 'poglavje',
    'oddelek', '§', 'kap', 'stk', 'lid', 'alinea',
  ].map(fold),
);

/** Parse a citation path into components; empty when nothing structural was recognised. */
export function citationComponents(path: string): CitationComponent[] {
  const tokens = tokenize(path);
  const out: CitationComponent[] = [];
  let pendingNumber: string | null = null;
  let i = 0;

  const push = (c: CitationComponent): void => {
    out.push(c);
    pendingNumber = null;
  };

  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t.kind === 'cjk') {
      push(t.component!);
      i++;
      continue;
    }
    if (t.kind === 'paren') {
      const last = out.at(-1);
      if (last) push({ type: parenType(last.type, t.text), value: parenValue(t.text) });
      i++;
      continue;
    }
    const kw = keywordAt(tokens, i);
    if (kw) {
      // "Cuid 2 > Airteagal 55": a number right after the keyword is its own; only a keyword
      // without one takes the number before it ("16. cikk", "5 artikla", "first subparagraph").
      const numberFirst = pendingNumber !== null && (SUFFIX_ONLY.has(kw.type) || NUMBER_FIRST.has(fold(tokens[i]!.text)));
      const read = numberFirst ? null : readNumber(tokens, i + kw.length);
      if (read) {
        push({ type: kw.type, value: read.value });
        i = read.next;
        continue;
      }
      if (pendingNumber !== null) {
        push({ type: kw.type, value: pendingNumber });
        i += kw.length;
        continue;
      }
      // A single unnumbered annex ("ANNEX", "ANHANG") or the supplementary provisions.
      if ((kw.type === 'annex' || kw.type === 'suppl') && !readNumber(tokens, i + kw.length)) push({ type: kw.type, value: '' });
      i += kw.length;
      continue;
    }
    if (t.kind === 'number' || wordToNumber(t.text) !== null) {
      pendingNumber = t.kind === 'number' ? numberValue(t.text) : String(wordToNumber(t.text));
      i++;
      continue;
    }
    pendingNumber = null;
    i++;
  }
  return out;
}

/** The number after a keyword, with sub-number suffixes; null when none follows. */
function readNumber(tokens: readonly Token[], at: number): { value: string; next: number } | null {
  // "الملحق رقم (1)", "Annexe n° 2": a "number" word between keyword and number.
  const from = tokens[at]?.kind === 'word' && FILLERS.has(fold(tokens[at].text)) ? at + 1 : at;
  const t = tokens[from];
  if (!t) return null;
  let value: string | null = null;
  let next = from + 1;
  if (t.kind === 'number') value = numberValue(t.text);
  else if (t.kind === 'paren' && /^\p{Nd}+$/u.test(t.text)) value = numberValue(t.text); // "المادة (5)"
  else if (t.kind === 'word') {
    // Multi-word ordinals sum: "الحادية عشرة" (11), "twenty first" (21).
    let sum = 0;
    let j = from;
    let read = 0;
    while (j < tokens.length && tokens[j]!.kind === 'word' && !keywordAt(tokens, j)) {
      const v = wordToNumber(tokens[j]!.text);
      if (v === null) break;
      // Roman numerals do not combine with other words ("Annex III point").
      if (read > 0 && romanToNumber(tokens[j]!.text) !== null) break;
      sum += v;
      read++;
      j++;
    }
    if (read > 0) {
      value = String(sum);
      next = j;
    } else if (/^\p{Ll}$/u.test(t.text) || /^[A-Z]$/u.test(t.text)) {
      value = t.text.toLowerCase(); // "Buchstabe a", "point a", "Appendix A", "Part B"
    }
  }
  if (value === null) return null;
  // Suffixes: "5 bis", "5bis" (tokenised as a number and a word), "5 a" is not taken.
  const suffix = tokens[next];
  if (suffix?.kind === 'word' && SUFFIX_WORDS.has(fold(suffix.text))) {
    value += `-${fold(suffix.text)}`;
    next++;
  }
  return { value, next };
}

function parenType(last: CitationComponentType, text: string): CitationComponentType {
  const numeric = /^\p{Nd}+[a-z]?$/u.test(text);
  if ((last === 'art' || last === 'rec') && numeric) return 'par';
  return 'pt';
}

function parenValue(text: string): string {
  const digits = asciiDigits(text);
  if (/^\d+[a-z]?$/.test(digits)) return digits.replace(/^0+(?=\d)/, '');
  return text.toLowerCase();
}

/** Citation path → machine key ("art:16/par:1/pt:b"); null when nothing structural is recognised. */
export function citationKey(path: string | null | undefined): string | null {
  if (!path) return null;
  const parts = citationComponents(path);
  if (parts.length === 0) return null;
  return parts.map((c) => (c.value ? `${c.type}:${c.value}` : c.type)).join('/');
}
