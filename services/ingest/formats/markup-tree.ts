import { Parser } from 'htmlparser2';
import { DEFAULT_MARKUP_LIMITS, MarkupLimitError, type MarkupLimits } from './limits.ts';

/** A parsed element: name as written (lower-cased for HTML), local name without a prefix. */
export interface El {
  name: string;
  local: string;
  attrs: Record<string, string>;
  children: Node[];
}
export type Node = El | string;

export const isEl = (n: Node): n is El => typeof n !== 'string';

/**
 * Parse HTML or XML into a light tree with htmlparser2's streaming tokenizer, enforcing depth
 * and element limits while parsing (the walkers recurse, so depth is also a stack guard).
 * Entities: HTML named and numeric entities are decoded by the parser; in XML only the five
 * predefined and numeric ones. DTD entities are never expanded: htmlparser2 has no DTD support,
 * and `rejectEntityDeclarations` refuses documents that declare any (billion laughs, XXE)
 * before they get here.
 */
export function parseMarkup(source: string, mode: 'html' | 'xml', limits: MarkupLimits = DEFAULT_MARKUP_LIMITS): El {
  if (source.length > limits.maxChars) throw new MarkupLimitError(`markup has ${source.length} characters; the limit is ${limits.maxChars}`);
  const root: El = { name: '#root', local: '#root', attrs: {}, children: [] };
  const stack: El[] = [root];
  let elements = 0;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (++elements > limits.maxElements) throw new MarkupLimitError(`markup has more than ${limits.maxElements} elements`);
        if (stack.length > limits.maxDepth) throw new MarkupLimitError(`markup nests elements deeper than ${limits.maxDepth} levels`);
        const el: El = { name, local: name.slice(name.indexOf(':') + 1), attrs: attribs, children: [] };
        stack.at(-1)!.children.push(el);
        stack.push(el);
      },
      onclosetag() {
        if (stack.length > 1) stack.pop();
      },
      ontext(data) {
        const top = stack.at(-1)!;
        const last = top.children.at(-1);
        if (typeof last === 'string') top.children[top.children.length - 1] = last + data;
        else top.children.push(data);
      },
    },
    mode === 'xml'
      ? { xmlMode: true, decodeEntities: true }
      : { xmlMode: false, decodeEntities: true, recognizeSelfClosing: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(source);
  parser.end();
  return root;
}

/**
 * Refuse XML whose DOCTYPE declares entities: expanding them is how billion-laughs and XXE
 * attacks work, and leaving their references unexpanded would drop text silently. External DTD
 * references without an internal subset (gesetze-im-internet's gii-norm.dtd) are fine and ignored.
 * Returns the source with the DOCTYPE removed, since its internal subset is not markup to parse.
 */
export function stripDoctype(source: string): string {
  const start = source.search(/<!DOCTYPE\b/i);
  if (start < 0) return source;
  // The internal subset, if any, is the bracketed part; quoted strings may contain '>'.
  const re = /"[^"]*"|'[^']*'|\[|\]|>/g;
  re.lastIndex = start + 9;
  let depth = 0;
  let end = -1;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    if (m[0] === '[') depth++;
    else if (m[0] === ']') depth--;
    else if (m[0] === '>' && depth <= 0) {
      end = m.index + 1;
      break;
    }
  }
  if (end < 0) end = source.length;
  const doctype = source.slice(start, end);
  if (/<!ENTITY\b/i.test(doctype)) {
    throw new MarkupLimitError('XML declares entities in its DOCTYPE; entity expansion is refused (billion-laughs and external-entity guard)');
  }
  return source.slice(0, start) + source.slice(end);
}

/** All text below a node, in document order (no separators). */
export function textContent(node: Node): string {
  if (typeof node === 'string') return node;
  let out = '';
  const stack: Node[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (typeof n === 'string') out += n;
    else for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

/** Direct element children with the given local name(s). */
export function childrenNamed(el: El, ...names: string[]): El[] {
  return el.children.filter((c): c is El => isEl(c) && names.includes(c.local));
}

export function firstChild(el: El, ...names: string[]): El | undefined {
  return el.children.find((c): c is El => isEl(c) && names.includes(c.local));
}

/** Depth-first search for the first element with one of the local names. */
export function findFirst(el: El, names: ReadonlySet<string>): El | undefined {
  const stack: El[] = [el];
  while (stack.length) {
    const n = stack.pop()!;
    if (names.has(n.local)) return n;
    for (let i = n.children.length - 1; i >= 0; i--) {
      const c = n.children[i]!;
      if (isEl(c)) stack.push(c);
    }
  }
  return undefined;
}

export function rootElement(root: El): El | undefined {
  return root.children.find(isEl);
}
