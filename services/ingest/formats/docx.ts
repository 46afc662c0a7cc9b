import { DEFAULT_MARKUP_LIMITS, type MarkupLimits } from './limits.ts';
import { CorruptMarkupError } from './limits.ts';
import { findFirst, firstChild, isEl, parseMarkup, stripDoctype, textContent, type El } from './markup-tree.ts';
import { TextBuilder } from './text-builder.ts';
import { roman } from './html.ts';
import { readZipEntries } from './zip.ts';

const DOCUMENT = 'word/document.xml';
const NUMBERING = 'word/numbering.xml';
const STYLES = 'word/styles.xml';
const FOOTNOTES = 'word/footnotes.xml';

interface Level {
  fmt: string;
  text: string;
  start: number;
}

/**
 * DOCX (WordprocessingML): paragraphs as lines; numbered paragraphs get the marker Word would
 * draw, computed from numbering.xml (numFmt, lvlText "%1.", start, restart of deeper levels),
 * because auto-numbers are not in the text and a list item without its "(a)" loses its place;
 * tables as rows of tab-separated cells; headings (Heading N styles, outline levels) as their own
 * lines; tracked deletions, field codes and the fallback copy of alternate content dropped;
 * footnotes as footnote units at the end. No legal structure is read from a DOCX (its markup
 * states none); the plain-text segmenter finds "Article 5" headings in the text.
 */
export function readDocx(bytes: Uint8Array, limits: MarkupLimits = DEFAULT_MARKUP_LIMITS): { builder: TextBuilder; paragraphs: number; numbered: number } {
  const parts = readZipEntries(bytes, new Set([DOCUMENT, NUMBERING, STYLES, FOOTNOTES]), 'DOCX', limits);
  const doc = parts.get(DOCUMENT);
  if (!doc) throw new CorruptMarkupError('DOCX', `${DOCUMENT} is missing`);
  const xml = (name: string): El | null => {
    const data = parts.get(name);
    if (!data) return null;
    const text = new TextDecoder('utf-8').decode(data);
    return parseMarkup(stripDoctype(text), 'xml', limits);
  };
  const numbering = readNumbering(xml(NUMBERING));
  const styles = readStyles(xml(STYLES));
  const body = findFirst(xml(DOCUMENT)!, new Set(['body']));
  const b = new TextBuilder(limits.maxChars);
  const counters = new Map<string, number[]>();
  let paragraphs = 0;
  let numberedCount = 0;

  const runText = (el: El): void => {
    for (const c of el.children) {
      if (typeof c === 'string') continue; // whitespace between w: elements is not text
      switch (c.local) {
        case 't':
          for (const t of c.children) if (typeof t === 'string') b.text(t);
          break;
        case 'tab':
        case 'ptab':
          b.space();
          break;
        case 'br':
        case 'cr':
          b.line();
          break;
        case 'noBreakHyphen':
          b.word('-');
          break;
        case 'sym': {
          const code = Number.parseInt(c.attrs['w:char'] ?? '', 16);
          // Symbol-font private-use code points (F0xx) are glyph indexes, not characters.
          if (Number.isFinite(code) && code >= 0x20 && (code < 0xe000 || code > 0xf8ff)) b.word(String.fromCodePoint(code));
          break;
        }
        case 'del': case 'delText': case 'instrText': case 'delInstrText': case 'Fallback': case 'rPr': case 'pPr':
        case 'footnoteReference': case 'endnoteReference': case 'commentReference': case 'fldChar': case 'drawing_img':
          break;
        case 'p':
          paragraph(c);
          break;
        case 'tbl':
          table(c);
          break;
        default:
          runText(c);
      }
    }
  };

  const marker = (pPr: El | undefined, styleId: string | null): string | null => {
    const numPr = (pPr && firstChild(pPr, 'numPr')) ?? (styleId ? styles.get(styleId)?.numPr : undefined);
    if (!numPr) return null;
    const numId = firstChild(numPr, 'numId')?.attrs['w:val'];
    const ilvl = Number.parseInt(firstChild(numPr, 'ilvl')?.attrs['w:val'] ?? '0', 10) || 0;
    if (!numId || numId === '0') return null;
    const levels = numbering.get(numId);
    if (!levels) return null;
    const count = counters.get(numId) ?? [];
    for (let k = 0; k <= ilvl; k++) if (count[k] === undefined) count[k] = (levels[k]?.start ?? 1) - (k === ilvl ? 1 : 0);
    count[ilvl] = (count[ilvl] ?? 0) + 1;
    count.length = ilvl + 1;
    counters.set(numId, count);
    const lvl = levels[ilvl];
    if (!lvl || lvl.fmt === 'none') return null;
    if (lvl.fmt === 'bullet') return '•';
    return lvl.text.replace(/%(\d)/g, (_, d: string) => {
      const k = Number(d) - 1;
      return formatNumber(count[k] ?? levels[k]?.start ?? 1, levels[k]?.fmt ?? 'decimal');
    }).trim() || null;
  };

  const paragraph = (p: El): void => {
    paragraphs++;
    const pPr = firstChild(p, 'pPr');
    const styleId = pPr ? (firstChild(pPr, 'pStyle')?.attrs['w:val'] ?? null) : null;
    const heading = styleId ? styles.get(styleId)?.heading : false;
    b.line();
    if (heading) b.line();
    const m = marker(pPr, styleId);
    if (m) {
      numberedCount++;
      b.word(m);
      b.space();
    }
    runText(p);
    b.line();
  };

  const textParagraphs = (tc: El): number => tc.children.filter((c) => isEl(c) && c.local === 'p' && /\S/u.test(textContent(c))).length;

  const table = (tbl: El): void => {
    b.line();
    for (const tr of tbl.children) {
      if (!isEl(tr) || tr.local !== 'tr') continue;
      const cells = tr.children.filter((c): c is El => isEl(c) && c.local === 'tc');
      // A layout table (a judgment laid out in one big cell): cells with several paragraphs are
      // read as running text, one line per paragraph, not squeezed into one row line.
      if (cells.some((tc) => textParagraphs(tc) > 1)) {
        for (const tc of cells) runText(tc);
        continue;
      }
      b.line();
      let first = true;
      for (const tc of tr.children) {
        if (!isEl(tc) || tc.local !== 'tc') continue;
        if (!first) b.cell();
        first = false;
        // A cell's paragraphs stay on the row's line.
        for (const c of tc.children) {
          if (!isEl(c)) continue;
          if (c.local === 'p') {
            const m = marker(firstChild(c, 'pPr'), null);
            if (m) {
              b.word(m);
              b.space();
            }
            runText(c);
            b.space();
          } else if (c.local === 'tbl') table(c);
          else runText(c);
        }
      }
      b.line();
    }
    b.line();
  };

  if (body) runText(body);
  const notes = xml(FOOTNOTES);
  if (notes) {
    let n = 0;
    for (const fn of notes.children.flatMap((c) => (isEl(c) ? c.children : [])).filter(isEl)) {
      if (fn.local !== 'footnote' || (fn.attrs['w:type'] ?? 'normal') !== 'normal') continue;
      n++;
      b.beginUnit({ kind: 'footnote', citation: `Footnote ${n}`, citationKey: null, heading: null });
      runText(fn);
      b.endUnit();
    }
  }
  b.finish();
  return { builder: b, paragraphs, numbered: numberedCount };
}

function readNumbering(root: El | null): Map<string, Level[]> {
  const out = new Map<string, Level[]>();
  if (!root) return out;
  const top = root.children.find(isEl);
  if (!top) return out;
  const abstract = new Map<string, Level[]>();
  for (const a of top.children.filter(isEl)) {
    if (a.local !== 'abstractNum') continue;
    const levels: Level[] = [];
    for (const lvl of a.children.filter(isEl)) {
      if (lvl.local !== 'lvl') continue;
      const k = Number.parseInt(lvl.attrs['w:ilvl'] ?? '0', 10) || 0;
      levels[k] = {
        fmt: firstChild(lvl, 'numFmt')?.attrs['w:val'] ?? 'decimal',
        text: firstChild(lvl, 'lvlText')?.attrs['w:val'] ?? `%${k + 1}.`,
        start: Number.parseInt(firstChild(lvl, 'start')?.attrs['w:val'] ?? '1', 10) || 1,
      };
    }
    abstract.set(a.attrs['w:abstractNumId'] ?? '', levels);
  }
  for (const num of top.children.filter(isEl)) {
    if (num.local !== 'num') continue;
    const levels = [...(abstract.get(firstChild(num, 'abstractNumId')?.attrs['w:val'] ?? '') ?? [])];
    for (const o of num.children.filter(isEl)) {
      if (o.local !== 'lvlOverride') continue;
      const k = Number.parseInt(o.attrs['w:ilvl'] ?? '0', 10) || 0;
      const start = firstChild(o, 'startOverride')?.attrs['w:val'];
      if (start && levels[k]) levels[k] = { ...levels[k], start: Number.parseInt(start, 10) || 1 };
    }
    out.set(num.attrs['w:numId'] ?? '', levels);
  }
  return out;
}

function readStyles(root: El | null): Map<string, { heading: boolean; numPr?: El }> {
  const out = new Map<string, { heading: boolean; numPr?: El }>();
  const top = root?.children.find(isEl);
  if (!top) return out;
  for (const s of top.children.filter(isEl)) {
    if (s.local !== 'style') continue;
    const name = (firstChild(s, 'name')?.attrs['w:val'] ?? '').toLowerCase();
    const pPr = firstChild(s, 'pPr');
    const outline = pPr ? firstChild(pPr, 'outlineLvl') : undefined;
    out.set(s.attrs['w:styleId'] ?? '', { heading: /^(heading|title)\b/.test(name) || outline !== undefined, numPr: pPr ? firstChild(pPr, 'numPr') : undefined });
  }
  return out;
}

function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'lowerLetter': return letters(n).toLowerCase();
    case 'upperLetter': return letters(n);
    case 'lowerRoman': return roman(n).toLowerCase();
    case 'upperRoman': return roman(n);
    case 'decimalZero': return String(n).padStart(2, '0');
    default: return String(n);
  }
}

/** Word's letters: a…z, then aa, bb… (repeated, not base-26). */
function letters(n: number): string {
  const k = Math.max(1, n);
  return String.fromCharCode(65 + ((k - 1) % 26)).repeat(Math.floor((k - 1) / 26) + 1);
}
