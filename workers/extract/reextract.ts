import type { JobQueue } from '../../services/core/jobs.ts';
import { getJobOptions } from '../../services/core/job-options.ts';
import type { CurrentVersion, ReextractPort, StaleDocument } from '../../services/core/ports.ts';

export type { CurrentVersion, StaleDocument };

/**
 * Queues an extract job of a new generation per stale document (its current run was made by another
 * engine, prompt version or model, or it ended `partial`: its failed segments are tried again in
 * the same run); ingest is not repeated. The query is the repository's
 * (`findStale`), scoped by tenant like every other.
 */
export async function enqueueReextract(
  deps: { documents: ReextractPort; queue: JobQueue }, tenantId: string, current: CurrentVersion,
): Promise<StaleDocument[]> {
  const stale = await deps.documents.findStale(tenantId, current);
  for (const doc of stale) {
    const requeued = await deps.documents.requeue(tenantId, doc.id);
    if (!requeued) continue;
    await deps.queue.enqueue('extract', { tenantId, documentId: doc.id },
      getJobOptions({ name: 'extract', documentId: doc.id, generation: requeued.generation, lane: requeued.lane }));
  }
  return stale;
}
