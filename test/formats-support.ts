/**
 * Shared checks for the format tests: "no text lost" compares a document's text with the text
 * content of its source, computed independently of the readers (htmlparser2's own DOM and
 * DomUtils, not our tree or TextBuilder), and a DOCX builder for fixtures made in code.
 */
import { zipSync, strToU8 } from 'fflate';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';

/** Characters the readers remove by design everywhere (normalize.ts does the same for PDFs). */
const INVISIBLE = /[\s\u00AD\uFEFF\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

export interface SourceText {
  /** Text content in document order, without dropped elements and without moved ones. */
  main: string;
  /** Text of elements the reader moves elsewhere (footnotes), each on its own. */
  moved: string[];
}

/**
 * Text content of markup, parsed by htmlparser2's DOM builder. `drop(name, attrs, inContent)`
 * names what the reader drops by design (metadata, page chrome); `moved` names elements whose
 * text the reader relocates (footnotes after their unit).
 */
export function sourceText(
  markup: string,
  mode: 'html' | 'xml',
  drop: (local: string, attrs: Record<string, string>, inContent: boolean) => boolean,
  moved: ReadonlySet<string> = new Set(),
  /** When given, only text directly inside these elements counts (DOCX: w:t). */
  textIn?: ReadonlySet<string>,
): SourceText {
  const dom = parseDocument(markup, mode === 'xml' ? { xmlMode: true } : { recognizeSelfClosing: true });
  const out: SourceText = { main: '', moved: [] };
  const walk = (nodes: ChildNode[], sink: { text: string }, inContent: boolean, parent = ''): void => {
    for (const n of nodes) {
      if ('data' in n && n.nodeType === 3) {
        if (!textIn || textIn.has(parent)) sink.text += n.data;
      }
      else if ('attribs' in n) {
        const el: Element = n;
        const local = el.name.slice(el.name.indexOf(':') + 1);
        if (drop(local, el.attribs, inContent)) continue;
        const content = inContent || ['article', 'section', 'main'].includes(local);
        if (moved.has(local)) {
          const own = { text: '' };
          walk(el.children, own, content, local);
          out.moved.push(own.text);
        } else walk(el.children, sink, content, local);
      } else if ('children' in n && n.nodeType === 4) walk(n.children, sink, inContent);
    }
  };
  const sink = { text: '' };
  walk(dom.children, sink, false);
  out.main = sink.text;
  return out;
}

/**
 * How many visible characters of `source` appear in `text` in the same order (greedy
 * subsequence after NFC), and the first few that do not.
 */
export function inOrder(source: string, text: string): { total: number; found: number; missing: string[] } {
  const chars = [...source.normalize('NFC')].filter((c) => !INVISIBLE.test(c));
  let at = 0;
  let found = 0;
  const missing: string[] = [];
  for (const c of chars) {
    const i = text.indexOf(c, at);
    if (i < 0) {
      if (missing.length < 5) missing.push(`${JSON.stringify(c)} after ${JSON.stringify(text.slice(Math.max(0, at - 30), at))}`);
      continue;
    }
    found++;
    at = i + c.length;
  }
  return { total: chars.length, found, missing };
}

export interface DocxParts {
  document: string;
  numbering?: string;
  styles?: string;
  footnotes?: string;
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** A minimal but valid DOCX package around the given WordprocessingML bodies. */
export function makeDocx(parts: DocxParts): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${parts.document}</w:body></w:document>`),
  };
  if (parts.numbering) files['word/numbering.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}>${parts.numbering}</w:numbering>`);
  if (parts.styles) files['word/styles.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}>${parts.styles}</w:styles>`);
  if (parts.footnotes) files['word/footnotes.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:footnotes ${W}>${parts.footnotes}</w:footnotes>`);
  return zipSync(files);
}

/** A WordprocessingML paragraph: text runs, optional style and numbering. */
export function wp(text: string, opts: { style?: string; numId?: number; ilvl?: number } = {}): string {
  const numPr = opts.numId !== undefined ? `<w:numPr><w:ilvl w:val="${opts.ilvl ?? 0}"/><w:numId w:val="${opts.numId}"/></w:numPr>` : '';
  const style = opts.style ? `<w:pStyle w:val="${opts.style}"/>` : '';
  const pPr = style || numPr ? `<w:pPr>${style}${numPr}</w:pPr>` : '';
  return `<w:p>${pPr}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
}
