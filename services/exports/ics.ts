import type { ObligationListItem } from '../../schemas/api.ts';

/**
 * iCalendar (RFC 5545) for obligations with a calendar date: the analyst's due date, else a
 * corrected or extracted deadline that is a date. Durations ("P30D") have no date until their
 * trigger is known, so they are skipped and counted in X-OBLIGATO-SKIPPED-* calendar properties.
 * Written by hand: all that is needed is text escaping, octet-based folding and one all-day VEVENT
 * per row (~60 lines), which a test parses back strictly (test/search-deadlines.test.ts).
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, and newlines as \n. */
export function escapeText(value: string): string {
  return value.replace(/[\\;,]/g, (m) => `\\${m}`).replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line at 75 octets (§3.1), never inside a UTF-8 sequence, with CRLF + space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    // The first line holds 75 octets; continuation lines start with a space, so 74 more.
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** The date an obligation falls due on, or null when it has none (a duration, or no deadline). */
export function resolvedDate(o: ObligationListItem): string | null {
  for (const candidate of [o.review.due, o.review.corrected.deadlineIso, o.deadline.iso]) {
    if (candidate && DAY.test(candidate)) return candidate;
  }
  return null;
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const icsDate = (day: string) => day.replaceAll('-', '');

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export interface IcsResult {
  body: string;
  events: number;
  /** Rows with a deadline that is a duration and no date to resolve it from. */
  skippedDurations: number;
  /** Rows with no deadline at all. */
  skippedUndated: number;
}

export async function buildIcs(pages: AsyncIterable<ObligationListItem[]>, now = new Date()): Promise<IcsResult> {
  const events: string[][] = [];
  let skippedDurations = 0;
  let skippedUndated = 0;
  for await (const page of pages) {
    for (const o of page) {
      const day = resolvedDate(o);
      if (!day) {
        if (o.review.corrected.deadlineIso ?? o.deadline.iso ?? o.review.corrected.deadlineText ?? o.deadline.text) skippedDurations += 1;
        else skippedUndated += 1;
        continue;
      }
      const subject = o.review.corrected.subject ?? o.subject;
      const action = o.review.corrected.action ?? o.action;
      const modality = o.review.corrected.modality ?? o.modality;
      const deadlineText = o.review.corrected.deadlineText ?? o.deadline.text;
      const description = [
        `${o.citation} — ${o.documentFilename} (page ${o.page})`,
        deadlineText ? `Deadline: ${deadlineText}` : null,
        `Quote: ${o.quote}`,
        o.review.note ? `Note: ${o.review.note}` : null,
      ].filter((l): l is string => l !== null).join('\n');
      events.push([
        'BEGIN:VEVENT',
        `UID:${o.id}@obligato`,
        `DTSTAMP:${stamp(now)}`,
        `DTSTART;VALUE=DATE:${icsDate(day)}`,
        `DTEND;VALUE=DATE:${icsDate(nextDay(day))}`,
        `SUMMARY:${escapeText(`${o.citation}: ${subject} ${modality} ${action}`)}`,
        `DESCRIPTION:${escapeText(description)}`,
        `CATEGORIES:${escapeText(modality)}`,
        `X-OBLIGATO-REVIEW-STATUS:${escapeText(o.review.status)}`,
        ...(o.review.owner ? [`X-OBLIGATO-OWNER:${escapeText(o.review.owner)}`] : []),
        'END:VEVENT',
      ]);
    }
  }
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Obligato//Obligations export//EN',
    'CALSCALE:GREGORIAN',
    'X-WR-CALNAME:Obligations',
    `X-OBLIGATO-SKIPPED-DURATIONS:${skippedDurations}`,
    `X-OBLIGATO-SKIPPED-UNDATED:${skippedUndated}`,
    ...events.flat(),
    'END:VCALENDAR',
  ];
  return { body: lines.map((l) => `${foldLine(l)}\r\n`).join(''), events: events.length, skippedDurations, skippedUndated };
}
