import { z } from 'zod';
import { Engine, Modality } from './obligation.ts';
import { DOCUMENT_STATUSES, REVIEW_STATUSES } from './tables.ts';
import { PageSource } from './text.ts';

/** REST request and response shapes; the OpenAPI document at /docs is generated from these. */
export const ErrorResponse = z.object({
  error: z.string().describe('HTTP status title'),
  code: z.string().describe('Stable machine-readable reason from the error catalogue (services/core/errors.ts)'),
  message: z.string().describe('What went wrong, for people'),
  field: z.string().optional().describe('The request field at fault, e.g. query.deadlineAfter'),
});

export const IdParams = z.object({ id: z.string().uuid() });

export const UploadQuery = z.object({
  filename: z.string().min(1).max(255).optional().describe('File name for raw-body uploads'),
  series: z.string().min(1).max(200).optional().describe('Series this document is a version of, e.g. "GDPR"'),
  language: z.string().min(2).max(16).optional().describe('Language hint (ISO 639-3 or BCP-47)'),
  includeRecitals: z.enum(['true', 'false']).optional().transform((v) => v === 'true')
    .describe('Also extract recitals, preamble and other non-binding text; those obligations are marked binding=false'),
});

export const UploadResponse = z.object({
  id: z.string().uuid(),
  status: z.enum(DOCUMENT_STATUSES),
  duplicate: z.boolean().describe('True when the same bytes were uploaded before; nothing new was queued'),
});

export const Progress = z.object({ done: z.number().int(), total: z.number().int() });

export const DocumentView = z.object({
  id: z.string().uuid(),
  filename: z.string(),
  mime: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  status: z.enum(DOCUMENT_STATUSES),
  error: z.string().nullable(),
  errorCode: z.string().nullable().describe('Catalogued failure reason (empty_file, corrupt_pdf, …) when the document failed'),
  language: z.string().nullable(),
  languageConfidence: z.number().nullable(),
  series: z.string().nullable(),
  pageCount: z.number().int().nullable(),
  progress: Progress,
  segmentsFailed: z.number().int().describe('Segments whose extraction failed: status `partial` (or `failed` when all did), reasons in `error`'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DocumentView = z.infer<typeof DocumentView>;

export const PageView = z.object({
  n: z.number().int(),
  source: PageSource,
  reason: z.string(),
  ocrConfidence: z.number().nullable(),
  language: z.string().nullable(),
  start: z.number().int(),
  end: z.number().int(),
});

export const RunView = z.object({
  id: z.string().uuid(),
  engine: Engine,
  modelName: z.string().nullable(),
  modelSha256: z.string().nullable(),
  promptVersion: z.string(),
  params: z.record(z.string(), z.unknown()).describe('Output-affecting parameters: part of the run key'),
  runtime: z.record(z.string(), z.unknown()).describe('Threads, sequences, GPU layers of the last pass: not part of the run key'),
  segmentsTotal: z.number().int(),
  segmentsFailed: z.number().int(),
  promptTokens: z.number().int(),
  completionTokens: z.number().int(),
  durationMs: z.number().int(),
});

export const DocumentDetail = DocumentView.extend({
  pages: z.array(PageView),
  obligationCounts: z.record(z.string(), z.number().int()),
  run: RunView.nullable(),
});
export type DocumentDetail = z.infer<typeof DocumentDetail>;

export const DocumentListQuery = z.object({
  status: z.enum(DOCUMENT_STATUSES).optional(),
  series: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().optional(),
});

export const DocumentListItem = DocumentView.extend({
  obligationCounts: z.record(z.string(), z.number().int()).describe('Obligations of the current run by modality'),
});
export const DocumentList = z.object({ items: z.array(DocumentListItem), nextCursor: z.string().nullable() });

export const DocumentTextView = z.object({ id: z.string().uuid(), text: z.string() });

export const ObligationView = z.object({
  id: z.string().uuid(),
  documentId: z.string().uuid(),
  engine: Engine,
  modelName: z.string().nullable(),
  modality: Modality,
  subject: z.string(),
  action: z.string(),
  object: z.string().nullable(),
  condition: z.string().nullable(),
  exceptions: z.string().nullable(),
  deadline: z.object({ text: z.string().nullable(), iso: z.string().nullable(), trigger: z.string().nullable() }),
  penalty: z.string().nullable(),
  citation: z.string(),
  crossReferences: z.array(z.string()),
  quote: z.string().describe('Verbatim: document text from start to end'),
  start: z.number().int().describe('UTF-16 offset of the quote in the document text'),
  end: z.number().int(),
  sentenceIds: z.array(z.number().int()),
  page: z.number().int(),
  language: z.string().nullable(),
  subjectEn: z.string().nullable(),
  actionEn: z.string().nullable(),
  confidence: z.number(),
  citationKey: z.string().nullable().describe('Machine form of the citation ("art:5/par:1/pt:b"), null when no structure was recognised'),
  leadIn: z.object({ start: z.number().int(), end: z.number().int() }).nullable()
    .describe('For a list item: UTF-16 offsets of its lead-in sentence in the document text (a second verbatim span)'),
  binding: z.boolean().describe('False for rows drawn from non-binding text (recitals, preamble …) of a document submitted with includeRecitals'),
});
export type ObligationView = z.infer<typeof ObligationView>;

export const ObligationListQuery = z.object({
  document: z.string().uuid().optional(),
  modality: Modality.optional(),
  language: z.string().min(2).max(16).optional(),
  q: z.string().min(1).max(500).optional().describe('Full-text query (web-search syntax)'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().optional(),
});

export const ObligationList = z.object({ items: z.array(ObligationView), nextCursor: z.string().nullable() });

export const Health = z.object({ status: z.literal('ok'), postgres: z.boolean(), redis: z.boolean().nullable() });

/* ---- Analyst queries, exports, progress and series changes (issue 5) ---- */

export const OBLIGATION_SORTS = [
  'newest', 'oldest', 'deadline', '-deadline', 'subject', '-subject', 'citation', '-citation', 'confidence', '-confidence',
  'modality',
] as const;
export const ObligationSort = z.enum(OBLIGATION_SORTS);
export type ObligationSort = z.infer<typeof ObligationSort>;

/** A real calendar day: 2024-13-45 and 2023-02-29 are refused, not rolled over. */
const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').refine((day) => {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}, 'not a calendar day (expected YYYY-MM-DD)');

/** The filters shared by the list and the exports, so an export is exactly "the current view". */
export const ObligationFilters = z.object({
  document: z.string().uuid().optional(),
  modality: Modality.optional(),
  language: z.string().min(2).max(16).optional(),
  series: z.string().min(1).max(200).optional().describe('Only documents of this series'),
  subject: z.string().min(1).max(300).optional().describe('Subject contains (case-insensitive; original or English)'),
  citation: z.string().min(1).max(200).optional().describe('Citation equals, or starts with it followed by a non-digit ("Article 5" matches "Article 5(2)", not "Article 50")'),
  deadlineAfter: IsoDay.optional().describe('Dated deadlines on or after this day (durations such as P30D never match)'),
  deadlineBefore: IsoDay.optional().describe('Dated deadlines on or before this day'),
  q: z.string().min(1).max(500).optional().describe('Full-text query (web-search syntax); also matched as a case- and accent-folded substring, so Chinese, Japanese and Thai text is found by any 2+ characters'),
  reviewStatus: z.string().regex(/^(to_review|accepted|rejected|edited)(,(to_review|accepted|rejected|edited))*$/, 'expected review statuses separated by commas')
    .optional().describe('Review status, or several separated by commas (to_review,edited)'),
  owner: z.string().min(1).max(200).optional().describe('Review owner equals (case-insensitive)'),
  sort: ObligationSort.default('newest'),
});
export type ObligationFilters = z.infer<typeof ObligationFilters>;

export const ObligationSearchQuery = ObligationFilters.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().optional().describe('nextCursor of the previous page; only valid with the same sort'),
});

export const ReviewStatus = z.enum(REVIEW_STATUSES);

/** The analyst's decision; the machine's fields in the obligation stay as extracted. */
export const ReviewView = z.object({
  status: ReviewStatus,
  note: z.string().nullable(),
  owner: z.string().nullable(),
  due: z.string().nullable().describe('Analyst due date (YYYY-MM-DD), overriding the extracted deadline on calendars'),
  corrected: z.object({
    subject: z.string().nullable(),
    action: z.string().nullable(),
    modality: Modality.nullable(),
    deadlineText: z.string().nullable(),
    deadlineIso: z.string().nullable(),
  }).describe('Analyst corrections; null where the machine value stands'),
  reviewedAt: z.string().nullable(),
});
export type ReviewView = z.infer<typeof ReviewView>;

export const ObligationListItem = ObligationView.extend({
  documentFilename: z.string(),
  series: z.string().nullable(),
  review: ReviewView,
});
export type ObligationListItem = z.infer<typeof ObligationListItem>;

export const ObligationSearchList = z.object({
  items: z.array(ObligationListItem),
  nextCursor: z.string().nullable(),
  total: z.number().int().describe('Rows matching the filters: exact up to 10,000, above that the planner estimate'),
  totalExact: z.boolean().describe('False when total is the planner estimate'),
});

const OptionalText = (max: number) => z.string().trim().min(1).max(max).nullable().optional();

/** A review change: fields left out stay as they are; null clears. Corrections without a status set it to `edited`. */
export const ReviewPatch = z.object({
  status: ReviewStatus.optional(),
  note: z.string().max(4000).nullable().optional(),
  owner: OptionalText(200),
  due: IsoDay.nullable().optional(),
  subject: OptionalText(1000),
  action: OptionalText(2000),
  modality: Modality.nullable().optional(),
  deadlineText: OptionalText(500),
  deadlineIso: z.string().regex(/^(\d{4}-\d{2}-\d{2}|P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?)$/, 'expected YYYY-MM-DD or an ISO 8601 duration (P30D, PT72H)')
    .nullable().optional(),
}).strict().refine((p) => Object.keys(p).length > 0, 'nothing to change');
export type ReviewPatch = z.infer<typeof ReviewPatch>;

export const BulkReviewBody = z.object({
  ids: z.array(z.string().uuid()).min(1).max(10_000).optional().describe('Obligations to change'),
  filter: ObligationFilters.omit({ sort: true }).optional().describe('Or every obligation matching these filters (same as GET /v1/obligations)'),
  set: ReviewPatch,
}).strict().refine((b) => (b.ids === undefined) !== (b.filter === undefined), 'give either ids or filter');
export const BulkReviewResult = z.object({ matched: z.number().int(), changed: z.number().int() });

export const HistoryEntry = z.object({
  id: z.string().uuid(),
  at: z.string(),
  actor: z.object({ keyId: z.string().uuid().nullable(), name: z.string() }),
  action: z.string().describe('review (one obligation), bulk, or carried (onto a re-extraction)'),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
});
export const HistoryList = z.object({ items: z.array(HistoryEntry) });

export const EXPORT_FORMATS = ['csv', 'jsonl', 'xlsx', 'ics'] as const;
export const ExportQuery = ObligationFilters.extend({ format: z.enum(EXPORT_FORMATS).default('csv') });

export const DocumentEventsQuery = z.object({
  ids: z.string().min(36).max(200 * 37).describe('Comma-separated document ids (at most 200)'),
});

/** One SSE `progress` event: the document's pipeline state, mirrored from job progress. */
export const DocumentProgressEvent = z.object({
  id: z.string().uuid(),
  status: z.enum(DOCUMENT_STATUSES),
  error: z.string().nullable(),
  pageCount: z.number().int().nullable(),
  progress: Progress,
  segmentsFailed: z.number().int(),
});
export type DocumentProgressEvent = z.infer<typeof DocumentProgressEvent>;

export const SeriesParams = z.object({ name: z.string().min(1).max(200) });

export const SeriesVersion = z.object({
  id: z.string().uuid(), filename: z.string(), status: z.enum(DOCUMENT_STATUSES), createdAt: z.string(),
});
export const SeriesSummary = z.object({ name: z.string(), versions: z.array(SeriesVersion) });
export const SeriesList = z.object({ items: z.array(SeriesSummary) });

export const ChangesQuery = z.object({
  from: z.string().uuid().optional().describe('Older version (document id); default: the version before `to`'),
  to: z.string().uuid().optional().describe('Newer version (document id); default: the latest finished version'),
});

export const CHANGE_KINDS = ['added', 'removed', 'changed', 'unchanged'] as const;
export const CHANGED_FIELDS = ['modality', 'subject', 'action', 'deadline', 'condition', 'penalty', 'citation'] as const;

export const FieldChange = z.object({ field: z.enum(CHANGED_FIELDS), before: z.string().nullable(), after: z.string().nullable() });

export const ObligationChange = z.object({
  kind: z.enum(CHANGE_KINDS),
  citation: z.string(),
  /** How the two obligations were paired: same citation, or similar sentences under another citation. */
  matchedBy: z.enum(['citation', 'sentence']).nullable(),
  similarity: z.number().nullable(),
  before: ObligationView.nullable(),
  after: ObligationView.nullable(),
  fields: z.array(FieldChange),
});
export type ObligationChange = z.infer<typeof ObligationChange>;

export const SeriesChanges = z.object({
  series: z.string(),
  from: SeriesVersion,
  to: SeriesVersion,
  summary: z.object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int(), unchanged: z.number().int() }),
  changes: z.array(ObligationChange),
});
export type SeriesChanges = z.infer<typeof SeriesChanges>;
