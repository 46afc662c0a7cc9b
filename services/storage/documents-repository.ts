import { and, asc, desc, eq, getTableColumns, inArray, isNotNull, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { DocumentText } from '../../schemas/text.ts';
import {
  documents, extractionRuns, pages, segments, type DocumentRow, type DocumentStatus, type PageRow, type SegmentRow,
} from '../../schemas/tables.ts';
import type {
  CurrentVersion, DocumentFailure, ExtractDocumentsPort, IngestDocumentsPort, IntakeDocumentsPort, NewDocument, ReextractPort,
  StaleDocument,
} from '../core/ports.ts';
import type { Db } from './database.ts';

export type { NewDocument };

export interface DocumentListQuery {
  tenantId: string;
  status?: DocumentStatus;
  series?: string;
  limit: number;
  cursor?: { createdAt: Date; id: string };
}

export interface SeriesVersionRow { id: string; filename: string; status: DocumentStatus; createdAt: Date }

export interface DocumentProgressRow {
  id: string; status: DocumentStatus; error: string | null; errorCode: string | null; pageCount: number | null;
  segmentsDone: number; segmentsTotal: number;
}

/**
 * Data access for documents and their text (pages, segments). Every method names its tenant or
 * takes a row that carries it; the one exception, `shaInUse`, answers only a yes/no about shared
 * content-addressed blobs and returns no row.
 */
export class DocumentsRepository implements IngestDocumentsPort, IntakeDocumentsPort, ExtractDocumentsPort, ReextractPort {
  constructor(private readonly db: Db) {}

  /** Insert-or-get under the (tenant, sha256) unique key: concurrent uploads of one file meet here. */
  async createOrGet(doc: NewDocument): Promise<{ document: DocumentRow; created: boolean }> {
    const inserted = await this.db.insert(documents).values(doc).onConflictDoNothing().returning();
    if (inserted[0]) return { document: inserted[0], created: true };
    const existing = await this.findBySha(doc.tenantId, doc.sha256);
    if (!existing) throw new Error(`Document ${doc.sha256} vanished during insert`);
    return { document: existing, created: false };
  }

  async findBySha(tenantId: string, sha256: string): Promise<DocumentRow | undefined> {
    const rows = await this.db.select().from(documents)
      .where(and(eq(documents.tenantId, tenantId), eq(documents.sha256, sha256)));
    return rows[0];
  }

  async get(tenantId: string, id: string): Promise<DocumentRow | undefined> {
    const rows = await this.db.select().from(documents).where(and(eq(documents.tenantId, tenantId), eq(documents.id, id)));
    return rows[0];
  }

  /** Newest first, keyset-paginated on (created_at, id). The document text is left out of lists. */
  async list(query: DocumentListQuery): Promise<Omit<DocumentRow, 'text'>[]> {
    const { text: _text, ...columns } = getTableColumns(documents);
    const conditions = [eq(documents.tenantId, query.tenantId)];
    if (query.status) conditions.push(eq(documents.status, query.status));
    if (query.series) conditions.push(eq(documents.series, query.series));
    if (query.cursor) {
      const c = query.cursor;
      conditions.push(or(lt(documents.createdAt, c.createdAt), and(eq(documents.createdAt, c.createdAt), lt(documents.id, c.id)))!);
    }
    return this.db.select(columns).from(documents).where(and(...conditions))
      .orderBy(desc(documents.createdAt), desc(documents.id)).limit(query.limit);
  }

  async setStatus(tenantId: string, id: string, status: DocumentStatus, failure: DocumentFailure | null = null): Promise<void> {
    await this.db.update(documents)
      .set({ status, error: failure?.message ?? null, errorCode: failure?.code ?? null, updatedAt: new Date() })
      .where(and(eq(documents.tenantId, tenantId), eq(documents.id, id)));
  }

  async setProgress(tenantId: string, id: string, done: number, total: number): Promise<void> {
    await this.db.update(documents).set({ segmentsDone: done, segmentsTotal: total, updatedAt: new Date() })
      .where(and(eq(documents.tenantId, tenantId), eq(documents.id, id)));
  }

  /** Marks a document for another pass; the new generation makes fresh job ids. */
  async requeue(tenantId: string, id: string): Promise<DocumentRow | undefined> {
    const rows = await this.db.update(documents)
      .set({
        status: 'queued', error: null, errorCode: null, segmentsDone: 0, generation: sql`${documents.generation} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(documents.tenantId, tenantId), eq(documents.id, id))).returning();
    return rows[0];
  }

  /** Makes an existing document without a series a version of `series` (a re-upload naming one). */
  async attachSeries(tenantId: string, id: string, series: string): Promise<DocumentRow | undefined> {
    const rows = await this.db.update(documents).set({ series, updatedAt: new Date() })
      .where(and(eq(documents.tenantId, tenantId), eq(documents.id, id), isNull(documents.series))).returning();
    return rows[0] ?? (await this.get(tenantId, id));
  }

  /** Status and progress of some documents of one tenant (batch progress and summaries). */
  async progressOf(tenantId: string, ids: string[]): Promise<DocumentProgressRow[]> {
    if (!ids.length) return [];
    return this.db.select({
      id: documents.id, status: documents.status, error: documents.error, errorCode: documents.errorCode,
      pageCount: documents.pageCount, segmentsDone: documents.segmentsDone, segmentsTotal: documents.segmentsTotal,
    }).from(documents).where(and(eq(documents.tenantId, tenantId), inArray(documents.id, ids)));
  }

  /** Versions of a series are its documents in upload order. */
  async seriesVersions(tenantId: string, name: string): Promise<SeriesVersionRow[]> {
    return this.db.select({ id: documents.id, filename: documents.filename, status: documents.status, createdAt: documents.createdAt })
      .from(documents).where(and(eq(documents.tenantId, tenantId), eq(documents.series, name)))
      .orderBy(asc(documents.createdAt), asc(documents.id));
  }

  /** Every document of the tenant that belongs to a series, by series then upload order. */
  async seriesDocuments(tenantId: string): Promise<(SeriesVersionRow & { series: string })[]> {
    const rows = await this.db.select({
      series: documents.series, id: documents.id, filename: documents.filename, status: documents.status, createdAt: documents.createdAt,
    }).from(documents).where(and(eq(documents.tenantId, tenantId), isNotNull(documents.series)))
      .orderBy(asc(documents.series), asc(documents.createdAt), asc(documents.id));
    return rows.flatMap((r) => (r.series === null ? [] : [{ ...r, series: r.series }]));
  }

  /**
   * Documents whose current run was made by another engine, prompt version or model file than the
   * current one. Documents never extracted (no current run) are ingest's business, not this one's.
   */
  async findStale(tenantId: string, current: CurrentVersion): Promise<StaleDocument[]> {
    return this.db.select({
      id: documents.id, filename: documents.filename, engine: extractionRuns.engine,
      promptVersion: extractionRuns.promptVersion, modelSha256: extractionRuns.modelSha256,
    }).from(documents)
      .innerJoin(extractionRuns, and(eq(extractionRuns.id, documents.currentRunId), eq(extractionRuns.tenantId, documents.tenantId)))
      .where(and(
        eq(documents.tenantId, tenantId), isNotNull(documents.text), ne(documents.status, 'extracting'),
        or(
          ne(extractionRuns.engine, current.engine),
          ne(extractionRuns.promptVersion, current.promptVersion),
          sql`${extractionRuns.modelSha256} is distinct from ${current.modelSha256}`,
          // Partial documents are retried: the extract job resumes their run and redoes the failed segments.
          eq(documents.status, 'partial'),
        ),
      ))
      .orderBy(documents.createdAt);
  }

  /**
   * Replaces the document's text, pages and segments in one transaction, so a retried ingest
   * job never leaves half a document behind. Obligations of earlier segments cascade away.
   */
  async saveText(doc: DocumentRow, result: DocumentText): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.delete(segments).where(and(eq(segments.tenantId, doc.tenantId), eq(segments.documentId, doc.id)));
      await tx.delete(pages).where(and(eq(pages.tenantId, doc.tenantId), eq(pages.documentId, doc.id)));
      if (result.pages.length) {
        await tx.insert(pages).values(result.pages.map((p) => ({
          tenantId: doc.tenantId, documentId: doc.id, n: p.n, source: p.source, reason: p.reason,
          ocrConfidence: p.ocrConfidence, language: p.language, text: result.text.slice(p.start, p.end),
          start: p.start, end: p.end,
        })));
      }
      // Chunked: a 2,000-page document can exceed Postgres' 65,535 bind parameters in one insert.
      for (let i = 0; i < result.segments.length; i += 500) {
        await tx.insert(segments).values(result.segments.slice(i, i + 500).map((s) => ({
          tenantId: doc.tenantId, documentId: doc.id, ordinal: s.ordinal, citation: s.citation, citationKey: s.citationKey, kind: s.kind, heading: s.heading,
          text: result.text.slice(s.start, s.end), start: s.start, end: s.end, pageStart: s.pageStart,
          pageEnd: s.pageEnd, language: s.language, sentences: s.sentences,
        })));
      }
      await tx.update(documents).set({
        text: result.text, language: result.language.code, languageConfidence: result.language.confidence,
        pageCount: result.pages.length, segmentsTotal: result.segments.length, segmentsDone: 0,
        currentRunId: null, updatedAt: new Date(),
      }).where(and(eq(documents.tenantId, doc.tenantId), eq(documents.id, doc.id)));
    });
  }

  async segments(tenantId: string, documentId: string): Promise<SegmentRow[]> {
    return this.db.select().from(segments).where(and(eq(segments.tenantId, tenantId), eq(segments.documentId, documentId)))
      .orderBy(asc(segments.ordinal));
  }

  async pages(tenantId: string, documentId: string): Promise<PageRow[]> {
    return this.db.select().from(pages).where(and(eq(pages.tenantId, tenantId), eq(pages.documentId, documentId)))
      .orderBy(asc(pages.n));
  }

  /**
   * Cross-tenant on purpose: originals are content-addressed and shared, so a blob may go only when
   * no document of any tenant uses it. Answers yes/no; no row leaves.
   */
  async shaInUse(sha256: string): Promise<boolean> {
    const rows = await this.db.select({ id: documents.id }).from(documents).where(eq(documents.sha256, sha256)).limit(1);
    return rows.length > 0;
  }

  async delete(tenantId: string, id: string): Promise<DocumentRow | undefined> {
    const rows = await this.db.delete(documents).where(and(eq(documents.tenantId, tenantId), eq(documents.id, id))).returning();
    return rows[0];
  }
}
