import { z } from 'zod';
import { Engine, Modality } from './obligation.ts';
import { DOCUMENT_STATUSES } from './tables.ts';
import { PageSource } from './text.ts';

/** REST request and response shapes; the OpenAPI document at /docs is generated from these. */
export const ErrorResponse = z.object({ error: z.string(), message: z.string() });

export const IdParams = z.object({ id: z.string().uuid() });

export const UploadQuery = z.object({
  filename: z.string().min(1).max(255).optional().describe('File name for raw-body uploads'),
  series: z.string().min(1).max(200).optional().describe('Series this document is a version of, e.g. "GDPR"'),
  language: z.string().min(2).max(16).optional().describe('Language hint (ISO 639-3 or BCP-47)'),
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
  language: z.string().nullable(),
  languageConfidence: z.number().nullable(),
  series: z.string().nullable(),
  pageCount: z.number().int().nullable(),
  progress: Progress,
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
  params: z.record(z.string(), z.unknown()),
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

export const DocumentListQuery = z.object({
  status: z.enum(DOCUMENT_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().optional(),
});

export const DocumentList = z.object({ items: z.array(DocumentView), nextCursor: z.string().nullable() });

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
