import type { IngestJob } from '../../schemas/jobs.ts';
import type { DocumentsRepository } from '../storage/documents-repository.ts';
import { jobIds, type JobContext, type JobQueue } from '../queue/job-queue.ts';
import { PermanentJobError } from '../queue/run-job.ts';
import type { BlobStore } from './intake/blob-store.ts';
import { extractDocumentText } from './extract-text.ts';
import { textRuntimeOptions, type TextRuntimeConfig } from './text-runtime.ts';

export interface IngestHandlerDeps {
  documents: DocumentsRepository;
  blobs: BlobStore;
  queue: JobQueue;
  maxPages: number;
  /** OCR and PDF limits (workers, timeouts, pixels, DPI); absent: the built-in defaults. */
  text?: TextRuntimeConfig;
}

/**
 * Ingest: original bytes -> text, pages, language, segments -> stored, then the extract job is
 * queued. Bad input throws a DocumentInputError, which the job layer records as the document's
 * failure reason without retrying.
 */
export function createIngestHandler(deps: IngestHandlerDeps) {
  return async function ingest(job: IngestJob, ctx: JobContext): Promise<void> {
    const doc = await deps.documents.get(job.tenantId, job.documentId);
    if (!doc) throw new PermanentJobError(`Document ${job.documentId} no longer exists`);
    await deps.documents.setStatus(doc.id, 'text');
    await ctx.reportProgress({ stage: 'text', done: 0, total: 1 });
    const bytes = await deps.blobs.read(doc.sha256);
    const runtime = deps.text ? textRuntimeOptions(deps.text) : {};
    const result = await extractDocumentText(bytes, doc.filename, { ...runtime, maxPages: deps.maxPages, languageHint: doc.languageHint });
    await deps.documents.saveText(doc, result);
    await deps.documents.setStatus(doc.id, 'extracting');
    await ctx.reportProgress({ stage: 'text', done: 1, total: 1 });
    await deps.queue.enqueue('extract', { tenantId: doc.tenantId, documentId: doc.id }, {
      jobId: jobIds.extract(doc.id, doc.generation),
    });
  };
}
