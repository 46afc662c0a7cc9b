import type { Engine } from '../../schemas/obligation.ts';
import type {
  DocumentRow, DocumentStatus, ExtractionRunRow, NewObligationRow, PageRow, SegmentRow,
} from '../../schemas/tables.ts';
import type { DocumentText } from '../../schemas/text.ts';
import type { ErrorCode } from './errors.ts';

/**
 * Narrow ports the job handlers (services/ingest, workers/extract) and application services depend
 * on. services/storage implements them with SQL; nothing outside services/storage speaks SQL, and
 * every method names its tenant (or takes a row that carries it), so tenant scoping is visible at
 * each call site.
 */

export interface DocumentFailure { code: ErrorCode; message: string }

export interface DocumentStatusPort {
  get(tenantId: string, id: string): Promise<DocumentRow | undefined>;
  setStatus(tenantId: string, id: string, status: DocumentStatus, failure?: DocumentFailure | null): Promise<void>;
}

export interface NewDocument {
  tenantId: string;
  sha256: string;
  filename: string;
  mime: string;
  sizeBytes: number;
  series?: string | null;
  languageHint?: string | null;
  /** Queue lane from upload to extraction (interactive uploads overtake batch work). */
  lane?: DocumentRow['lane'];
  /** Extract non-binding segments too (recitals …), rows marked binding = false. */
  includeRecitals?: boolean;
}

/** What intake needs: insert-or-get by content, attach a series, requeue, and whether a blob is still used. */
export interface IntakeDocumentsPort {
  createOrGet(doc: NewDocument): Promise<{ document: DocumentRow; created: boolean }>;
  get(tenantId: string, id: string): Promise<DocumentRow | undefined>;
  requeue(tenantId: string, id: string): Promise<DocumentRow | undefined>;
  attachSeries(tenantId: string, id: string, series: string): Promise<DocumentRow | undefined>;
  /** Cross-tenant yes/no: originals are content-addressed and shared. */
  shaInUse(sha256: string): Promise<boolean>;
}

/** What ingest needs: read the document, store its text, move its status. */
export interface IngestDocumentsPort extends DocumentStatusPort {
  saveText(doc: DocumentRow, result: DocumentText): Promise<void>;
}

/** What extraction needs: the document with its segments and pages, and its status. */
export interface ExtractDocumentsPort extends DocumentStatusPort {
  segments(tenantId: string, documentId: string): Promise<SegmentRow[]>;
  pages(tenantId: string, documentId: string): Promise<PageRow[]>;
  setProgress(tenantId: string, id: string, done: number, total: number): Promise<void>;
}

/** Identity of an engine configuration; stored with every extraction run. */
export interface ExtractorInfo {
  engine: Engine;
  modelName: string | null;
  modelSha256: string | null;
  promptVersion: string;
  /**
   * Parameters that change what the engine answers (temperature, seed, context size, answer budget,
   * pack budget, chat wrapper): part of the run key, so changing one starts a new run.
   */
  params: Record<string, unknown>;
  /**
   * Knobs that change speed, not output (threads, sequences, GPU layers, backend): recorded on the
   * run (extraction_runs.runtime) but never part of its key, so `--threads 2` resumes a run.
   */
  runtime?: Record<string, unknown>;
}

/** What starts (or resumes) a run: the engine's identity for one document, under its run key. */
export interface RunIdentity extends ExtractorInfo {
  tenantId: string;
  documentId: string;
  runKey: string;
  segmentsTotal: number;
}

export interface SegmentOutcome {
  segmentId: string;
  status: 'done' | 'failed' | 'skipped';
  error?: string | null;
  /** Why a 'skipped' segment did not reach the engine. */
  skipReason?: string | null;
  /** Prompt tokens the prefilter saved by skipping the segment (model tokenizer count). */
  tokensSaved?: number;
  promptTokens: number;
  completionTokens: number;
  durationMs: number;
  obligations: Omit<NewObligationRow, 'runId' | 'segmentId' | 'tenantId' | 'documentId'>[];
}

/** Extraction runs: resumable per segment, idempotent under unique keys. Rows carry their tenant. */
export interface RunsPort {
  startRun(run: RunIdentity): Promise<ExtractionRunRow>;
  finishedSegmentIds(run: Pick<ExtractionRunRow, 'id' | 'tenantId'>): Promise<Set<string>>;
  saveSegment(run: ExtractionRunRow, outcome: SegmentOutcome): Promise<boolean>;
  finishRun(run: ExtractionRunRow, durationMs: number): Promise<ExtractionRunRow>;
}

/** What the configured extractor would record on a new run. */
export interface CurrentVersion { engine: Engine; promptVersion: string; modelSha256: string | null }

export interface StaleDocument { id: string; filename: string; engine: Engine; promptVersion: string; modelSha256: string | null }

/** Re-extraction: documents whose current run another engine/prompt/model made, and a new generation for them. */
export interface ReextractPort {
  findStale(tenantId: string, current: CurrentVersion): Promise<StaleDocument[]>;
  requeue(tenantId: string, id: string): Promise<DocumentRow | undefined>;
}

/** Originals, content-addressed by sha256. */
export interface BlobPort {
  put(bytes: Uint8Array): Promise<string>;
  read(sha256: string): Promise<Uint8Array>;
  remove(sha256: string): Promise<void>;
}
