import type { CitationComponentType } from '../segments/citation-key.ts';
import { DEFAULT_MARKUP_LIMITS, type MarkupLimits } from './limits.ts';
import { findFirst, firstChild, isEl, type El } from './markup-tree.ts';
import { containerPart, headingNumber, joinKey, keyValue, part, type KeyPart } from './keys.ts';
import { TextBuilder } from './text-builder.ts';
import type { UnitMeta } from './types.ts';
import { lineText, marker, renderChildren, renderDefault, type BlockRules } from './walk.ts';

/**
 * Akoma Ntoso 3 (OASIS LegalDocML; also its national profiles: LegalDocML.de, AKN4EU, Normattiva,
 * Laws.Africa). Structure comes from the elements: preface/coverPage → preamble; preamble →
 * preamble, with recitals/recital → one recital each; body containers (part, title, chapter, …)
 * → headings in the citation path; the finest numbered provision (article, else section as
 * Laws.Africa uses it, else top-level point as Israeli acts use it) → one segment per
 * paragraph/subsection, else per provision; points and lists stay inside, one line per item
 * starting with its num; attachments/annex/schedule → annex; conclusions → signature;
 * authorialNote → footnote after the unit that cites it; meta is dropped.
 */
export const AKN_RULES: BlockRules = {
  inline: new Set([
    'b', 'i', 'u', 'sup', 'sub', 'span', 'ref', 'mref', 'rref', 'term', 'def', 'date', 'time', 'docTitle', 'docNumber', 'docType', 'docDate',
    'docProponent', 'docStage', 'docStatus', 'docPurpose', 'docCommittee', 'docIntroducer', 'docJurisdiction', 'docketNumber', 'person',
    'role', 'organization', 'location', 'quantity', 'inline', 'a', 'abbr', 'noteRef', 'entity', 'concept', 'object', 'event', 'shortTitle',
    'legislature', 'session', 'process', 'outcome', 'judge', 'party', 'lawyer', 'courtType', 'neutralCitation', 'argument',
    'affectedDocument', 'relatedDocument', 'change', 'fillIn', 'omissis', 'vote', 'ins', 'remark', 'authorialNote', 'placeholder',
    'recordedTime', 'signature_inline', 'decoration', 'opinion', 'def', 'num_inline',
  ]),
  skip: new Set(['meta', 'marker', 'eol', 'eop', 'img', 'del', 'componentRef', 'documentRef', 'notes', 'proprietary', 'analysis', 'references', 'workflow']),
};

const CONTAINERS = new Set(['book', 'part', 'subpart', 'title', 'subtitle', 'chapter', 'subchapter', 'division', 'subdivision', 'section', 'subsection', 'hcontainer', 'tome', 'clause', 'rule', 'level']);
const PARAGRAPH_OF: Record<string, string> = { article: 'paragraph', section: 'subsection', point: 'point' };
const KEY_TYPE: Record<string, CitationComponentType> = {
  book: 'book', part: 'part', subpart: 'part', title: 'title', subtitle: 'title', chapter: 'chap', subchapter: 'chap', section: 'sec',
  subsection: 'subsec', article: 'art', paragraph: 'par', point: 'pt', division: 'part', subdivision: 'part',
};
const ANNEXES = new Set(['attachment', 'annex', 'appendix', 'schedule', 'component']);

/**
 * The provision that opens segments: article wherever there are articles; otherwise section
 * (Laws.Africa numbers its provisions as sections) or top-level point (Israeli acts), whichever
 * occurs more often outside its own kind.
 */
function chooseLeaf(body: El): 'article' | 'section' | 'point' | null {
  const top = { article: 0, section: 0, point: 0 };
  const stack: Array<{ el: El; inside: Set<string> }> = [{ el: body, inside: new Set() }];
  while (stack.length) {
    const { el, inside } = stack.pop()!;
    for (const c of el.children) {
      if (!isEl(c) || ANNEXES.has(c.local)) continue;
      const k = c.local as keyof typeof top;
      if (k in top && !inside.has(k) && firstChild(c, 'num')) top[k]++;
      stack.push({ el: c, inside: k in top ? new Set([...inside, k]) : inside });
    }
  }
  if (top.article > 0) return 'article';
  if (top.section === 0 && top.point === 0) return null;
  return top.section >= top.point ? 'section' : 'point';
}

export function isAkomaNtoso(root: El): boolean {
  return root.local === 'akomaNtoso' || Object.values(root.attrs).some((v) => /akomantoso|LegalDocML|akn\/3\.0/i.test(v));
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export interface AknResult {
  builder: TextBuilder;
  counts: { provisions: number; recitals: number; annexes: number; footnotes: number };
  leaf: string | null;
}

export function readAkomaNtoso(root: El, limits: MarkupLimits = DEFAULT_MARKUP_LIMITS): AknResult {
  const b = new TextBuilder(limits.maxChars);
  const counts = { provisions: 0, recitals: 0, annexes: 0, footnotes: 0 };
  const body = findFirst(root, new Set(['body', 'mainBody', 'judgmentBody', 'debateBody']));
  const leaf = body ? chooseLeaf(body) : null;
  const path: Array<{ label: string; key: KeyPart | null }> = [];
  let inAnnex = 0;

  const cite = (leafLabel: string): string => [...path.map((p) => p.label), leafLabel].filter(Boolean).join(' > ');

  const visit = (el: El): void => {
    const handler = HANDLERS[el.local];
    if (handler) handler(el);
    else renderDefault(el, b, AKN_RULES, visit);
  };

  /** "Article 5" as numbered, or "Section 5" when the num is a bare number ("5."). */
  const labelOf = (el: El): { label: string; no: string | null } => {
    const num = lineText(firstChild(el, 'num')).replace(/[.:]$/, '');
    if (!num) return { label: lineText(firstChild(el, 'heading')), no: null };
    const tokens = num.split(' ');
    const no = (tokens.length > 1 ? headingNumber(num) : null) ?? keyValue(tokens.at(-1));
    // "Article 5", "Art. 5", "פרק א׳" name themselves; a bare "5", "Kwanza" or "IV" gets the element's name.
    return { label: tokens.length > 1 ? num : `${capital(el.local)} ${num}`, no };
  };

  const numbered = (el: El): void => {
    b.line();
    for (const c of el.children) {
      if (typeof c === 'string') b.text(c);
      else if (c.local === 'num') marker(b, lineText(c));
      else visit(c);
    }
    b.line();
  };

  const headingLines = (el: El): void => {
    for (const c of el.children) {
      if (isEl(c) && (c.local === 'num' || c.local === 'heading' || c.local === 'subheading')) {
        b.line();
        renderChildren(c, b, visit);
        b.line();
      }
    }
  };

  const provision = (el: El): void => {
    if (inAnnex) return numbered(el);
    counts.provisions++;
    const { label, no } = labelOf(el);
    const citation = cite(label || `${capital(el.local)} ${counts.provisions}`);
    const key = [...path.map((p) => p.key), part(KEY_TYPE[el.local] ?? 'art', no ?? String(counts.provisions))];
    const headingText = [label, lineText(firstChild(el, 'heading'))].filter(Boolean).join('\n') || null;
    const meta: UnitMeta = { kind: 'article', citation, citationKey: joinKey(key), heading: headingText };
    b.beginUnit(meta);
    headingLines(el);
    b.markBody();
    const parName = PARAGRAPH_OF[el.local];
    let inParagraph = false;
    for (const c of el.children) {
      if (typeof c === 'string') {
        b.text(c);
        continue;
      }
      if (c.local === 'num' || c.local === 'heading' || c.local === 'subheading') continue;
      const paragraphs = c.local === parName && el.local !== 'point' ? [c] : [];
      if (paragraphs.length) {
        const pn = keyValue(lineText(firstChild(c, 'num')));
        const pm: UnitMeta = pn
          ? { kind: 'article', citation: `${citation}(${pn})`, citationKey: joinKey([...key, part(KEY_TYPE[c.local] ?? 'par', pn)]), heading: headingText }
          : meta;
        if (!inParagraph && !b.unitHasBody) b.retarget(pm);
        else b.beginUnit(pm);
        b.markBody();
        inParagraph = true;
        numbered(c);
        continue;
      }
      if (inParagraph) {
        b.beginUnit(meta);
        b.markBody();
        inParagraph = false;
      }
      visit(c);
    }
    b.endUnit();
  };

  const container = (el: El): void => {
    if (inAnnex || el.local === leaf) return el.local === leaf ? provision(el) : numbered(el);
    b.endUnit();
    const { label } = labelOf(el);
    b.beginHeading();
    headingLines(el);
    b.endHeading();
    path.push({ label, key: (label && containerPart(label)) || part(KEY_TYPE[el.local] ?? 'part', labelOf(el).no) });
    for (const c of el.children) {
      if (typeof c === 'string') b.text(c);
      else if (c.local !== 'num' && c.local !== 'heading' && c.local !== 'subheading') visit(c);
    }
    b.endUnit();
    path.pop();
  };

  const unitOf = (kind: UnitMeta['kind'], citation: string) => (el: El): void => {
    if (inAnnex) return renderDefault(el, b, AKN_RULES, visit);
    b.beginUnit({ kind, citation, citationKey: null, heading: null });
    renderDefault(el, b, AKN_RULES, visit);
    b.endUnit();
  };

  const annex = (el: El): void => {
    if (inAnnex) return renderDefault(el, b, AKN_RULES, visit);
    b.endUnit();
    counts.annexes++;
    const titleEl = findFirst(el, new Set(['docTitle', 'heading', 'num', 'longTitle']));
    const label = lineText(titleEl) || `Annex ${counts.annexes}`;
    const no = headingNumber(label);
    b.beginUnit({ kind: 'annex', citation: label, citationKey: joinKey([{ type: 'annex', value: no ?? String(counts.annexes) }]), heading: label });
    inAnnex++;
    renderDefault(el, b, AKN_RULES, visit);
    inAnnex--;
    b.endUnit();
  };

  const HANDLERS: Record<string, (el: El) => void> = {
    preface: unitOf('preamble', 'Preface'),
    coverPage: unitOf('preamble', 'Cover page'),
    toc: unitOf('toc', 'Table of contents'),
    preamble: (el) => {
      if (inAnnex) return renderDefault(el, b, AKN_RULES, visit);
      const open = (): void => {
        if (b.openUnit?.kind !== 'preamble') b.beginUnit({ kind: 'preamble', citation: 'Preamble', citationKey: null, heading: null });
      };
      const walk = (node: El): void => {
        for (const c of node.children) {
          if (typeof c === 'string') b.text(c);
          else if (c.local === 'recitals') walk(c);
          else if (c.local === 'recital') {
            counts.recitals++;
            const no = keyValue(lineText(firstChild(c, 'num'))) ?? String(counts.recitals);
            b.beginUnit({ kind: 'recital', citation: `Recital ${no}`, citationKey: joinKey([part('rec', no)]), heading: null });
            numbered(c);
            b.endUnit();
          } else {
            open();
            visit(c);
          }
        }
      };
      walk(el);
      b.endUnit();
    },
    conclusions: unitOf('signature', 'Signature'),
    authorialNote: (el) => {
      // A side note is a marginal heading (Israeli acts title their sections so), not a footnote.
      if (el.attrs.placement === 'side') return renderDefault({ ...el, local: 'sideNote' }, b, AKN_RULES, visit);
      b.defer(() => {
        counts.footnotes++;
        b.beginUnit({ kind: 'footnote', citation: `Footnote ${counts.footnotes}`, citationKey: null, heading: null });
        for (const c of el.children) {
          if (typeof c === 'string') b.text(c);
          else visit(c);
        }
        b.endUnit();
      });
    },
    br: () => b.line(),
    tr: (el) => {
      b.line();
      renderChildren(el, b, visit);
      b.line();
    },
    td: (el) => {
      b.cell();
      renderChildren(el, b, visit);
      b.cell();
    },
    th: (el) => HANDLERS.td!(el),
    article: (el) => (el.local === leaf ? provision(el) : container(el)),
    point: (el) => (el.local === leaf && !inAnnex && isTopLevelPoint(el) ? provision(el) : numbered(el)),
    paragraph: numbered,
    subparagraph: numbered,
    alinea: numbered,
    item: numbered,
    indent: numbered,
    recital: numbered,
    li: numbered,
  };
  for (const name of CONTAINERS) if (!HANDLERS[name]) HANDLERS[name] = container;
  for (const name of ANNEXES) HANDLERS[name] = annex;
  HANDLERS.attachments = (el) => renderChildren(el, b, visit);
  HANDLERS.components = HANDLERS.attachments;

  const topPoints = new Set<El>();
  if (body && leaf === 'point') {
    const stack: El[] = [body];
    while (stack.length) {
      const n = stack.pop()!;
      for (const c of n.children) {
        if (!isEl(c)) continue;
        if (c.local === 'point') topPoints.add(c);
        else if (!ANNEXES.has(c.local)) stack.push(c);
      }
    }
  }
  function isTopLevelPoint(el: El): boolean {
    return topPoints.has(el);
  }

  visit(root);
  b.finish();
  return { builder: b, counts, leaf };
}
