import { and, asc, desc, eq, getTableColumns, lt, or, sql } from 'drizzle-orm';
import type { DocumentText } from '../../schemas/text.ts';
import { documents, pages, segments, type DocumentRow, type DocumentStatus, type SegmentRow } from '../../schemas/tables.ts';
import type { Db } from './database.ts';

export interface NewDocument {
  tenantId: string;
  sha256: string;
  filename: string;
  mime: string;
  sizeBytes: number;
  series?: string | null;
  languageHint?: string | null;
}

export interface DocumentListQuery {
  tenantId: string;
  status?: DocumentStatus;
  series?: string;
  limit: number;
  cursor?: { createdAt: Date; id: string };
}

/** Data access for documents and their text (pages, segments). */
export class DocumentsRepository {
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

  async setStatus(id: string, status: DocumentStatus, error: string | null = null): Promise<void> {
    await this.db.update(documents).set({ status, error, updatedAt: new Date() }).where(eq(documents.id, id));
  }

  async setProgress(id: string, done: number, total: number): Promise<void> {
    await this.db.update(documents).set({ segmentsDone: done, segmentsTotal: total, updatedAt: new Date() })
      .where(eq(documents.id, id));
  }

  /** Marks a document for another pass; the new generation makes fresh job ids. */
  async requeue(id: string): Promise<DocumentRow | undefined> {
    const rows = await this.db.update(documents)
      .set({ status: 'queued', error: null, segmentsDone: 0, generation: sql`${documents.generation} + 1`, updatedAt: new Date() })
      .where(eq(documents.id, id)).returning();
    return rows[0];
  }

  /**
   * Replaces the document's text, pages and segments in one transaction, so a retried ingest
   * job never leaves half a document behind. Obligations of earlier segments cascade away.
   */
  async saveText(doc: DocumentRow, result: DocumentText): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.delete(segments).where(eq(segments.documentId, doc.id));
      await tx.delete(pages).where(eq(pages.documentId, doc.id));
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
      }).where(eq(documents.id, doc.id));
    });
  }

  async segments(documentId: string): Promise<SegmentRow[]> {
    return this.db.select().from(segments).where(eq(segments.documentId, documentId)).orderBy(asc(segments.ordinal));
  }

  async pages(documentId: string): Promise<(typeof pages.$inferSelect)[]> {
    return this.db.select().from(pages).where(eq(pages.documentId, documentId)).orderBy(asc(pages.n));
  }

  async shaInUse(sha256: string): Promise<boolean> {
    const rows = await this.db.select({ id: documents.id }).from(documents).where(eq(documents.sha256, sha256)).limit(1);
    return rows.length > 0;
  }

  async delete(tenantId: string, id: string): Promise<DocumentRow | undefined> {
    const rows = await this.db.delete(documents).where(and(eq(documents.tenantId, tenantId), eq(documents.id, id))).returning();
    return rows[0];
  }
}
