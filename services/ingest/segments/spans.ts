/** Half-open UTF-16 range [start, end) into a text. */
export interface Span {
  start: number;
  end: number;
}

/** The span without surrounding whitespace, or null if nothing is left. */
export function trimSpan(text: string, span: Span): Span | null {
  let { start, end } = span;
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return start < end ? { start, end } : null;
}

/** Paragraphs of a region: runs of text separated by blank lines, each trimmed. */
export function paragraphSpans(text: string, region: Span): Span[] {
  const out: Span[] = [];
  const blank = /\n[ \t\u3000]*\n\s*/g;
  blank.lastIndex = region.start;
  let from = region.start;
  for (let m = blank.exec(text); m && m.index < region.end; m = blank.exec(text)) {
    push(out, trimSpan(text, { start: from, end: Math.min(m.index, region.end) }));
    from = m.index + m[0].length;
  }
  if (from < region.end) push(out, trimSpan(text, { start: from, end: region.end }));
  return out;
}

function push(out: Span[], span: Span | null): void {
  if (span) out.push(span);
}

/**
 * Last resort for a single sentence longer than `max` (tables flattened into one line): cut at
 * the last whitespace before the limit, or at the limit itself, never inside a surrogate pair.
 */
export function hardSplit(text: string, span: Span, max: number): Span[] {
  const out: Span[] = [];
  let start = span.start;
  while (span.end - start > max) {
    let cut = text.lastIndexOf(' ', start + max);
    if (cut <= start + max / 2) cut = safeBoundary(text, start + max);
    push(out, trimSpan(text, { start, end: cut }));
    start = cut;
  }
  push(out, trimSpan(text, { start, end: span.end }));
  return out;
}

/** Move an offset back off the low half of a surrogate pair. */
export function safeBoundary(text: string, offset: number): number {
  const code = text.charCodeAt(offset);
  const before = text.charCodeAt(offset - 1);
  const splitsPair = code >= 0xdc00 && code <= 0xdfff && before >= 0xd800 && before <= 0xdbff;
  return splitsPair ? offset - 1 : offset;
}
