import path from 'node:path';
import type { DocumentRow } from '../../../schemas/tables.ts';
import { AppError } from '../../core/errors.ts';
import type { JobQueue } from '../../core/jobs.ts';
import type { BlobPort, IntakeDocumentsPort } from '../../core/ports.ts';
import { getJobOptions, laneOfPriority, type JobLane } from '../../core/job-options.ts';
import { sniffMime } from './file-type.ts';

export interface Submission {
  tenantId: string;
  bytes: Uint8Array;
  filename: string;
  series?: string | null;
  languageHint?: string | null;
  /** Older callers' numeric priority; above 1 means the batch lane. */
  priority?: number;
  /** The queue lane kept on the document from upload to extraction (default interactive). */
  lane?: JobLane;
  /** Extract non-binding segments too (recitals, preamble …); their rows are marked binding = false. */
  includeRecitals?: boolean;
}

export interface IntakeDeps {
  documents: IntakeDocumentsPort;
  blobs: BlobPort;
  queue: JobQueue;
}

/**
 * Intake: store the original by sha256, create the document row, queue ingest. The same bytes
 * again return the existing document and queue nothing; when they come with a series the existing
 * document has none of, the document is attached to it as a version (`seriesAttached`), and with a
 * different series than it already has the upload is refused (409 `series_conflict`) rather than
 * silently ignored. Unreadable files are still accepted here: the ingest job fails them with a
 * reason, so every upload is accounted for. If creating the row fails, a blob this call stored and
 * no document uses is removed again, so a rejected upload leaves no orphan.
 */
export async function submitDocument(
  deps: IntakeDeps, s: Submission,
): Promise<{ document: DocumentRow; created: boolean; seriesAttached: boolean }> {
  const sha256 = await deps.blobs.put(s.bytes);
  const filename = path.basename(s.filename) || 'upload';
  let result: { document: DocumentRow; created: boolean };
  try {
    result = await deps.documents.createOrGet({
      tenantId: s.tenantId, sha256, filename, mime: sniffMime(s.bytes, filename), sizeBytes: s.bytes.byteLength,
      series: s.series ?? null, languageHint: s.languageHint ?? null, lane: s.lane ?? laneOfPriority(s.priority),
      includeRecitals: s.includeRecitals ?? false,
    });
  } catch (error) {
    if (!(await deps.documents.shaInUse(sha256).catch(() => true))) await deps.blobs.remove(sha256).catch(() => undefined);
    throw error;
  }
  let { document } = result;
  let seriesAttached = false;
  if (!result.created && s.series && document.series !== s.series) {
    const attached = document.series === null ? await deps.documents.attachSeries(s.tenantId, document.id, s.series) : undefined;
    if (attached?.series !== s.series) {
      const current = attached ?? document;
      throw new AppError('series_conflict',
        `This file was already uploaded as ${current.filename} (document ${current.id}), a version of series "${current.series}"; `
        + `a document belongs to one series, so it cannot also be a version of "${s.series}"`, { field: 'query.series' });
    }
    document = attached;
    seriesAttached = true;
  }
  if (result.created) {
    await deps.queue.enqueue('ingest', { tenantId: s.tenantId, documentId: document.id },
      getJobOptions({ name: 'ingest', documentId: document.id, generation: document.generation, lane: document.lane }));
  }
  return { document, created: result.created, seriesAttached };
}

/**
 * Re-process: a new generation of ingest (and so extract) jobs for an existing document. A
 * `partial` document keeps its text and its run: only an extract job is queued, which resumes
 * the same run and tries its failed segments again.
 */
export async function reprocessDocument(
  deps: Pick<IntakeDeps, 'documents' | 'queue'>, tenantId: string, id: string, priority?: number,
): Promise<DocumentRow | undefined> {
  const before = await deps.documents.get(tenantId, id);
  if (!before) return undefined;
  const doc = await deps.documents.requeue(tenantId, id);
  if (!doc) return undefined;
  const name = before.status === 'partial' && before.text !== null ? 'extract' : 'ingest';
  const lane = priority === undefined ? doc.lane : laneOfPriority(priority);
  await deps.queue.enqueue(name, { tenantId, documentId: id }, getJobOptions({ name, documentId: id, generation: doc.generation, lane }));
  return doc;
}
