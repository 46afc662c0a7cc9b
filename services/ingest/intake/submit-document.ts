import path from 'node:path';
import type { DocumentRow } from '../../../schemas/tables.ts';
import type { DocumentsRepository } from '../../storage/documents-repository.ts';
import { jobIds, type JobQueue } from '../../queue/job-queue.ts';
import type { BlobStore } from './blob-store.ts';
import { sniffMime } from './file-type.ts';

export interface Submission {
  tenantId: string;
  bytes: Uint8Array;
  filename: string;
  series?: string | null;
  languageHint?: string | null;
  priority?: number;
}

export interface IntakeDeps {
  documents: DocumentsRepository;
  blobs: BlobStore;
  queue: JobQueue;
}

/**
 * Intake: store the original by sha256, create the document row, queue ingest. The same bytes
 * again return the existing document and queue nothing. Unreadable files are still accepted here:
 * the ingest job fails them with a reason, so every upload is accounted for.
 */
export async function submitDocument(deps: IntakeDeps, s: Submission): Promise<{ document: DocumentRow; created: boolean }> {
  const sha256 = await deps.blobs.put(s.bytes);
  const filename = path.basename(s.filename) || 'upload';
  const { document, created } = await deps.documents.createOrGet({
    tenantId: s.tenantId, sha256, filename, mime: sniffMime(s.bytes, filename), sizeBytes: s.bytes.byteLength,
    series: s.series ?? null, languageHint: s.languageHint ?? null,
  });
  if (created) {
    await deps.queue.enqueue('ingest', { tenantId: s.tenantId, documentId: document.id }, {
      jobId: jobIds.ingest(document.id, document.generation), priority: s.priority,
    });
  }
  return { document, created };
}

/** Re-process: a new generation of ingest (and so extract) jobs for an existing document. */
export async function reprocessDocument(deps: IntakeDeps, tenantId: string, id: string): Promise<DocumentRow | undefined> {
  const existing = await deps.documents.get(tenantId, id);
  if (!existing) return undefined;
  const doc = await deps.documents.requeue(id);
  if (!doc) return undefined;
  await deps.queue.enqueue('ingest', { tenantId, documentId: id }, { jobId: jobIds.ingest(id, doc.generation) });
  return doc;
}
