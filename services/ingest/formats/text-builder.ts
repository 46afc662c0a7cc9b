import { composeThaiSaraAm, foldArabicPresentationForms, removeBidiControls } from '../text/normalize.ts';
import { MarkupLimitError } from './limits.ts';
import type { StructureUnit, UnitMeta } from './types.ts';

/** Separators between words, weakest first; the strongest requested one wins. */
const BREAKS = ['', ' ', '\t', '\n', '\n\n'] as const;
type Break = (typeof BREAKS)[number];
const rank = (b: Break): number => BREAKS.indexOf(b);

/**
 * Character clean-up of one text chunk, the same steps the PDF/plain path applies per page
 * (normalize.ts): NFC, bidi controls out, Arabic presentation forms folded, Thai SARA AM
 * composed; plus soft hyphens and the BOM removed and C0 controls dropped (markup cannot carry
 * them meaningfully, XML 1.0 forbids most).
 */
export function cleanChunk(s: string): string {
  // eslint-disable-next-line no-control-regex -- dropping control characters is the point
  const cleaned = s.replace(/[\u00AD\uFEFF]|[\u0000-\u0008\u000B\u000E-\u001F\u007F]/g, '');
  return composeThaiSaraAm(foldArabicPresentationForms(removeBidiControls(cleaned))).normalize('NFC');
}

interface OpenUnit {
  meta: UnitMeta;
  start: number | null;
  bodyStart: number | null;
  wantBody: boolean;
}

/**
 * Builds the document text from markup events. The text is normalised by construction:
 * whitespace inside a line collapses to one space, lines carry no leading or trailing
 * whitespace, blocks are separated by one line break and units by a blank line. Separators
 * are only written when the next word arrives, so every unit and heading span starts and ends
 * on a non-space character.
 */
export class TextBuilder {
  private out = '';
  private pending: Break = '';
  private glued = false;
  private unit: OpenUnit | null = null;
  private heading: { start: number | null } | null = null;
  private deferred: Array<() => void> = [];
  readonly units: StructureUnit[] = [];
  readonly headings: Array<{ start: number; end: number }> = [];

  constructor(private readonly maxChars: number) {}

  get length(): number {
    return this.out.length;
  }

  /** Inline text; runs of whitespace become one space. */
  text(raw: string): void {
    const s = cleanChunk(raw);
    const re = /\s+|[^\s]+/gu;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      if (/^\s/u.test(m[0])) this.raise(' ');
      else this.word(m[0]);
    }
  }

  /** A word (no whitespace inside) written exactly as given, e.g. a list marker. */
  word(w: string): void {
    if (!w) return;
    this.commit();
    this.out += w;
    if (this.out.length > this.maxChars) throw new MarkupLimitError(`document text exceeds ${this.maxChars} characters`);
  }

  space(): void {
    this.raise(' ');
  }

  /** Table cells: a tab between cells of one row. */
  cell(): void {
    this.raise('\t');
  }

  line(): void {
    this.raise('\n');
  }

  paragraph(): void {
    this.raise('\n\n');
  }

  /** The next line break becomes a space: "(a)" and its text, "1." and its paragraph, stay on one line. */
  glue(): void {
    this.glued = true;
  }

  /** Close the open unit (if any) and open one; it starts at the next word. */
  beginUnit(meta: UnitMeta): void {
    this.endUnit();
    this.paragraph();
    this.glued = false;
    this.unit = { meta, start: null, bodyStart: null, wantBody: false };
  }

  /** Change the open unit's citation (a heading turned out to belong to paragraph 1). */
  retarget(meta: UnitMeta): void {
    if (this.unit) this.unit.meta = meta;
  }

  get openUnit(): UnitMeta | null {
    return this.unit?.meta ?? null;
  }

  /** True when the open unit has body text (not only heading lines). */
  get unitHasBody(): boolean {
    return this.unit !== null && this.unit.bodyStart !== null;
  }

  /** The open unit's body (after its heading lines) starts at the next word. */
  markBody(): void {
    if (this.unit && this.unit.bodyStart === null) this.unit.wantBody = true;
  }

  endUnit(): void {
    const u = this.unit;
    this.unit = null;
    if (u && u.start !== null) {
      const bodyStart = u.bodyStart ?? (u.wantBody ? this.out.length : u.start);
      this.units.push({ ...u.meta, start: u.start, end: this.out.length, bodyStart: Math.min(bodyStart, this.out.length) });
      this.paragraph();
    }
    this.runDeferred();
  }

  /** Run `fn` (which may emit units, e.g. footnotes) once the open unit is closed. */
  defer(fn: () => void): void {
    if (this.unit) this.deferred.push(fn);
    else fn();
  }

  /** True between beginHeading and endHeading. */
  get inHeading(): boolean {
    return this.heading !== null;
  }

  beginHeading(): void {
    this.line();
    this.heading = { start: null };
  }

  endHeading(): void {
    const h = this.heading;
    this.heading = null;
    if (h && h.start !== null && this.out.length > h.start) this.headings.push({ start: h.start, end: this.out.length });
    this.line();
  }

  /** The text written since `from` (an earlier `length`). */
  since(from: number): string {
    return this.out.slice(from);
  }

  finish(): string {
    this.endUnit();
    this.runDeferred();
    return this.out;
  }

  private runDeferred(): void {
    while (this.deferred.length && !this.unit) {
      const fns = this.deferred;
      this.deferred = [];
      for (const fn of fns) fn();
    }
  }

  private raise(b: Break): void {
    if (rank(b) > rank(this.pending)) this.pending = b;
  }

  private commit(): void {
    let sep: Break = this.out.length === 0 ? '' : this.pending;
    if (this.glued && rank(sep) >= rank('\n')) sep = ' ';
    this.glued = false;
    this.pending = '';
    this.out += sep;
    const at = this.out.length;
    if (this.unit) {
      if (this.unit.start === null) this.unit.start = at;
      if (this.unit.wantBody && this.unit.bodyStart === null) this.unit.bodyStart = at;
    }
    if (this.heading && this.heading.start === null) this.heading.start = at;
  }
}
