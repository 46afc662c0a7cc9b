import type { SegmentKind } from '../../../schemas/text.ts';

/** The markup dialects the readers understand; the detected one is named in the page reason. */
export type MarkupFormat = 'html' | 'xhtml' | 'formex' | 'akn' | 'xml' | 'docx';

/** What a unit of structure is, as the markup states it. */
export interface UnitMeta {
  kind: SegmentKind;
  /** Citation path in the document's own words: "CHAPTER IV > Article 33(1)", "Recital 22". */
  citation: string;
  /** Normalised machine form ("chap:4/art:33/par:1"), in the format of segments/citation-key.ts. */
  citationKey: string | null;
  /** The heading lines that open the unit ("Article 33\nNotification …"), or null. */
  heading: string | null;
}

/**
 * A stretch of the reader's text that the markup marks as one unit. Offsets are UTF-16 into
 * StructuredText.text; start/end are trimmed (no whitespace at either edge); bodyStart is where
 * the text after the heading lines starts (== start when there is no heading).
 */
export interface StructureUnit extends UnitMeta {
  start: number;
  end: number;
  bodyStart: number;
}

/** A reader's result: the normalised document text and the units the markup states. */
export interface StructuredText {
  text: string;
  /** In document order, non-overlapping. Empty when the markup states no legal structure. */
  units: StructureUnit[];
  /** Container headings (chapter/section titles) outside every unit, for the no-text-lost check. */
  headings: Array<{ start: number; end: number }>;
  format: MarkupFormat;
  /** One line for the page record: format, encoding and what structure was read. */
  reason: string;
}
