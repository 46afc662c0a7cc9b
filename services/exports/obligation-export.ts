import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ObligationListItem } from '../../schemas/api.ts';

/** Flat columns shared by CSV and XLSX; JSONL carries the full nested API shape instead. */
export const EXPORT_COLUMNS: { header: string; value: (o: ObligationListItem) => string | number | null }[] = [
  { header: 'id', value: (o) => o.id },
  { header: 'document_id', value: (o) => o.documentId },
  { header: 'document', value: (o) => o.documentFilename },
  { header: 'series', value: (o) => o.series },
  { header: 'citation', value: (o) => o.citation },
  { header: 'page', value: (o) => o.page },
  { header: 'modality', value: (o) => o.modality },
  { header: 'subject', value: (o) => o.subject },
  { header: 'action', value: (o) => o.action },
  { header: 'object', value: (o) => o.object },
  { header: 'condition', value: (o) => o.condition },
  { header: 'exceptions', value: (o) => o.exceptions },
  { header: 'deadline', value: (o) => o.deadline.text },
  { header: 'deadline_iso', value: (o) => o.deadline.iso },
  { header: 'penalty', value: (o) => o.penalty },
  { header: 'language', value: (o) => o.language },
  { header: 'subject_en', value: (o) => o.subjectEn },
  { header: 'action_en', value: (o) => o.actionEn },
  { header: 'engine', value: (o) => o.engine },
  { header: 'model', value: (o) => o.modelName },
  { header: 'confidence', value: (o) => o.confidence },
  { header: 'quote', value: (o) => o.quote },
  { header: 'start', value: (o) => o.start },
  { header: 'end', value: (o) => o.end },
  // Review (issue 11): the analyst's decision and corrections beside the machine's values above.
  { header: 'review_status', value: (o) => o.review.status },
  { header: 'review_note', value: (o) => o.review.note },
  { header: 'review_owner', value: (o) => o.review.owner },
  { header: 'review_due', value: (o) => o.review.due },
  { header: 'corrected_subject', value: (o) => o.review.corrected.subject },
  { header: 'corrected_action', value: (o) => o.review.corrected.action },
  { header: 'corrected_modality', value: (o) => o.review.corrected.modality },
  { header: 'corrected_deadline', value: (o) => o.review.corrected.deadlineText },
  { header: 'corrected_deadline_iso', value: (o) => o.review.corrected.deadlineIso },
  { header: 'reviewed_at', value: (o) => o.review.reviewedAt },
];

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so spreadsheets do not run it as a formula. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvStream(pages: AsyncIterable<ObligationListItem[]>): Readable {
  return Readable.from((async function* () {
    // BOM: Excel opens UTF-8 CSV correctly only with it (Arabic, Chinese subjects).
    yield `\uFEFF${EXPORT_COLUMNS.map((c) => c.header).join(',')}\r\n`;
    for await (const page of pages) {
      yield page.map((o) => `${EXPORT_COLUMNS.map((c) => csvCell(c.value(o))).join(',')}\r\n`).join('');
    }
  })());
}

export function jsonlStream(pages: AsyncIterable<ObligationListItem[]>): Readable {
  return Readable.from((async function* () {
    for await (const page of pages) yield page.map((o) => `${JSON.stringify(o)}\n`).join('');
  })());
}

/**
 * Streaming XLSX: exceljs' WorkbookWriter commits rows to the zip as they come, and the loop waits
 * for the HTTP side to drain, so memory stays at about one page of rows.
 */
export function xlsxStream(pages: AsyncIterable<ObligationListItem[]>): Readable {
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet('obligations');
  sheet.columns = EXPORT_COLUMNS.map((c) => ({ header: c.header, key: c.header }));
  void (async () => {
    try {
      for await (const page of pages) {
        for (const o of page) sheet.addRow(EXPORT_COLUMNS.map((c) => c.value(o))).commit();
        if (out.writableNeedDrain) await once(out, 'drain');
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}

export const EXPORT_CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ics: 'text/calendar; charset=utf-8',
} as const;
