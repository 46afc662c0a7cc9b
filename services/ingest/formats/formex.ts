import { DEFAULT_MARKUP_LIMITS, type MarkupLimits } from './limits.ts';
import { firstChild, isEl, type El } from './markup-tree.ts';
import { containerPart, headingNumber, joinKey, keyValue, part, type KeyPart } from './keys.ts';
import { TextBuilder } from './text-builder.ts';
import type { UnitMeta } from './types.ts';
import { lineText, marker, renderChildren, renderDefault, type BlockRules } from './walk.ts';

/**
 * Formex 4 (the EU Publications Office's format for the Official Journal and consolidated acts).
 * The markup states the structure completely, so nothing is guessed from text:
 * TITLE → preamble; PREAMBLE (PREAMBLE.INIT, GR.VISA, GR.CONSID.INIT, PREAMBLE.FINAL) →
 * preamble; CONSID → one recital each; DIVISION → container heading (chapter, section) in the
 * citation path; ARTICLE → one segment per PARAG ("Article 6(1)"), or per article when it has
 * none; LIST/ITEM/NP → one line per item, starting with its NO.P marker; ANNEX/CONS.ANNEX →
 * annex; FINAL (with SIGNATURE) → signature; NOTE → footnote, moved after the unit that cites
 * it so it does not cut a sentence in two. Articles quoted inside QUOT.S (amending acts) are
 * the amended act's text, rendered as text, not as this act's articles.
 */
export const FORMEX_RULES: BlockRules = {
  inline: new Set([
    'HT', 'FT', 'DATE', 'REF.DOC.OJ', 'REF.DOC', 'REF.DOC.ECR', 'REF.DOC.SEC', 'REF.NOTE', 'IE', 'LINK', 'URL', 'TXT', 'NO.P',
    'NO.PARAG', 'QUOT.START', 'QUOT.END', 'NOTE', 'ACRONYM', 'ABBR', 'EXPR', 'FULL', 'TIME', 'PERIOD', 'DURATION', 'SPAN',
  ]),
  skip: new Set([
    'BIB.INSTANCE', 'BIB.INSTANCE.CONS', 'INFO.CONSLEG', 'INFO.PROD', 'FAM.COMP', 'DOCUMENT.REF', 'DOCUMENT.REF.CONS', 'GR.CORRIG',
    'NO.CELEX', 'IMG.CNT', 'INCLUSIONS', 'INCL.ELEMENT', 'INCL.OBJECT', 'PAGE.FIRST', 'PAGE.LAST', 'PAGE.SEQ', 'PAGE.TOTAL', 'LG.DOC',
    'LG.OJ', 'REF.PHYS', 'BIB.DOC', 'BIB.OJ', 'BIB.ECR', 'FMX', 'TOC.HD', 'INFO.PUBLISHER',
  ]),
};

const FORMEX_ROOTS = new Set(['ACT', 'CONS.ACT', 'ANNEX', 'CONS.ANNEX', 'CONS.DOC', 'GENERAL', 'LEXP.COMBINED', 'CONS.OTH', 'COMPETITION', 'DECISION.ECR', 'JUDGMENT']);
const FORMEX_MARKERS = new Set(['ENACTING.TERMS', 'TI.ART', 'CONSID', 'GR.CONSID', 'PREAMBLE', 'BIB.INSTANCE']);

/** Is this parsed XML Formex? Its root or any of its characteristic elements says so. */
export function isFormex(root: El): boolean {
  if (FORMEX_ROOTS.has(root.local)) return true;
  const stack: El[] = [root];
  let seen = 0;
  while (stack.length && seen++ < 5000) {
    const n = stack.pop()!;
    if (FORMEX_MARKERS.has(n.local)) return true;
    for (const c of n.children) if (isEl(c)) stack.push(c);
  }
  return false;
}

export interface FormexResult {
  builder: TextBuilder;
  counts: { articles: number; recitals: number; annexes: number; footnotes: number };
}

export function readFormex(root: El, limits: MarkupLimits = DEFAULT_MARKUP_LIMITS): FormexResult {
  const b = new TextBuilder(limits.maxChars);
  const counts = { articles: 0, recitals: 0, annexes: 0, footnotes: 0 };
  const path: Array<{ label: string; key: KeyPart | null }> = [];
  let quoted = 0;

  const cite = (leaf: string): string => [...path.map((p) => p.label), leaf].filter(Boolean).join(' > ');
  const pathKeys = (): Array<KeyPart | null> => path.map((p) => p.key);

  const visit = (el: El): void => {
    const handler = quoted > 0 ? QUOTED_HANDLERS[el.local] : HANDLERS[el.local];
    if (handler) handler(el);
    else renderDefault(el, b, FORMEX_RULES, visit);
  };

  const preamble = (): void => {
    if (b.openUnit?.kind !== 'preamble') b.beginUnit({ kind: 'preamble', citation: 'Preamble', citationKey: null, heading: null });
  };

  const numbered = (el: El): void => {
    // NP / PARAG: the number, then the text on the same line.
    for (const c of el.children) {
      if (typeof c === 'string') b.text(c);
      else if (c.local === 'NO.P' || c.local === 'NO.PARAG') marker(b, lineText(c));
      else visit(c);
    }
    b.line();
  };

  const recital = (el: El): void => {
    counts.recitals++;
    const no = keyValue(lineText(firstChild(firstChild(el, 'NP') ?? el, 'NO.P'))) ?? String(counts.recitals);
    b.beginUnit({ kind: 'recital', citation: `Recital ${no}`, citationKey: joinKey([part('rec', no)]), heading: null });
    renderChildren(el, b, visit);
    b.endUnit();
  };

  const article = (el: El): void => {
    counts.articles++;
    const label = lineText(firstChild(el, 'TI.ART'));
    const subtitle = lineText(firstChild(el, 'STI.ART'));
    const no = keyValue(el.attrs.IDENTIFIER) ?? headingNumber(label) ?? String(counts.articles);
    const citation = cite(label || `Article ${no}`);
    const key = [...pathKeys(), part('art', no)];
    const heading = [label, subtitle].filter(Boolean).join('\n') || null;
    const articleMeta: UnitMeta = { kind: 'article', citation, citationKey: joinKey(key), heading };
    b.beginUnit(articleMeta);
    let inParagraph = false;
    for (const c of el.children) {
      if (typeof c === 'string') {
        b.text(c);
        continue;
      }
      if (c.local === 'TI.ART' || c.local === 'STI.ART') {
        b.line();
        renderChildren(c, b, visit);
        b.line();
        if (c.local === 'STI.ART' || !firstChild(el, 'STI.ART')) b.markBody();
        continue;
      }
      if (c.local === 'PARAG') {
        const parNo = keyValue(lineText(firstChild(c, 'NO.PARAG'))) ?? keyValue(c.attrs.IDENTIFIER?.split('.').pop());
        const meta: UnitMeta = parNo
          ? { kind: 'article', citation: `${citation}(${parNo})`, citationKey: joinKey([...key, part('par', parNo)]), heading }
          : articleMeta;
        if (!inParagraph && !b.unitHasBody) b.retarget(meta);
        else b.beginUnit(meta);
        b.markBody();
        inParagraph = true;
        numbered(c);
        continue;
      }
      if (inParagraph) {
        // Text after the numbered paragraphs (rare): the article's own, cited to the article.
        b.beginUnit(articleMeta);
        b.markBody();
        inParagraph = false;
      }
      b.markBody();
      visit(c);
    }
    b.endUnit();
  };

  const division = (el: El): void => {
    b.endUnit();
    const title = firstChild(el, 'TITLE');
    const label = lineText(firstChild(title ?? el, 'TI'));
    if (title) {
      b.beginHeading();
      renderChildren(title, b, visit);
      b.endHeading();
    }
    path.push({ label, key: label ? containerPart(label) : null });
    for (const c of el.children) {
      if (c === title) continue;
      if (typeof c === 'string') b.text(c);
      else visit(c);
    }
    b.endUnit();
    path.pop();
  };

  const annex = (el: El): void => {
    b.endUnit();
    counts.annexes++;
    const title = firstChild(el, 'TITLE', 'TI.ANNEX', 'TI.CONS');
    const label = lineText(firstChild(title ?? el, 'TI') ?? title).split(/\s(?=\p{Lu}{4,})/u)[0] ?? '';
    const heading = title ? lineText(title) : null;
    const no = label ? headingNumber(label) : null;
    const annexKey = { type: 'annex' as const, value: no ?? (counts.annexes > 1 ? String(counts.annexes) : '') };
    const citation = label || 'Annex';
    b.beginUnit({ kind: 'annex', citation, citationKey: joinKey([annexKey]), heading });
    if (title) {
      renderDefault(title, b, FORMEX_RULES, visit);
      b.markBody();
    }
    // Numbered points at the top of the annex's CONTENTS ("1.", "4.") are its citable units:
    // "ANNEX III point 4" / annex:3/pt:4; what follows a point up to the next belongs to it.
    const point = (np: El | undefined): boolean => {
      const n = np ? keyValue(lineText(firstChild(np, 'NO.P'))) : null;
      if (!n) return false;
      const meta: UnitMeta = { kind: 'annex', citation: `${citation} point ${n}`, citationKey: joinKey([annexKey, { type: 'pt', value: n }]), heading };
      if (!b.unitHasBody) b.retarget(meta);
      else b.beginUnit(meta);
      b.markBody();
      return true;
    };
    for (const c of el.children) {
      if (c === title) continue;
      if (typeof c === 'string') b.text(c);
      else if (c.local === 'CONTENTS') {
        for (const d of c.children) {
          if (typeof d === 'string') b.text(d);
          else if (d.local === 'NP') {
            point(d);
            visit(d);
          } else if (d.local === 'LIST') {
            b.line();
            for (const it of d.children) {
              if (typeof it === 'string') b.text(it);
              else if (it.local === 'ITEM') {
                point(firstChild(it, 'NP'));
                item({ ...it, attrs: { ...it.attrs, TYPE: d.attrs.TYPE ?? '' } });
              } else visit(it);
            }
            b.line();
          } else visit(d);
        }
      } else visit(c);
    }
    b.endUnit();
  };

  const note = (el: El): void => {
    b.defer(() => {
      counts.footnotes++;
      b.beginUnit({ kind: 'footnote', citation: `Footnote ${counts.footnotes}`, citationKey: null, heading: null });
      renderDefault(el, b, { inline: FORMEX_RULES.inline, skip: FORMEX_RULES.skip }, visit);
      b.endUnit();
    });
  };

  const quote = (el: El): void => {
    const code = Number.parseInt(el.attrs.CODE ?? '', 16);
    b.word(Number.isFinite(code) && code > 0x20 && code <= 0x10ffff ? String.fromCodePoint(code) : '"');
  };

  const table = {
    ROW: (el: El) => {
      b.line();
      renderChildren(el, b, visit);
      b.line();
    },
    CELL: (el: El) => {
      b.cell();
      renderChildren(el, b, visit);
      b.cell();
    },
  };

  const item = (el: El): void => {
    b.line();
    const first = el.children.find(isEl);
    const list = LIST_MARKS[(el.attrs.TYPE ?? '').toUpperCase()];
    if (list && first?.local !== 'NP') marker(b, list);
    renderChildren(el, b, visit);
    b.line();
  };

  const list = (el: El): void => {
    b.line();
    for (const c of el.children) {
      if (typeof c === 'string') b.text(c);
      else if (c.local === 'ITEM') item({ ...c, attrs: { ...c.attrs, TYPE: el.attrs.TYPE ?? '' } });
      else visit(c);
    }
    b.line();
  };

  const HANDLERS: Record<string, (el: El) => void> = {
    TITLE: (el) => {
      // The act's title; a TITLE inside a unit (a table's, a GR.SEQ's in an annex) is a block.
      if (b.openUnit) return renderDefault(el, b, FORMEX_RULES, visit);
      b.beginUnit({ kind: 'preamble', citation: 'Title', citationKey: null, heading: null });
      renderDefault(el, b, FORMEX_RULES, visit);
      b.endUnit();
    },
    PREAMBLE: (el) => {
      for (const c of el.children) {
        if (typeof c === 'string') b.text(c);
        else if (c.local === 'GR.CONSID') {
          for (const r of c.children) {
            if (typeof r === 'string') b.text(r);
            else if (r.local === 'CONSID') recital(r);
            else {
              preamble();
              visit(r);
            }
          }
        } else if (c.local === 'CONSID') recital(c);
        else {
          preamble();
          visit(c);
        }
      }
      b.endUnit();
    },
    DIVISION: division,
    ARTICLE: article,
    ANNEX: annex,
    'CONS.ANNEX': annex,
    FINAL: (el) => {
      b.beginUnit({ kind: 'signature', citation: 'Signature', citationKey: null, heading: null });
      renderDefault(el, b, FORMEX_RULES, visit);
      b.endUnit();
    },
    NOTE: note,
    'QUOT.START': quote,
    'QUOT.END': quote,
    'QUOT.S': (el) => {
      quoted++;
      renderDefault(el, b, FORMEX_RULES, visit);
      quoted--;
    },
    NP: numbered,
    PARAG: numbered,
    LIST: list,
    ROW: table.ROW,
    CELL: table.CELL,
  };
  const QUOTED_HANDLERS: Record<string, (el: El) => void> = {
    NOTE: note, 'QUOT.START': quote, 'QUOT.END': quote, NP: numbered, PARAG: numbered, LIST: list, ROW: table.ROW, CELL: table.CELL,
    'QUOT.S': HANDLERS['QUOT.S']!,
  };

  visit(root);
  b.finish();
  return { builder: b, counts };
}

/** Markers for list types whose items carry no NO.P (the OJ prints a dash). */
const LIST_MARKS: Record<string, string> = { DASH: '—', NDASH: '–', BULLET: '•' };

