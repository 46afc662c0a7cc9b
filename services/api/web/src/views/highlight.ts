/** A piece of the document text: plain, or covered by one or more obligations. */
export interface Piece { start: number; end: number; ids: string[]; page?: number }

/**
 * Cuts [0, length) at every obligation boundary and page start, so overlapping obligations (two
 * duties in one sentence) become nested-free pieces, each listing the obligations covering it.
 */
export function cutPieces(length: number, spans: { id: string; start: number; end: number }[], pageStarts: { n: number; start: number }[]): Piece[] {
  const cuts = new Set<number>([0, length]);
  for (const s of spans) { cuts.add(Math.max(0, s.start)); cuts.add(Math.min(length, s.end)); }
  for (const p of pageStarts) cuts.add(p.start);
  const points = [...cuts].filter((c) => c >= 0 && c <= length).sort((a, b) => a - b);
  const pageAt = new Map(pageStarts.map((p) => [p.start, p.n]));
  const pieces: Piece[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const ids = spans.filter((s) => s.start <= start && s.end >= end).map((s) => s.id);
    pieces.push({ start, end, ids, page: pageAt.get(start) });
  }
  return pieces;
}
