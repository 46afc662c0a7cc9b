/** The parts of a pdf.js TextItem that line assembly needs (kept structural so it is testable). */
export interface PositionedText {
  str: string;
  /** pdf.js transform [a, b, c, d, e, f]: e/f are the origin, |(c, d)| is the font's vertical scale. */
  transform: readonly number[];
  width: number;
  hasEOL: boolean;
  dir?: string;
}

/** A baseline moving more than this share of the font size means a new line. */
const NEW_LINE_SHIFT = 0.5;
/** A horizontal gap wider than this share of the font size is a word space the PDF did not encode. */
const WORD_GAP = 0.25;
/** A baseline drop beyond this many font sizes is a paragraph gap, kept as a blank line. */
const PARAGRAPH_DROP = 1.9;

/**
 * Join one page's text items into lines. pdf.js marks line ends with `hasEOL`, but not every
 * producer lets it: items on a new baseline without the flag still start a new line, and a
 * larger vertical jump becomes a blank line so that paragraph segmentation can see it.
 */
export function joinTextItems(items: readonly PositionedText[]): string {
  let out = '';
  let prev: { x: number; y: number; endX: number; size: number; eol: boolean; vertical: boolean } | null = null;

  for (const item of items) {
    const [, , c = 0, d = 0, x = 0, y = 0] = item.transform;
    const size = Math.hypot(c, d) || 10;
    const vertical = item.dir === 'ttb';

    if (item.str === '') {
      // pdf.js emits empty items that only carry the end-of-line flag.
      if (item.hasEOL && prev) prev.eol = true;
      continue;
    }

    if (prev) {
      const shift = vertical ? Math.abs(x - prev.x) : Math.abs(y - prev.y);
      const ref = Math.max(size, prev.size);
      if (prev.eol || shift > ref * NEW_LINE_SHIFT) {
        out = out.replace(/[ \t]+$/, '');
        const drop = vertical ? Math.abs(prev.x - x) : prev.y - y;
        out += drop > ref * PARAGRAPH_DROP ? '\n\n' : '\n';
      } else if (!vertical && x - prev.endX > ref * WORD_GAP && !/\s$/.test(out) && !/^\s/.test(item.str)) {
        out += ' ';
      }
    }

    out += item.str;
    prev = { x, y, endX: x + item.width, size, eol: item.hasEOL, vertical };
  }
  return out.replace(/[ \t]+$/, '');
}
