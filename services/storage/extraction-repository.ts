import { and, eq, ne, sql } from 'drizzle-orm';
import {
  documents, extractionRuns, obligations, runSegments,
  type ExtractionRunRow, type NewObligationRow,
} from '../../schemas/tables.ts';
import type { Engine } from '../../schemas/obligation.ts';
import type { Db } from './database.ts';

export interface RunIdentity {
  tenantId: string;
  documentId: string;
  runKey: string;
  engine: Engine;
  modelName: string | null;
  modelSha256: string | null;
  promptVersion: string;
  params: Record<string, unknown>;
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

/** Data access for extraction runs: resumable per segment, idempotent under unique keys. */
export class ExtractionRepository {
  constructor(private readonly db: Db) {}

  /** Starts the run or returns the existing one with the same key, so a retried job resumes it. */
  async startRun(run: RunIdentity): Promise<ExtractionRunRow> {
    const inserted = await this.db.insert(extractionRuns).values(run).onConflictDoNothing().returning();
    if (inserted[0]) return inserted[0];
    const rows = await this.db.update(extractionRuns)
      .set({ status: 'running', segmentsTotal: run.segmentsTotal, finishedAt: null })
      .where(and(eq(extractionRuns.documentId, run.documentId), eq(extractionRuns.runKey, run.runKey))).returning();
    if (!rows[0]) throw new Error(`Extraction run ${run.runKey} vanished during start`);
    return rows[0];
  }

  async finishedSegmentIds(runId: string): Promise<Set<string>> {
    const rows = await this.db.select({ id: runSegments.segmentId }).from(runSegments).where(eq(runSegments.runId, runId));
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Stores one segment's outcome and its obligations atomically. The (run, segment) key makes a
   * replay after a crash a no-op instead of a duplicate.
   */
  async saveSegment(run: ExtractionRunRow, outcome: SegmentOutcome): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const marked = await tx.insert(runSegments).values({
        tenantId: run.tenantId, runId: run.id, segmentId: outcome.segmentId, status: outcome.status,
        error: outcome.error ?? null, skipReason: outcome.skipReason ?? null, tokensSaved: outcome.tokensSaved ?? 0,
        promptTokens: outcome.promptTokens, completionTokens: outcome.completionTokens,
        durationMs: outcome.durationMs, obligationCount: outcome.obligations.length,
      }).onConflictDoNothing().returning({ runId: runSegments.runId });
      if (!marked.length) return false;
      if (outcome.obligations.length) {
        await tx.insert(obligations).values(outcome.obligations.map((o) => ({
          ...o, tenantId: run.tenantId, documentId: run.documentId, runId: run.id, segmentId: outcome.segmentId,
        }))).onConflictDoNothing();
      }
      await tx.update(extractionRuns).set({
        segmentsDone: sql`${extractionRuns.segmentsDone} + 1`,
        segmentsFailed: sql`${extractionRuns.segmentsFailed} + ${outcome.status === 'failed' ? 1 : 0}`,
        segmentsSkipped: sql`${extractionRuns.segmentsSkipped} + ${outcome.status === 'skipped' ? 1 : 0}`,
        tokensSaved: sql`${extractionRuns.tokensSaved} + ${outcome.tokensSaved ?? 0}`,
        promptTokens: sql`${extractionRuns.promptTokens} + ${outcome.promptTokens}`,
        completionTokens: sql`${extractionRuns.completionTokens} + ${outcome.completionTokens}`,
      }).where(eq(extractionRuns.id, run.id));
      await tx.update(documents).set({ segmentsDone: sql`${documents.segmentsDone} + 1`, updatedAt: new Date() })
        .where(eq(documents.id, run.documentId));
      return true;
    });
  }

  /**
   * Makes the run current: older runs' obligations are removed so queries see one answer per
   * document, while the runs themselves stay as history.
   */
  async finishRun(run: ExtractionRunRow, durationMs: number): Promise<ExtractionRunRow> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.update(extractionRuns)
        .set({ status: 'done', finishedAt: new Date(), durationMs: sql`${extractionRuns.durationMs} + ${durationMs}` })
        .where(eq(extractionRuns.id, run.id)).returning();
      await tx.delete(obligations).where(and(eq(obligations.documentId, run.documentId), ne(obligations.runId, run.id)));
      await tx.update(documents).set({
        status: 'done', error: null, currentRunId: run.id, segmentsDone: run.segmentsTotal, updatedAt: new Date(),
      }).where(eq(documents.id, run.documentId));
      return rows[0]!;
    });
  }

  async getRun(id: string): Promise<ExtractionRunRow | undefined> {
    const rows = await this.db.select().from(extractionRuns).where(eq(extractionRuns.id, id));
    return rows[0];
  }
}
