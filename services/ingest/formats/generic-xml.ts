import { DEFAULT_MARKUP_LIMITS, type MarkupLimits } from './limits.ts';
import { isEl, type El } from './markup-tree.ts';
import { TextBuilder } from './text-builder.ts';

/**
 * Any other XML: its text with its element structure. An element is inline when its parent
 * mixes it with text (mixed content, as in `<p>see <ref>Art. 5</ref> below</p>`); every other
 * element is a block on its own lines. No legal structure is read (that needs a known
 * vocabulary); headings in the text are found by the plain-text segmenter.
 */
export function readGenericXml(root: El, limits: MarkupLimits = DEFAULT_MARKUP_LIMITS): TextBuilder {
  const b = new TextBuilder(limits.maxChars);
  const visit = (el: El, inline: boolean): void => {
    if (!inline) b.line();
    const mixed = el.children.some((c) => typeof c === 'string' && /\S/u.test(c));
    for (const c of el.children) {
      if (typeof c === 'string') b.text(c);
      else visit(c, mixed);
    }
    if (!inline) b.line();
  };
  for (const c of root.children) if (isEl(c)) visit(c, false);
  b.finish();
  return b;
}
