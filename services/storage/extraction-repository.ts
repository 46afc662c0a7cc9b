import { and, eq, ne, sql } from 'drizzle-orm';
import {
  documents, extractionRuns, obligations, runSegments,
  type ExtractionRunRow,
} from '../../schemas/tables.ts';
import type { RunIdentity, RunsPort, SegmentOutcome } from '../core/ports.ts';
import type { Db } from './database.ts';
import { failureSummary, runOutcome } from './run-outcome.ts';

export type { RunIdentity, SegmentOutcome };

/** Data access for extraction runs: resumable per segment, idempotent under unique keys. */
export class ExtractionRepository implements RunsPort {
  constructor(private readonly db: Db) {}

  /**
   * Starts the run or resumes the existing one with the same key. On resume, segments that failed
   * in an earlier pass are reopened (their rows removed, the run's done and failed counts lowered)
   * so they are tried again; the tokens those failed calls spent stay in the run's totals.
   */
  async startRun(run: RunIdentity): Promise<ExtractionRunRow> {
    const inserted = await this.db.insert(extractionRuns).values(run).onConflictDoNothing().returning();
    if (inserted[0]) return inserted[0];
    return this.db.transaction(async (tx) => {
      const existing = await tx.select({ id: extractionRuns.id }).from(extractionRuns)
        .where(and(eq(extractionRuns.documentId, run.documentId), eq(extractionRuns.runKey, run.runKey))).for('update');
      if (!existing[0]) throw new Error(`Extraction run ${run.runKey} vanished during start`);
      const reopened = await tx.delete(runSegments)
        .where(and(eq(runSegments.runId, existing[0].id), eq(runSegments.status, 'failed'))).returning({ id: runSegments.segmentId });
      const rows = await tx.update(extractionRuns)
        .set({
          status: 'running', segmentsTotal: run.segmentsTotal, finishedAt: null, runtime: run.runtime ?? {},
          segmentsDone: sql`${extractionRuns.segmentsDone} - ${reopened.length}`,
          segmentsFailed: sql`${extractionRuns.segmentsFailed} - ${reopened.length}`,
        })
        .where(eq(extractionRuns.id, existing[0].id)).returning();
      return rows[0]!;
    });
  }

  async finishedSegmentIds(run: Pick<ExtractionRunRow, 'id' | 'tenantId'>): Promise<Set<string>> {
    const rows = await this.db.select({ id: runSegments.segmentId }).from(runSegments)
      .where(and(eq(runSegments.tenantId, run.tenantId), eq(runSegments.runId, run.id)));
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
      }).where(and(eq(extractionRuns.tenantId, run.tenantId), eq(extractionRuns.id, run.id)));
      await tx.update(documents).set({ segmentsDone: sql`${documents.segmentsDone} + 1`, updatedAt: new Date() })
        .where(and(eq(documents.tenantId, run.tenantId), eq(documents.id, run.documentId)));
      return true;
    });
  }

  /**
   * Makes the run current: older runs' obligations are removed so queries see one answer per
   * document, while the runs themselves stay as history. The outcome says what happened: `done`
   * when every segment finished, `partial` when some failed (count and reasons on the document),
   * `failed` when all of them did.
   */
  async finishRun(run: ExtractionRunRow, durationMs: number): Promise<ExtractionRunRow> {
    return this.db.transaction(async (tx) => {
      const failures = await tx.select({ error: runSegments.error, n: sql<number>`count(*)::int` }).from(runSegments)
        .where(and(eq(runSegments.runId, run.id), eq(runSegments.status, 'failed')))
        .groupBy(runSegments.error).orderBy(sql`count(*) desc`);
      const failed = failures.reduce((a, f) => a + Number(f.n), 0);
      const status = runOutcome(failed, run.segmentsTotal);
      const rows = await tx.update(extractionRuns)
        .set({ status, finishedAt: new Date(), durationMs: sql`${extractionRuns.durationMs} + ${durationMs}` })
        .where(eq(extractionRuns.id, run.id)).returning();
      await tx.delete(obligations).where(and(eq(obligations.documentId, run.documentId), ne(obligations.runId, run.id)));
      await tx.update(documents).set({
        status, error: failed ? failureSummary(failed, run.segmentsTotal, failures) : null,
        errorCode: failed ? 'segments_failed' : null, segmentsFailed: failed,
        currentRunId: run.id, segmentsDone: run.segmentsTotal, updatedAt: new Date(),
      }).where(eq(documents.id, run.documentId));
      return rows[0]!;
    });
  }

  async getRun(tenantId: string, id: string): Promise<ExtractionRunRow | undefined> {
    const rows = await this.db.select().from(extractionRuns).where(and(eq(extractionRuns.tenantId, tenantId), eq(extractionRuns.id, id)));
    return rows[0];
  }
}
