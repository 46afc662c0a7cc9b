/**
 * Span matching after normalisation, with a map back to the original offsets. Models re-type
 * what they copy: curly quotes become straight, runs of whitespace and line breaks collapse,
 * case drifts, full-width forms narrow. Matching on a normalised copy tolerates that, and the map
 * turns the match back into offsets of the original text, which is what gets stored.
 *
 * The unit is the grapheme cluster (Intl.Segmenter): offsets only ever land on cluster
 * boundaries, which are also code-point boundaries, so a match can never split a surrogate pair
 * (emoji, CJK extension B) or a combining sequence (Devanagari, Thai, Arabic harakat).
 */
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

const FOLD: Readonly<Record<string, string>> = {
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u02BC': "'", '\u2032': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u00AB': '"', '\u00BB': '"', '\u300C': '"', '\u300D': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2212': '-',
};
/** Characters that carry no content for matching: soft hyphen, zero-width space/joiners, BOM. */
const INVISIBLE = /^(?:\u00AD|\u200B|\u200C|\u200D|\u2060|\uFEFF)+$/u;

export interface NormalizedText {
  text: string;
  /** For each UTF-16 unit of `text`: start / end offset of the source grapheme it came from. */
  starts: number[];
  ends: number[];
}

export function normalizeForMatch(source: string): NormalizedText {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (const { segment, index } of graphemes.segment(source)) {
    let piece: string;
    if (/^\s+$/u.test(segment)) {
      // Whitespace collapses to one space, never leading.
      if (!text.length || text.endsWith(' ')) continue;
      piece = ' ';
    } else if (INVISIBLE.test(segment)) {
      continue;
    } else {
      piece = [...segment.normalize('NFKC').toLowerCase()].map((ch) => FOLD[ch] ?? ch).join('');
    }
    text += piece;
    for (let i = 0; i < piece.length; i++) {
      starts.push(index);
      ends.push(index + segment.length);
    }
  }
  // Drop one trailing space so "span " and "span" normalise alike.
  if (text.endsWith(' ')) {
    text = text.slice(0, -1);
    starts.pop();
    ends.pop();
  }
  return { text, starts, ends };
}

/**
 * Offsets of `needle` in `haystack` (first occurrence) after normalisation, or null. The match
 * is widened to whole source graphemes at both ends.
 */
export function findNormalized(haystack: string, needle: string): { start: number; end: number } | null {
  const n = normalizeForMatch(needle).text;
  if (!n) return null;
  const h = normalizeForMatch(haystack);
  const at = h.text.indexOf(n);
  if (at < 0) return null;
  return { start: h.starts[at]!, end: h.ends[at + n.length - 1]! };
}
