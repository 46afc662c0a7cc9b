import type { DocumentDetail, ObligationView } from '../../schemas/api.ts';
import type { DocumentRow, DocumentStatus } from '../../schemas/tables.ts';
import type { SeriesSource } from '../changes/series-changes.ts';
import { AppError } from '../core/errors.ts';
import type { JobQueue } from '../core/jobs.ts';
import type { BlobPort } from '../core/ports.ts';
import { reprocessDocument, submitDocument, type Submission } from '../ingest/intake/submit-document.ts';
import type { DocumentsRepository } from '../storage/documents-repository.ts';
import type { ExtractionRepository } from '../storage/extraction-repository.ts';
import type { ObligationSearch } from '../storage/obligation-search.ts';
import type { ObligationsRepository } from '../storage/obligations-repository.ts';
import { toDocumentView, toObligationView } from './views.ts';

export interface DocumentServiceDeps {
  documents: DocumentsRepository;
  runs: ExtractionRepository;
  obligations: ObligationsRepository;
  search: ObligationSearch;
  blobs: BlobPort;
  queue: JobQueue;
}

/**
 * The document use cases, one place for the REST routes, the CLI and batch runs: upload, list,
 * read, reprocess, remove. Every call names its tenant (from the caller's API key, or the CLI's
 * config); a document of another tenant is answered exactly like a missing one.
 */
export class DocumentService implements SeriesSource {
  constructor(private readonly deps: DocumentServiceDeps) {}

  /** Store, create (or find by content) and queue; see submitDocument. */
  upload(submission: Submission): Promise<{ document: DocumentRow; created: boolean; seriesAttached: boolean }> {
    return submitDocument(this.deps, submission);
  }

  /** The document or a `document_not_found` error. */
  async get(tenantId: string, id: string): Promise<DocumentRow> {
    const doc = await this.deps.documents.get(tenantId, id);
    if (!doc) throw new AppError('document_not_found', `No document ${id}`, { field: 'params.id' });
    return doc;
  }

  async list(tenantId: string, query: { status?: DocumentStatus; series?: string; limit: number; cursor?: { createdAt: Date; id: string } }) {
    const rows = await this.deps.documents.list({ tenantId, ...query, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    const counts = await this.deps.search.countsByDocument(tenantId, page.map((d) => d.id));
    return {
      items: page.map((d) => ({ ...toDocumentView(d), obligationCounts: counts.get(d.id) ?? {} })),
      last: rows.length > query.limit ? page[page.length - 1]! : null,
    };
  }

  async detail(tenantId: string, id: string): Promise<DocumentDetail> {
    const doc = await this.get(tenantId, id);
    const [pages, obligationCounts, run] = await Promise.all([
      this.deps.documents.pages(tenantId, doc.id),
      this.deps.obligations.countByModality(tenantId, doc.id),
      doc.currentRunId ? this.deps.runs.getRun(tenantId, doc.currentRunId) : Promise.resolve(undefined),
    ]);
    return {
      ...toDocumentView(doc),
      pages: pages.map(({ n, source, reason, ocrConfidence, language, start, end }) => ({ n, source, reason, ocrConfidence, language, start, end })),
      obligationCounts,
      run: run ? {
        id: run.id, engine: run.engine, modelName: run.modelName, modelSha256: run.modelSha256,
        promptVersion: run.promptVersion, params: run.params, runtime: run.runtime, segmentsTotal: run.segmentsTotal,
        segmentsFailed: run.segmentsFailed, promptTokens: run.promptTokens, completionTokens: run.completionTokens,
        durationMs: run.durationMs,
      } : null,
    };
  }

  async text(tenantId: string, id: string): Promise<{ id: string; text: string }> {
    const doc = await this.get(tenantId, id);
    return { id: doc.id, text: doc.text ?? '' };
  }

  async obligations(tenantId: string, id: string): Promise<ObligationView[]> {
    const doc = await this.get(tenantId, id);
    return this.obligationViews(tenantId, doc.id);
  }

  async obligationViews(tenantId: string, documentId: string): Promise<ObligationView[]> {
    return (await this.deps.obligations.forDocument(tenantId, documentId)).map((o) => toObligationView(o));
  }

  seriesVersions(tenantId: string, name: string) {
    return this.deps.documents.seriesVersions(tenantId, name);
  }

  seriesDocuments(tenantId: string) {
    return this.deps.documents.seriesDocuments(tenantId);
  }

  /** A new generation of ingest (and so extract) jobs. */
  async reprocess(tenantId: string, id: string, priority?: number): Promise<DocumentRow> {
    const doc = await reprocessDocument(this.deps, tenantId, id, priority);
    if (!doc) throw new AppError('document_not_found', `No document ${id}`, { field: 'params.id' });
    return doc;
  }

  /** Deletes the document with its pages, segments, runs and obligations, and the original once no document uses it. */
  async remove(tenantId: string, id: string): Promise<void> {
    const doc = await this.deps.documents.delete(tenantId, id);
    if (!doc) throw new AppError('document_not_found', `No document ${id}`, { field: 'params.id' });
    // Content-addressed: the original goes only when no document of any tenant still uses it.
    if (!(await this.deps.documents.shaInUse(doc.sha256))) await this.deps.blobs.remove(doc.sha256);
  }
}
