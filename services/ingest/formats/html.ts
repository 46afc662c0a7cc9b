import { DEFAULT_MARKUP_LIMITS, type MarkupLimits } from './limits.ts';
import { firstChild, isEl, textContent, type El } from './markup-tree.ts';
import { containerPart, headingNumber, joinKey, keyValue, part, type KeyPart } from './keys.ts';
import { TextBuilder } from './text-builder.ts';
import type { UnitMeta } from './types.ts';
import { lineText, renderChildren } from './walk.ts';

/** Elements whose content is never document text. */
const DROP = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'nav', 'aside', 'form', 'button', 'select', 'option', 'textarea', 'iframe',
  'object', 'embed', 'svg', 'canvas', 'audio', 'video', 'map', 'input', 'dialog', 'img', 'picture', 'math',
]);
const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'dfn', 'em', 'font', 'i', 'kbd', 'mark', 'q', 's', 'samp', 'small', 'span',
  'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr', 'big', 'tt', 'strike', 'acronym', 'ins', 'nobr', 'label', 'output', 'ruby', 'rb', 'rt', 'rp',
]);
/** ARIA landmarks and class/id tokens of page chrome (navigation, cookie banners, breadcrumbs). */
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'search', 'menu', 'menubar', 'toolbar']);
const CHROME_TOKEN = /^(?:cookie|breadcrumb|skip-?link|skip-?to|navbar|nav|navigation|menu|sidebar|site-header|site-footer|oj-hd-\w+|hd-\w+)/i;

/** Is this element page chrome rather than document text? */
export function isHtmlChrome(el: El, inContent: boolean): boolean {
  if (DROP.has(el.local)) return true;
  if ((el.local === 'header' || el.local === 'footer') && !inContent) return true;
  const a = el.attrs;
  if (a.hidden !== undefined || a['aria-hidden'] === 'true') return true;
  if (a.style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(a.style)) return true;
  if (a.role && CHROME_ROLES.has(a.role.toLowerCase())) return true;
  const tokens = `${a.class ?? ''} ${a.id ?? ''}`.split(/\s+/).filter(Boolean);
  return tokens.some((t) => CHROME_TOKEN.test(t));
}

const CONTENT_ELEMENTS = new Set(['article', 'section', 'main']);

/** EUR-Lex class names without the "oj-" prefix the 2011+ layout adds ("oj-ti-art" → "ti-art"). */
function classesOf(el: El): Set<string> {
  return new Set((el.attrs.class ?? '').split(/\s+/).filter(Boolean).map((c) => c.replace(/^oj-/, '')));
}

/** A list marker cell of a EUR-Lex point table: "(a)", "1.", "(iv)", "—". */
const MARKER = /^(?:\(?[\p{Nd}\p{L}]{1,6}[.)]|\([\p{Nd}\p{L}]{1,6}\)|[—–•-])$/u;
/** A paragraph's own number at the start of its first line: "1.   ", "(1)   " (EUR-Lex pads with spaces). */
const PARAGRAPH_NO = /^\s*\(?(\p{Nd}+[a-z]?)\)?\.?(?:[\s\u00a0]{2,}|\u00a0)/u;

export interface HtmlResult {
  builder: TextBuilder;
  eurlex: boolean;
  counts: { articles: number; recitals: number; annexes: number; footnotes: number };
}

/**
 * HTML and XHTML: page chrome dropped (scripts, styles, navigation, ARIA landmarks, cookie
 * banners, hidden elements, the OJ's running header), block elements as lines, list items
 * with their marker ("1." for ordered lists, "•" otherwise), table rows as lines with cells
 * separated by tabs (a marker cell and its text stay on one line, "(a) …").
 * EUR-Lex pages (classes "ti-art", "sti-art", "normal", "ti-section-N", "final", "note",
 * "doc-ti", with or without the "oj-" prefix) are read as structure: recitals (the "(N)"
 * tables or "rct_N" blocks before the first article), articles and their numbered paragraphs,
 * chapter headings, the final formula and signatures, footnotes and annexes. Other pages get no
 * units; the plain-text segmenter finds their headings.
 */
export function readHtml(root: El, limits: MarkupLimits = DEFAULT_MARKUP_LIMITS): HtmlResult {
  const b = new TextBuilder(limits.maxChars);
  const counts = { articles: 0, recitals: 0, annexes: 0, footnotes: 0 };
  const eurlex = hasClass(root, 'ti-art');
  let zone: 'pre' | 'articles' | 'final' | 'annex' = 'pre';
  const path: Array<{ label: string; key: KeyPart | null }> = [];
  let article: { citation: string; key: Array<KeyPart | null>; heading: string | null; meta: UnitMeta } | null = null;
  let tableDepth = 0;

  const orphan = (): void => {
    if (!eurlex || b.openUnit || b.inHeading) return;
    if (zone === 'pre') b.beginUnit({ kind: 'preamble', citation: 'Preamble', citationKey: null, heading: null });
    else if (zone === 'annex') b.beginUnit({ kind: 'annex', citation: 'Annex', citationKey: joinKey([{ type: 'annex', value: '' }]), heading: null });
    else b.beginUnit({ kind: 'other', citation: path.map((p) => p.label).join(' > '), citationKey: joinKey(path.map((p) => p.key)), heading: null });
  };

  const visit = (el: El, inContent: boolean, list: { ordered: boolean; n: number; type: string } | null): void => {
    if (isHtmlChrome(el, inContent)) return;
    const content = inContent || CONTENT_ELEMENTS.has(el.local);
    if (eurlex && structural(el)) return;
    if (el.local === 'br') return b.line();
    if (el.local === 'hr') return b.paragraph();
    if (INLINE.has(el.local)) return children(el, content, list);
    if (el.local === 'li') {
      b.line();
      if (list) {
        list.n++;
        b.word(list.ordered ? `${listNumber(list.n, list.type)}.` : '•');
        b.space();
      }
      children(el, content, null);
      return b.line();
    }
    if (el.local === 'ol' || el.local === 'ul') {
      const start = Number.parseInt(el.attrs.start ?? '1', 10);
      b.line();
      children(el, content, { ordered: el.local === 'ol', n: (Number.isFinite(start) ? start : 1) - 1, type: el.attrs.type ?? '1' });
      return b.line();
    }
    if (el.local === 'tr') return row(el, content);
    if (el.local === 'table') {
      if (eurlex && zone === 'pre' && !b.openUnit?.kind.startsWith('rec') && recitalNumber(el)) return recital(el, recitalNumber(el)!, content);
      tableDepth++;
      b.line();
      children(el, content, null);
      b.line();
      tableDepth--;
      return;
    }
    b.line();
    children(el, content, null);
    b.line();
  };

  const children = (el: El, content: boolean, list: { ordered: boolean; n: number; type: string } | null): void => {
    for (const c of el.children) {
      if (typeof c === 'string') {
        if (eurlex && /\S/u.test(c)) orphan();
        b.text(c);
      } else visit(c, content, list);
    }
  };

  const row = (el: El, content: boolean): void => {
    b.line();
    let first = true;
    let glueNext = false;
    for (const cell of el.children) {
      if (!isEl(cell) || (cell.local !== 'td' && cell.local !== 'th')) {
        if (isEl(cell)) visit(cell, content, null);
        continue;
      }
      if (isHtmlChrome(cell, content)) continue;
      const text = lineText(cell);
      if (!text) continue;
      if (!first) {
        if (glueNext) b.glue();
        else b.cell();
      }
      glueNext = first && MARKER.test(text);
      if (glueNext) b.text(text);
      else children(cell, content, null);
      first = false;
    }
    b.line();
  };

  const recital = (el: El, no: string, content: boolean): void => {
    counts.recitals++;
    b.beginUnit({ kind: 'recital', citation: `Recital ${no}`, citationKey: joinKey([part('rec', no)]), heading: null });
    tableDepth++;
    children(el, content, null);
    tableDepth--;
    b.endUnit();
  };

  /** EUR-Lex structure elements; true when handled. */
  const structural = (el: El): boolean => {
    const cls = classesOf(el);
    // Articles and headings quoted inside an amending provision sit in its point tables: they
    // are the amended act's text, not this act's structure.
    if (tableDepth > 0 && zone === 'articles') return false;
    if (el.local === 'div' && /^rct_\d+$/.test(el.attrs.id ?? '') && zone === 'pre') {
      recital(el, el.attrs.id!.slice(4), true);
      return true;
    }
    if (cls.has('ti-art')) {
      zone = 'articles';
      counts.articles++;
      const label = lineText(el);
      const no = headingNumber(label) ?? String(counts.articles);
      const key = [...path.map((p) => p.key), part('art', no)];
      const citation = [...path.map((p) => p.label), label].filter(Boolean).join(' > ');
      const meta: UnitMeta = { kind: 'article', citation, citationKey: joinKey(key), heading: label };
      article = { citation, key, heading: label, meta };
      b.beginUnit(meta);
      b.line();
      renderChildren(el, b, (c) => visit(c, true, null));
      b.line();
      return true;
    }
    if (cls.has('sti-art') && article) {
      article.heading = `${article.heading ?? ''}\n${lineText(el)}`.trim();
      article.meta = { ...article.meta, heading: article.heading };
      b.retarget({ ...(b.openUnit ?? article.meta), heading: article.heading });
      b.line();
      renderChildren(el, b, (c) => visit(c, true, null));
      b.line();
      b.markBody();
      return true;
    }
    if (cls.has('ti-section-1') || cls.has('ti-section-2')) {
      if (zone === 'pre') zone = 'articles';
      b.endUnit();
      article = null;
      const label = lineText(el);
      if (cls.has('ti-section-1')) {
        const key = containerPart(label);
        const at = key ? path.findIndex((p) => p.key?.type === key.type) : -1;
        if (at >= 0) path.splice(at);
        else if (!key) path.splice(0);
        path.push({ label, key });
      }
      b.beginHeading();
      renderChildren(el, b, (c) => visit(c, true, null));
      b.endHeading();
      return true;
    }
    if (cls.has('final')) {
      zone = 'final';
      article = null;
      b.beginUnit({ kind: 'signature', citation: 'Signature', citationKey: null, heading: null });
      children(el, true, null);
      b.endUnit();
      return true;
    }
    if (cls.has('note') && el.local === 'p') {
      counts.footnotes++;
      b.beginUnit({ kind: 'footnote', citation: `Footnote ${counts.footnotes}`, citationKey: null, heading: null });
      children(el, true, null);
      b.endUnit();
      return true;
    }
    if (cls.has('doc-ti') && (zone === 'final' || zone === 'annex')) {
      const label = lineText(el);
      if (b.openUnit?.kind === 'annex' && !b.unitHasBody) {
        b.line();
        children(el, true, null);
        b.line();
        return true;
      }
      zone = 'annex';
      counts.annexes++;
      const no = headingNumber(label);
      b.beginUnit({ kind: 'annex', citation: label, citationKey: joinKey([{ type: 'annex', value: no ?? '' }]), heading: label });
      b.line();
      children(el, true, null);
      b.line();
      b.markBody();
      return true;
    }
    if (zone === 'articles' && article && tableDepth === 0) {
      const idNo = /^\d{3}\.(\d{3})$/.exec(el.attrs.id ?? '');
      const lead = el.local === 'p' && cls.has('normal') ? PARAGRAPH_NO.exec(textContent(el)) : null;
      const no = idNo ? keyValue(idNo[1]) : lead ? keyValue(lead[1]) : null;
      if (el.local === 'p' && !b.unitHasBody && b.openUnit?.citation === article.citation) b.markBody();
      if (no && (idNo || !insideNumberedDiv(el))) {
        const meta: UnitMeta = { kind: 'article', citation: `${article.citation}(${no})`, citationKey: joinKey([...article.key, part('par', no)]), heading: article.heading };
        if (!b.unitHasBody && b.openUnit?.citation === article.citation) b.retarget(meta);
        else if (b.openUnit?.citation !== meta.citation) b.beginUnit(meta);
        b.markBody();
        if (idNo) numberedDivs.add(el);
      }
    }
    return false;
  };

  const numberedDivs = new Set<El>();
  const parents = new Map<El, El>();
  const index = (el: El): void => {
    for (const c of el.children) {
      if (isEl(c)) {
        parents.set(c, el);
        index(c);
      }
    }
  };
  if (eurlex) index(root);
  const insideNumberedDiv = (el: El): boolean => {
    for (let p = parents.get(el); p; p = parents.get(p)) if (numberedDivs.has(p)) return true;
    return false;
  };

  children(root, false, null);
  b.finish();
  return { builder: b, eurlex, counts };
}

/** "(12)" in the first cell of the first row of a two-column table: a EUR-Lex recital. */
function recitalNumber(table: El): string | null {
  const tbody = firstChild(table, 'tbody') ?? table;
  const tr = firstChild(tbody, 'tr');
  if (!tr) return null;
  const cells = tr.children.filter((c): c is El => isEl(c) && (c.local === 'td' || c.local === 'th'));
  if (cells.length !== 2) return null;
  const m = /^\((\d+)\)$/.exec(lineText(cells[0]));
  return m ? m[1]! : null;
}

function hasClass(root: El, cls: string): boolean {
  const stack: El[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (classesOf(n).has(cls)) return true;
    for (const c of n.children) if (isEl(c)) stack.push(c);
  }
  return false;
}

function listNumber(n: number, type: string): string {
  if (type === 'a') return alpha(n).toLowerCase();
  if (type === 'A') return alpha(n);
  if (type === 'i') return roman(n).toLowerCase();
  if (type === 'I') return roman(n);
  return String(n);
}

function alpha(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s || 'A';
}

export function roman(n: number): string {
  const table: Array<[number, string]> = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  let k = Math.max(1, Math.min(n, 3999));
  for (const [v, s] of table) while (k >= v) { out += s; k -= v; }
  return out;
}
