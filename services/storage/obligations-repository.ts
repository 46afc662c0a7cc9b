import { and, asc, desc, eq, getTableColumns, lt, or, sql, type SQL } from 'drizzle-orm';
import { extractionRuns, obligations, type ObligationRow } from '../../schemas/tables.ts';
import type { Modality } from '../../schemas/obligation.ts';
import type { Db } from './database.ts';

export interface ObligationQuery {
  tenantId: string;
  documentId?: string;
  modality?: Modality;
  language?: string;
  /** Full-text query (websearch syntax) over subject, action, English renderings and quote. */
  q?: string;
  limit: number;
  cursor?: { createdAt: Date; id: string };
}

export type ObligationWithModel = Omit<ObligationRow, 'search' | 'searchText'> & { modelName: string | null };

/** The query side for obligations. */
export class ObligationsRepository {
  constructor(private readonly db: Db) {}

  private readonly columns = (() => {
    const { search: _search, searchText: _searchText, ...rest } = getTableColumns(obligations);
    return { ...rest, modelName: extractionRuns.modelName };
  })();

  async list(query: ObligationQuery): Promise<ObligationWithModel[]> {
    const conditions: SQL[] = [eq(obligations.tenantId, query.tenantId)];
    if (query.documentId) conditions.push(eq(obligations.documentId, query.documentId));
    if (query.modality) conditions.push(eq(obligations.modality, query.modality));
    if (query.language) conditions.push(eq(obligations.language, query.language));
    if (query.q) conditions.push(sql`${obligations.search} @@ websearch_to_tsquery('simple', ${query.q})`);
    if (query.cursor) {
      const c = query.cursor;
      conditions.push(or(lt(obligations.createdAt, c.createdAt), and(eq(obligations.createdAt, c.createdAt), lt(obligations.id, c.id)))!);
    }
    return this.db.select(this.columns).from(obligations)
      .leftJoin(extractionRuns, and(eq(extractionRuns.id, obligations.runId), eq(extractionRuns.tenantId, obligations.tenantId)))
      .where(and(...conditions))
      .orderBy(desc(obligations.createdAt), desc(obligations.id))
      .limit(query.limit);
  }

  /** A document's obligations in reading order. */
  async forDocument(tenantId: string, documentId: string): Promise<ObligationWithModel[]> {
    return this.db.select(this.columns).from(obligations)
      .leftJoin(extractionRuns, and(eq(extractionRuns.id, obligations.runId), eq(extractionRuns.tenantId, obligations.tenantId)))
      .where(and(eq(obligations.tenantId, tenantId), eq(obligations.documentId, documentId)))
      .orderBy(asc(obligations.quoteStart), asc(obligations.ordinal));
  }

  async countByModality(tenantId: string, documentId: string): Promise<Record<string, number>> {
    const rows = await this.db.select({ modality: obligations.modality, n: sql<number>`count(*)::int` })
      .from(obligations).where(and(eq(obligations.tenantId, tenantId), eq(obligations.documentId, documentId)))
      .groupBy(obligations.modality);
    return Object.fromEntries(rows.map((r) => [r.modality, r.n]));
  }
}
