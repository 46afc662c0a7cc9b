import { and, eq, isNotNull, ne, or, sql } from 'drizzle-orm';
import { documents, extractionRuns } from '../../schemas/tables.ts';
import type { Engine } from '../../schemas/obligation.ts';
import type { Db } from '../../services/storage/database.ts';
import type { DocumentsRepository } from '../../services/storage/documents-repository.ts';
import { jobIds, type JobQueue } from '../../services/queue/job-queue.ts';

/** What the configured extractor would record on a new run. */
export interface CurrentVersion { engine: Engine; promptVersion: string; modelSha256: string | null }

export interface StaleDocument { id: string; filename: string; engine: Engine; promptVersion: string; modelSha256: string | null }

/**
 * Documents whose current run was made by another engine, prompt version or model file than the
 * current one. Documents never extracted (no current run) are ingest's business, not this one's.
 */
export async function findStaleDocuments(db: Db, tenantId: string, current: CurrentVersion): Promise<StaleDocument[]> {
  return db.select({
    id: documents.id, filename: documents.filename, engine: extractionRuns.engine,
    promptVersion: extractionRuns.promptVersion, modelSha256: extractionRuns.modelSha256,
  }).from(documents)
    .innerJoin(extractionRuns, eq(extractionRuns.id, documents.currentRunId))
    .where(and(
      eq(documents.tenantId, tenantId), isNotNull(documents.text), ne(documents.status, 'extracting'),
      or(
        ne(extractionRuns.engine, current.engine),
        ne(extractionRuns.promptVersion, current.promptVersion),
        sql`${extractionRuns.modelSha256} is distinct from ${current.modelSha256}`,
      ),
    ))
    .orderBy(documents.createdAt);
}

/** Queues an extract job of a new generation per stale document; ingest is not repeated. */
export async function enqueueReextract(
  deps: { db: Db; documents: DocumentsRepository; queue: JobQueue }, tenantId: string, current: CurrentVersion,
): Promise<StaleDocument[]> {
  const stale = await findStaleDocuments(deps.db, tenantId, current);
  for (const doc of stale) {
    const requeued = await deps.documents.requeue(doc.id);
    if (!requeued) continue;
    await deps.queue.enqueue('extract', { tenantId, documentId: doc.id }, { jobId: jobIds.extract(doc.id, requeued.generation) });
  }
  return stale;
}
