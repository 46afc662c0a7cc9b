/**
 * Which segments reach an extraction engine. Only binding text does by default: recitals,
 * preambles, tables of contents, footnotes and signature blocks state no law, and in EU acts they
 * were 38–65% of all obligations before this filter (issue 9). A document submitted with
 * include-recitals sends them too; their rows are then stored with binding = false.
 */
import type { SegmentRow } from '../../schemas/tables.ts';
import { BINDING_SEGMENT_KINDS, type SegmentKind } from '../../schemas/text.ts';

const BINDING: ReadonlySet<SegmentKind> = new Set(BINDING_SEGMENT_KINDS);

/** True when text of this kind states binding law (article, definition, annex, table, other). */
export function isBindingKind(kind: SegmentKind | null | undefined): boolean {
  return kind == null || BINDING.has(kind);
}

/** The skip reason recorded for a non-binding segment ("non-binding: recital"). */
export function nonBindingReason(kind: SegmentKind): string {
  return `non-binding: ${kind}`;
}

/** The outcome recorded for a segment that never reaches an engine (a run segment with status 'skipped'). */
export interface SkippedSegment {
  segmentId: string;
  status: 'skipped';
  skipReason: string;
  promptTokens: number;
  completionTokens: number;
  durationMs: number;
  obligations: never[];
}

export interface SegmentSelection<S> {
  /** Segments for the engine, in the given order. */
  extract: S[];
  /** Outcomes to record for segments that never reach the engine. */
  skipped: SkippedSegment[];
}

/**
 * Splits segments into those an engine reads and those recorded as skipped. With
 * `includeRecitals`, every segment is read (the caller marks rows of non-binding kinds).
 */
export function selectSegments<S extends Pick<SegmentRow, 'id' | 'kind'>>(
  segments: readonly S[], includeRecitals: boolean,
): SegmentSelection<S> {
  if (includeRecitals) return { extract: [...segments], skipped: [] };
  const extract: S[] = [];
  const skipped: SkippedSegment[] = [];
  for (const s of segments) {
    if (isBindingKind(s.kind)) extract.push(s);
    else {
      skipped.push({
        segmentId: s.id, status: 'skipped', skipReason: nonBindingReason(s.kind), promptTokens: 0, completionTokens: 0,
        durationMs: 0, obligations: [],
      });
    }
  }
  return { extract, skipped };
}
