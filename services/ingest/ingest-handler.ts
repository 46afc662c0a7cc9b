import type { IngestJob } from '../../schemas/jobs.ts';
import { PermanentJobError } from '../core/errors.ts';
import type { JobContext, JobQueue } from '../core/jobs.ts';
import { getJobOptions } from '../core/job-options.ts';
import type { BlobPort, IngestDocumentsPort } from '../core/ports.ts';
import { extractDocumentText } from './extract-text.ts';
import type { TextRuntimeOptions } from './text-runtime.ts';

export interface IngestHandlerDeps {
  documents: IngestDocumentsPort;
  blobs: Pick<BlobPort, 'read'>;
  queue: JobQueue;
  maxPages: number;
  /** The context's OCR pool and PDF sandbox with the config's limits; absent: the built-in defaults. */
  text?: TextRuntimeOptions;
}

/**
 * Ingest: original bytes -> text, pages, language, segments -> stored, then the extract job is
 * queued. Bad input throws a DocumentInputError, which the job layer records as the document's
 * failure reason without retrying.
 */
export function createIngestHandler(deps: IngestHandlerDeps) {
  return async function ingest(job: IngestJob, ctx: JobContext): Promise<void> {
    const doc = await deps.documents.get(job.tenantId, job.documentId);
    if (!doc) throw new PermanentJobError(`Document ${job.documentId} no longer exists`, 'document_gone');
    await deps.documents.setStatus(doc.tenantId, doc.id, 'text');
    await ctx.reportProgress({ stage: 'text', done: 0, total: 1 });
    const bytes = await deps.blobs.read(doc.sha256);
    const result = await extractDocumentText(bytes, doc.filename, { ...deps.text, maxPages: deps.maxPages, languageHint: doc.languageHint });
    await deps.documents.saveText(doc, result);
    await deps.documents.setStatus(doc.tenantId, doc.id, 'extracting');
    await ctx.reportProgress({ stage: 'text', done: 1, total: 1 });
    // The upload's lane carries on to the GPU stage: an analyst's document overtakes batch work there too.
    await deps.queue.enqueue('extract', { tenantId: doc.tenantId, documentId: doc.id },
      getJobOptions({ name: 'extract', documentId: doc.id, generation: doc.generation, lane: doc.lane }));
  };
}
