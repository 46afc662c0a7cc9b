import { sql } from 'drizzle-orm';
import {
  bigint, boolean, customType, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { ENGINES, MODALITIES } from './obligation.ts';
import { PAGE_SOURCES, SEGMENT_KINDS, type SentenceSpan } from './text.ts';

/**
 * Every row carries tenant_id from day one so API keys and tenants can arrive without a data
 * migration; unique keys make every write idempotent under job retries.
 */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** `partial`: extraction finished but some segments failed (their count and reasons are on the run). */
export const DOCUMENT_STATUSES = ['queued', 'text', 'extracting', 'done', 'partial', 'failed'] as const;
export const TERMINAL_DOCUMENT_STATUSES = ['done', 'partial', 'failed'] as const satisfies readonly (typeof DOCUMENT_STATUSES)[number][];
export const documentStatus = pgEnum('document_status', DOCUMENT_STATUSES);
export const pageSource = pgEnum('page_source', PAGE_SOURCES);
export const modality = pgEnum('modality', MODALITIES);
export const engine = pgEnum('engine', ENGINES);
export const RUN_STATUSES = ['running', 'done', 'partial', 'failed'] as const;
export const runStatus = pgEnum('run_status', RUN_STATUSES);
export const SEGMENT_RUN_STATUSES = ['done', 'failed', 'skipped'] as const;
export const segmentRunStatus = pgEnum('segment_run_status', SEGMENT_RUN_STATUSES);
export const segmentKind = pgEnum('segment_kind', SEGMENT_KINDS);
/** Queue lane carried from upload to extraction: interactive uploads overtake batch work at every stage. */
export const JOB_LANES = ['interactive', 'batch'] as const;
export const jobLane = pgEnum('job_lane', JOB_LANES);
/** An analyst's decision on an obligation (issue 11); `edited` = accepted with corrections. */
export const REVIEW_STATUSES = ['to_review', 'accepted', 'rejected', 'edited'] as const;
export const reviewStatus = pgEnum('review_status', REVIEW_STATUSES);

const tenantId = () => text('tenant_id').notNull().default('default');
// Millisecond precision so keyset cursors round-trip through JS Dates exactly.
const createdAt = () => timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow();

export const documents = pgTable('documents', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: tenantId(),
  sha256: text('sha256').notNull(),
  filename: text('filename').notNull(),
  mime: text('mime').notNull(),
  sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
  status: documentStatus('status').notNull().default('queued'),
  error: text('error'),
  /** Code from the error catalogue for failed/partial documents, so failures can be grouped. */
  errorCode: text('error_code'),
  language: text('language'),
  languageConfidence: real('language_confidence'),
  languageHint: text('language_hint'),
  series: text('series'),
  pageCount: integer('page_count'),
  /** The normalised document text; every offset in pages, segments and obligations points into it. */
  text: text('text'),
  segmentsTotal: integer('segments_total').notNull().default(0),
  segmentsDone: integer('segments_done').notNull().default(0),
  segmentsFailed: integer('segments_failed').notNull().default(0),
  lane: jobLane('lane').notNull().default('interactive'),
  /** Submitted with include-recitals: non-binding segments (recitals, preamble …) are extracted too, rows marked binding = false. */
  includeRecitals: boolean('include_recitals').notNull().default(false),
  currentRunId: uuid('current_run_id'),
  /** Bumped by re-processing; part of job ids so a new pass is not deduplicated away. */
  generation: integer('generation').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('documents_tenant_sha256_uq').on(t.tenantId, t.sha256),
  index('documents_tenant_status_idx').on(t.tenantId, t.status),
  index('documents_tenant_created_idx').on(t.tenantId, t.createdAt, t.id),
]);

export const pages = pgTable('pages', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: tenantId(),
  documentId: uuid('document_id').notNull().references(() => documents.id, { onDelete: 'cascade' }),
  n: integer('n').notNull(),
  source: pageSource('source').notNull(),
  reason: text('reason').notNull(),
  ocrConfidence: real('ocr_confidence'),
  language: text('language'),
  text: text('text').notNull(),
  start: integer('start').notNull(),
  end: integer('end').notNull(),
}, (t) => [uniqueIndex('pages_document_n_uq').on(t.documentId, t.n)]);

export const segments = pgTable('segments', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: tenantId(),
  documentId: uuid('document_id').notNull().references(() => documents.id, { onDelete: 'cascade' }),
  ordinal: integer('ordinal').notNull(),
  citation: text('citation').notNull(),
  citationKey: text('citation_key'),
  kind: segmentKind('kind').notNull().default('other'),
  heading: text('heading'),
  text: text('text').notNull(),
  start: integer('start').notNull(),
  end: integer('end').notNull(),
  pageStart: integer('page_start').notNull(),
  pageEnd: integer('page_end').notNull(),
  language: text('language'),
  /** Sentence spans (document offsets); a sentence's id is its index here. */
  sentences: jsonb('sentences').$type<SentenceSpan[]>().notNull(),
}, (t) => [uniqueIndex('segments_document_ordinal_uq').on(t.documentId, t.ordinal)]);

export const extractionRuns = pgTable('extraction_runs', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: tenantId(),
  documentId: uuid('document_id').notNull().references(() => documents.id, { onDelete: 'cascade' }),
  /** Hash of engine, model sha256, prompt version and params: a retry resumes the same run. */
  runKey: text('run_key').notNull(),
  engine: engine('engine').notNull(),
  modelName: text('model_name'),
  modelSha256: text('model_sha256'),
  promptVersion: text('prompt_version').notNull(),
  params: jsonb('params').$type<Record<string, unknown>>().notNull(),
  /** Runtime knobs that do not change the output (threads, sequences, GPU layers): recorded, not in the run key. */
  runtime: jsonb('runtime').$type<Record<string, unknown>>().notNull().default({}),
  status: runStatus('status').notNull().default('running'),
  segmentsTotal: integer('segments_total').notNull().default(0),
  segmentsDone: integer('segments_done').notNull().default(0),
  segmentsFailed: integer('segments_failed').notNull().default(0),
  /** Segments the prefilter kept away from the LLM, and the prompt tokens that saved. */
  segmentsSkipped: integer('segments_skipped').notNull().default(0),
  tokensSaved: integer('tokens_saved').notNull().default(0),
  promptTokens: integer('prompt_tokens').notNull().default(0),
  completionTokens: integer('completion_tokens').notNull().default(0),
  durationMs: integer('duration_ms').notNull().default(0),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
}, (t) => [uniqueIndex('extraction_runs_document_key_uq').on(t.documentId, t.runKey)]);

/** One row per (run, segment): what makes a run resumable and where a segment's failure is kept. */
export const runSegments = pgTable('run_segments', {
  tenantId: tenantId(),
  runId: uuid('run_id').notNull().references(() => extractionRuns.id, { onDelete: 'cascade' }),
  segmentId: uuid('segment_id').notNull().references(() => segments.id, { onDelete: 'cascade' }),
  status: segmentRunStatus('status').notNull(),
  error: text('error'),
  /** Why a 'skipped' segment did not reach the engine (prefilter, empty). */
  skipReason: text('skip_reason'),
  tokensSaved: integer('tokens_saved').notNull().default(0),
  promptTokens: integer('prompt_tokens').notNull().default(0),
  completionTokens: integer('completion_tokens').notNull().default(0),
  durationMs: integer('duration_ms').notNull().default(0),
  obligationCount: integer('obligation_count').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.runId, t.segmentId] })]);

export const obligations = pgTable('obligations', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: tenantId(),
  documentId: uuid('document_id').notNull().references(() => documents.id, { onDelete: 'cascade' }),
  runId: uuid('run_id').notNull().references(() => extractionRuns.id, { onDelete: 'cascade' }),
  segmentId: uuid('segment_id').notNull().references(() => segments.id, { onDelete: 'cascade' }),
  /** Position within the segment's answer; with run and segment it makes inserts idempotent. */
  ordinal: integer('ordinal').notNull(),
  engine: engine('engine').notNull(),
  modality: modality('modality').notNull(),
  subject: text('subject').notNull(),
  action: text('action').notNull(),
  object: text('object'),
  condition: text('condition'),
  exceptions: text('exceptions'),
  deadlineText: text('deadline_text'),
  deadlineIso: text('deadline_iso'),
  deadlineTrigger: text('deadline_trigger'),
  penalty: text('penalty'),
  citation: text('citation').notNull(),
  citationKey: text('citation_key'),
  /** False for rows drawn from non-binding text (recitals, preamble…) when the caller opted in. */
  binding: boolean('binding').notNull().default(true),
  /** For a list item: the lead-in sentence span ("The controller shall: …") the item inherits its actor from. */
  leadInStart: integer('lead_in_start'),
  leadInEnd: integer('lead_in_end'),
  crossReferences: jsonb('cross_references').$type<string[]>().notNull(),
  /** Always documents.text.slice(quote_start, quote_end): derived from sentence ids by code. */
  quote: text('quote').notNull(),
  quoteStart: integer('quote_start').notNull(),
  quoteEnd: integer('quote_end').notNull(),
  sentenceIds: jsonb('sentence_ids').$type<number[]>().notNull(),
  alignment: text('alignment').notNull().default('sentence'),
  page: integer('page').notNull(),
  language: text('language'),
  subjectEn: text('subject_en'),
  actionEn: text('action_en'),
  confidence: real('confidence').notNull(),
  createdAt: createdAt(),
  search: tsvector('search').generatedAlwaysAs(sql`to_tsvector('simple', coalesce(subject, '') || ' ' || coalesce(action, '') || ' ' || coalesce(subject_en, '') || ' ' || coalesce(action_en, '') || ' ' || quote)`),
  /**
   * Case- and accent-folded text for substring search in every script (CJK and Thai have no word
   * breaks for the `simple` tsvector): lower(NFC(NFD minus combining marks)), trigram-indexed.
   * The query side folds its input with the same expression (services/storage/obligation-search.ts).
   */
  searchText: text('search_text').generatedAlwaysAs(sql`lower(normalize(regexp_replace(normalize(coalesce(subject, '') || ' ' || coalesce(action, '') || ' ' || coalesce(subject_en, '') || ' ' || coalesce(action_en, '') || ' ' || quote, NFD), '[\u0300-\u036f]', '', 'g'), NFC))`),
  /* Review (issue 11): the machine's fields above stay untouched; the analyst's version sits beside them. */
  reviewStatus: reviewStatus('review_status').notNull().default('to_review'),
  reviewNote: text('review_note'),
  reviewOwner: text('review_owner'),
  /** Analyst's due date, overriding the extracted deadline on calendars. */
  reviewDue: date('review_due', { mode: 'string' }),
  correctedSubject: text('corrected_subject'),
  correctedAction: text('corrected_action'),
  correctedModality: modality('corrected_modality'),
  correctedDeadlineText: text('corrected_deadline_text'),
  correctedDeadlineIso: text('corrected_deadline_iso'),
  reviewedAt: timestamp('reviewed_at', { withTimezone: true, precision: 3 }),
}, (t) => [
  uniqueIndex('obligations_run_segment_ordinal_uq').on(t.runId, t.segmentId, t.ordinal),
  index('obligations_tenant_created_idx').on(t.tenantId, t.createdAt, t.id),
  index('obligations_document_idx').on(t.documentId, t.quoteStart),
  index('obligations_tenant_modality_idx').on(t.tenantId, t.modality, t.id),
  index('obligations_tenant_language_idx').on(t.tenantId, t.language, t.id),
  index('obligations_search_idx').using('gin', t.search),
  index('obligations_search_text_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
  index('obligations_tenant_review_idx').on(t.tenantId, t.reviewStatus, t.id),
]);

/** Append-only review history: who (API key), when, and each changed field's before/after. */
export const obligationHistory = pgTable('obligation_history', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: tenantId(),
  obligationId: uuid('obligation_id').notNull().references(() => obligations.id, { onDelete: 'cascade' }),
  /** The API key that made the change (null under AUTH=off); its name is read from api_keys. */
  actorKeyId: uuid('actor_key_id'),
  actorName: text('actor_name').notNull(),
  /** `review` (one), `bulk` (by ids or filter), `carried` (copied onto a re-extraction). */
  action: text('action').notNull(),
  changes: jsonb('changes').$type<Record<string, { before: unknown; after: unknown }>>().notNull(),
  at: createdAt(),
}, (t) => [index('obligation_history_obligation_idx').on(t.obligationId, t.at)]);

/** API keys: the secret is shown once and stored only as a KDF hash; the tenant comes from the key. */
export const API_KEY_SCOPES = ['read', 'upload', 'review', 'admin'] as const;
export const apiKeys = pgTable('api_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: tenantId(),
  name: text('name').notNull(),
  /** Public lookup part of the key ("obl_<prefix>_<secret>"). */
  prefix: text('prefix').notNull(),
  hash: text('hash').notNull(),
  scopes: jsonb('scopes').$type<(typeof API_KEY_SCOPES)[number][]>().notNull(),
  createdAt: createdAt(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
}, (t) => [uniqueIndex('api_keys_prefix_uq').on(t.prefix)]);

export type DocumentRow = typeof documents.$inferSelect;
export type PageRow = typeof pages.$inferSelect;
export type SegmentRow = typeof segments.$inferSelect;
export type ExtractionRunRow = typeof extractionRuns.$inferSelect;
export type ObligationRow = typeof obligations.$inferSelect;
export type NewObligationRow = typeof obligations.$inferInsert;
export type ObligationHistoryRow = typeof obligationHistory.$inferSelect;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];
