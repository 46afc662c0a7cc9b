import { citationKey } from './citation-key.ts';
import { parseHeading } from './headings.ts';
import { isTocLine, isTocTitle, linesOf, type KindRegion } from './kinds.ts';
import type { Span } from './spans.ts';

/** What the TOC detector needs to know about a heading line. */
export interface TocHeading {
  lineStart: number;
  lineEnd: number;
  label: string;
  title: string | null;
  /** Set when the heading line carries body text after the heading ("第五条 处理…"). */
  bodyStart: number | null;
  /** Rank (HEADING_LEVEL): sections restart their numbers in every chapter, chapters do not. */
  level: number;
}

/**
 * A heading that repeats an entry at the level the TOC opened with: the body after the TOC has
 * begun. (Not the widest level seen: APPI's TOC ends with 附則, wider than its chapters.)
 */
class Repeats {
  private keys = new Set<string>();
  private first = Infinity;

  add(h: TocHeading): boolean {
    const key = citationKey(h.label) ?? h.label;
    if (this.first === Infinity) this.first = h.level;
    const repeat = h.level <= this.first && this.keys.has(key);
    this.keys.add(key);
    return repeat;
  }

  reset(): void {
    this.keys.clear();
    this.first = Infinity;
  }
}

/** Fewest entries for a table of contents. */
const MIN_ENTRIES = 3;
const MAX_ENTRY_LINE = 160;

/**
 * Tables of contents: a "Contents" title and the entries under it, lines ending in dot leaders
 * and page numbers, or a run of headings with nothing but a title between them. A TOC ends where
 * a heading repeats one it already listed (the body's "CHAPTER I" after the TOC's "Chapter I").
 * Headings inside a TOC are not structure.
 */
export function tocRegions(text: string, headings: readonly TocHeading[]): KindRegion[] {
  const regions: Span[] = [...byTitleOrLeaders(text, headings), ...byEmptyHeadings(text, headings)];
  regions.sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const r of regions) {
    const last = merged.at(-1);
    if (last && r.start <= last.end + 1) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged.map((r) => ({ ...r, kind: 'toc', citation: '', citationKey: null }));
}

function byTitleOrLeaders(text: string, headings: readonly TocHeading[]): Span[] {
  const lines = linesOf(text);
  const headingAt = new Map(headings.map((h) => [h.lineStart, h]));
  const out: Span[] = [];
  let i = 0;
  while (i < lines.length) {
    const titled = isTocTitle(lines[i]!.text);
    if (!titled && !isTocLine(lines[i]!.text)) {
      i++;
      continue;
    }
    const seen = new Repeats();
    let entries = 0;
    let leaders = 0;
    let end = lines[i]!.end;
    let j = titled ? i + 1 : i;
    for (; j < lines.length; j++) {
      const l = lines[j]!;
      const t = l.text.trim();
      if (!t) continue;
      const h = headingAt.get(l.start);
      if (h && seen.add(h)) break;
      const leader = isTocLine(t);
      // Entries: headings, lines with leaders, short title lines between them.
      if (!leader && !h && (t.length > MAX_ENTRY_LINE || /[.;:!?。；：]$/u.test(t))) break;
      if (leader) leaders++;
      if (leader || h) entries++;
      end = l.end;
    }
    if (entries >= MIN_ENTRIES && (titled || leaders >= MIN_ENTRIES)) out.push({ start: lines[i]!.start, end });
    i = Math.max(i + 1, j);
  }
  return out;
}

/** Runs of headings with at most a title line between consecutive ones. */
function byEmptyHeadings(text: string, headings: readonly TocHeading[]): Span[] {
  const out: Span[] = [];
  let run: TocHeading[] = [];
  const seen = new Repeats();
  const flush = (): void => {
    if (run.length >= MIN_ENTRIES) out.push({ start: run[0]!.lineStart, end: titleLineEnd(text, run.at(-1)!) });
    run = [];
    seen.reset();
  };
  headings.forEach((h, i) => {
    const key = citationKey(h.label) ?? h.label;
    const next = headings[i + 1];
    const gap = text.slice(h.lineEnd, next ? next.lineStart : text.length);
    const bodyless = next !== undefined && h.bodyStart === null && isBodyless(gap) && !/^[([]/u.test(h.title ?? '');
    // The TOC's last entry has body text after it (the preamble) but continues the numbering.
    const entry = bodyless || (run.length >= MIN_ENTRIES && continuesNumbering(run, key));
    if (entry && seen.add(h)) {
      flush();
      seen.add(h);
    }
    if (entry) run.push(h);
    if (!bodyless) flush();
  });
  flush();
  return out;
}

/** "chap:11" after a run holding "chap:10". */
function continuesNumbering(run: readonly TocHeading[], key: string): boolean {
  const m = /^(?:.*\/)?([a-z]+):(\d+)$/.exec(key);
  if (!m) return false;
  const previous = `${m[1]}:${Number(m[2]) - 1}`;
  return run.some((h) => (citationKey(h.label) ?? '').split('/').at(-1) === previous);
}

function isBodyless(gap: string): boolean {
  const lines = gap.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length > 1) return false;
  const t = lines[0];
  return t === undefined || (t.length <= 120 && !/^[([]/u.test(t) && !/[.;:!?。；：]$/u.test(t));
}

function titleLineEnd(text: string, h: TocHeading): number {
  const nl = text.indexOf('\n', h.lineEnd + 1);
  const next = text.slice(h.lineEnd + 1, nl < 0 ? text.length : nl).trim();
  return next && isBodyless(next) && !parseHeading(next) ? (nl < 0 ? text.length : nl) : h.lineEnd;
}
