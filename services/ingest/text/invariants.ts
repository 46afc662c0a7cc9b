import { DocumentText } from '../../../schemas/text.ts';

/**
 * Everything downstream relies on: evidence quotes are `text.slice(start, end)`, so every span
 * must be in range, trimmed and non-empty, segments and pages in order, and no boundary may
 * split a surrogate pair. Returns the violations (empty when the document is sound), so tests
 * and the ingest job can both use it.
 */
export function documentTextProblems(doc: DocumentText): string[] {
  const problems: string[] = [];
  const parsed = DocumentText.safeParse(doc);
  if (!parsed.success) problems.push(`schema: ${parsed.error.message}`);
  const { text } = doc;
  const checkSpan = (what: string, start: number, end: number, trimmed: boolean): void => {
    if (!(start >= 0 && start <= end && end <= text.length)) {
      problems.push(`${what}: [${start}, ${end}) is outside the text (${text.length})`);
      return;
    }
    if (splitsPair(text, start) || splitsPair(text, end)) problems.push(`${what}: boundary splits a surrogate pair`);
    if (!trimmed) return;
    const slice = text.slice(start, end);
    if (!slice) problems.push(`${what}: empty`);
    else if (slice !== slice.trim()) problems.push(`${what}: not trimmed`);
  };

  let previous = 0;
  doc.pages.forEach((p, i) => {
    if (p.n !== i + 1) problems.push(`page ${i + 1}: numbered ${p.n}`);
    if (p.start < previous) problems.push(`page ${p.n}: starts before the previous page ends`);
    checkSpan(`page ${p.n}`, p.start, p.end, false);
    previous = p.end;
  });

  previous = 0;
  doc.segments.forEach((s, i) => {
    const what = `segment ${i}`;
    if (s.ordinal !== i) problems.push(`${what}: ordinal ${s.ordinal}`);
    if (s.start < previous) problems.push(`${what}: overlaps the previous segment`);
    checkSpan(what, s.start, s.end, true);
    if (s.pageStart > s.pageEnd || s.pageEnd > Math.max(1, doc.pages.length)) problems.push(`${what}: pages ${s.pageStart}-${s.pageEnd}`);
    let sentenceEnd = s.start;
    s.sentences.forEach((t, j) => {
      if (t.start < sentenceEnd || t.end > s.end) problems.push(`${what} sentence ${j}: outside its segment or out of order`);
      checkSpan(`${what} sentence ${j}`, t.start, t.end, true);
      sentenceEnd = t.end;
    });
    previous = s.end;
  });
  return problems;
}

function splitsPair(text: string, offset: number): boolean {
  const code = text.charCodeAt(offset);
  const before = text.charCodeAt(offset - 1);
  return code >= 0xdc00 && code <= 0xdfff && before >= 0xd800 && before <= 0xdbff;
}
