import { isEl, textContent, type El, type Node } from './markup-tree.ts';
import type { TextBuilder } from './text-builder.ts';

/** How a reader treats elements it has no specific handler for. */
export interface BlockRules {
  /** Local names rendered inline (no line break around them). Everything else is a block. */
  inline: ReadonlySet<string>;
  /** Local names dropped with their content (metadata, scripts, images). */
  skip: ReadonlySet<string>;
}

export type Visit = (el: El) => void;

/** Children in order: text inline, elements through `visit`. */
export function renderChildren(el: El, b: TextBuilder, visit: Visit): void {
  for (const c of el.children) {
    if (typeof c === 'string') b.text(c);
    else visit(c);
  }
}

/** The default: skipped, inline, or a block on its own lines. */
export function renderDefault(el: El, b: TextBuilder, rules: BlockRules, visit: Visit): void {
  if (rules.skip.has(el.local)) return;
  const block = !rules.inline.has(el.local);
  if (block) b.line();
  renderChildren(el, b, visit);
  if (block) b.line();
}

/** Text of an element as one line: whitespace collapsed, trimmed. */
export function lineText(node: Node | undefined): string {
  if (!node) return '';
  return textContent(node).replace(/\s+/gu, ' ').trim();
}

/** A list marker or number written by the markup ("(a)", "1.", "—"), then glued to what follows. */
export function marker(b: TextBuilder, text: string): void {
  const t = text.replace(/\s+/gu, ' ').trim();
  if (!t) return;
  b.line();
  b.text(t);
  b.space();
  b.glue();
}

export function hasElementChildren(el: El): boolean {
  return el.children.some(isEl);
}
