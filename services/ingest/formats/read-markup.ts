import { readAkomaNtoso, isAkomaNtoso } from './akn.ts';
import { readDocx } from './docx.ts';
import { decodeMarkup } from './encoding.ts';
import { isFormex, readFormex } from './formex.ts';
import { readGenericXml } from './generic-xml.ts';
import { readHtml } from './html.ts';
import { DEFAULT_MARKUP_LIMITS, type MarkupLimits } from './limits.ts';
import { parseMarkup, rootElement, stripDoctype } from './markup-tree.ts';
import type { TextBuilder } from './text-builder.ts';
import type { MarkupFormat, StructuredText } from './types.ts';

export type MarkupKind = 'html' | 'xml' | 'docx';

function result(b: TextBuilder, format: MarkupFormat, reason: string): StructuredText {
  const text = b.finish();
  return { text, units: b.units, headings: b.headings, format, reason };
}

/**
 * Bytes of an HTML, XML or DOCX document → normalised text and the structure units its markup
 * states. Throws DocumentInputError subclasses for undecodable, oversized or hostile input.
 */
export function readMarkup(bytes: Uint8Array, kind: MarkupKind, filename: string, limits: MarkupLimits = DEFAULT_MARKUP_LIMITS): StructuredText {
  if (kind === 'docx') {
    const { builder, paragraphs, numbered } = readDocx(bytes, limits);
    return result(builder, 'docx', `DOCX: ${paragraphs} paragraphs, ${numbered} with list numbers from numbering.xml`);
  }
  const decoded = decodeMarkup(bytes, kind, filename);
  if (kind === 'html') {
    const root = parseMarkup(decoded.text, 'html', limits);
    const xhtml = /^\s*<\?xml/i.test(decoded.text);
    const { builder, eurlex, counts } = readHtml(root, limits);
    const structure = eurlex
      ? `EUR-Lex structure: ${counts.recitals} recitals, ${counts.articles} articles, ${counts.annexes} annexes, ${counts.footnotes} footnotes`
      : 'no structure markup; headings read from the text';
    return result(builder, xhtml ? 'xhtml' : 'html', `${xhtml ? 'XHTML' : 'HTML'}, ${decoded.reason}; ${structure}`);
  }
  const root = parseMarkup(stripDoctype(decoded.text), 'xml', limits);
  const top = rootElement(root);
  if (top && isAkomaNtoso(top)) {
    const { builder, counts, leaf } = readAkomaNtoso(root, limits);
    return result(builder, 'akn', `Akoma Ntoso XML, ${decoded.reason}; ${counts.recitals} recitals, ${counts.provisions} ${leaf ?? 'provision'}s, ${counts.annexes} annexes, ${counts.footnotes} notes`);
  }
  if (top && isFormex(top)) {
    const { builder, counts } = readFormex(root, limits);
    return result(builder, 'formex', `Formex XML, ${decoded.reason}; ${counts.recitals} recitals, ${counts.articles} articles, ${counts.annexes} annexes, ${counts.footnotes} footnotes`);
  }
  return result(readGenericXml(root, limits), 'xml', `XML <${top?.name ?? '?'}>, ${decoded.reason}; element structure as lines, headings read from the text`);
}
