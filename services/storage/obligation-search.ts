import { and, eq, getTableColumns, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { ObligationFilters, ObligationSort } from '../../schemas/api.ts';
import { documents, extractionRuns, obligations } from '../../schemas/tables.ts';
import { decodeJsonCursor, encodeJsonCursor, InvalidCursorError } from './cursor.ts';
import type { Db } from './database.ts';
import type { ObligationWithModel } from './obligations-repository.ts';

export type ObligationSearchRow = ObligationWithModel & { documentFilename: string; series: string | null };

export interface SearchQuery extends ObligationFilters {
  tenantId: string;
  limit: number;
  cursor?: string;
}

interface SortSpec {
  /** Never NULL, so row-value keyset comparisons stay total. */
  key: SQL;
  desc: boolean;
  /** Cast applied to the cursor value so it compares like the key. */
  cast: 'text' | 'timestamptz' | 'real';
}

// Missing deadlines sort last in both directions: '~' sorts after digits, '' before them.
const SORTS: Record<ObligationSort, SortSpec> = {
  newest: { key: sql`${obligations.createdAt}`, desc: true, cast: 'timestamptz' },
  oldest: { key: sql`${obligations.createdAt}`, desc: false, cast: 'timestamptz' },
  deadline: { key: sql`coalesce(${obligations.deadlineIso}, '~')`, desc: false, cast: 'text' },
  '-deadline': { key: sql`coalesce(${obligations.deadlineIso}, '')`, desc: true, cast: 'text' },
  subject: { key: sql`lower(${obligations.subject})`, desc: false, cast: 'text' },
  '-subject': { key: sql`lower(${obligations.subject})`, desc: true, cast: 'text' },
  citation: { key: sql`${obligations.citation}`, desc: false, cast: 'text' },
  '-citation': { key: sql`${obligations.citation}`, desc: true, cast: 'text' },
  confidence: { key: sql`${obligations.confidence}`, desc: false, cast: 'real' },
  '-confidence': { key: sql`${obligations.confidence}`, desc: true, cast: 'real' },
  modality: { key: sql`${obligations.modality}::text`, desc: false, cast: 'text' },
};

/** Keyset cursor: the sort it belongs to, the last row's sort key and id. */
const SearchCursor = z.object({ s: z.string(), v: z.union([z.string(), z.number()]), id: z.string().uuid() });

function encode(sort: ObligationSort, value: string | number, id: string): string {
  return encodeJsonCursor({ s: sort, v: value, id });
}

function decode(sort: ObligationSort, cursor: string): { v: string | number; id: string } {
  const data = decodeJsonCursor(cursor, SearchCursor);
  // A cursor from another sort would seek on the wrong key.
  if (data.s !== sort) throw new InvalidCursorError();
  return data;
}

const DAY = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

/** The WHERE clause shared by the list, the exports and the benchmarks. */
export function filterConditions(q: Omit<SearchQuery, 'limit' | 'cursor' | 'sort'>): SQL[] {
  const c: SQL[] = [eq(obligations.tenantId, q.tenantId)];
  if (q.document) c.push(eq(obligations.documentId, q.document));
  if (q.modality) c.push(eq(obligations.modality, q.modality));
  if (q.language) c.push(eq(obligations.language, q.language));
  if (q.series) c.push(eq(documents.series, q.series));
  if (q.subject) {
    const pattern = `%${q.subject.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    c.push(or(ilike(obligations.subject, pattern), ilike(obligations.subjectEn, pattern))!);
  }
  if (q.citation) {
    // "Article 5" must not match "Article 50": the prefix has to end at a non-digit.
    c.push(sql`(lower(${obligations.citation}) = lower(${q.citation}) or (starts_with(lower(${obligations.citation}), lower(${q.citation})) and substr(${obligations.citation}, ${q.citation.length + 1}, 1) !~ '[0-9]'))`);
  }
  if (q.deadlineAfter) c.push(sql`(${obligations.deadlineIso} ~ ${DAY} and ${obligations.deadlineIso} >= ${q.deadlineAfter})`);
  if (q.deadlineBefore) c.push(sql`(${obligations.deadlineIso} ~ ${DAY} and ${obligations.deadlineIso} <= ${q.deadlineBefore})`);
  if (q.q) c.push(sql`${obligations.search} @@ websearch_to_tsquery('simple', ${q.q})`);
  return c;
}

/** Filtered, sorted, keyset-paginated obligations across documents (list, exports, page). */
export class ObligationSearch {
  constructor(private readonly db: Db) {}

  private readonly columns = (() => {
    const { search: _search, ...rest } = getTableColumns(obligations);
    return { ...rest, modelName: extractionRuns.modelName, documentFilename: documents.filename, series: documents.series };
  })();

  /** One page plus the cursor of the next (null at the end). */
  async page(query: SearchQuery): Promise<{ items: ObligationSearchRow[]; nextCursor: string | null }> {
    const spec = SORTS[query.sort];
    const conditions = filterConditions(query);
    if (query.cursor) {
      const { v, id } = decode(query.sort, query.cursor);
      const value = sql`${v}::${sql.raw(spec.cast)}`;
      conditions.push(spec.desc
        ? sql`(${spec.key}, ${obligations.id}) < (${value}, ${id}::uuid)`
        : sql`(${spec.key}, ${obligations.id}) > (${value}, ${id}::uuid)`);
    }
    const dir = sql.raw(spec.desc ? 'desc' : 'asc');
    const rows = await this.db.select({ ...this.columns, sortKey: sql<string | number>`${spec.key}` })
      .from(obligations)
      .innerJoin(documents, eq(documents.id, obligations.documentId))
      .leftJoin(extractionRuns, eq(extractionRuns.id, obligations.runId))
      .where(and(...conditions))
      .orderBy(sql`${spec.key} ${dir}`, sql`${obligations.id} ${dir}`)
      .limit(query.limit + 1);
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    const nextCursor = rows.length > query.limit && last ? encode(query.sort, keyValue(last.sortKey), last.id) : null;
    return { items: items.map(({ sortKey: _k, ...row }) => row), nextCursor };
  }

  /** Obligation counts by modality for a page of documents, in one grouped query. */
  async countsByDocument(tenantId: string, ids: string[]): Promise<Map<string, Record<string, number>>> {
    const out = new Map<string, Record<string, number>>();
    if (!ids.length) return out;
    const rows = await this.db.select({ documentId: obligations.documentId, modality: obligations.modality, n: sql<number>`count(*)::int` })
      .from(obligations).where(and(eq(obligations.tenantId, tenantId), inArray(obligations.documentId, ids)))
      .groupBy(obligations.documentId, obligations.modality);
    for (const r of rows) out.set(r.documentId, { ...out.get(r.documentId), [r.modality]: r.n });
    return out;
  }

  /** Every matching row, fetched page by page so an export of any size holds one page in memory. */
  async *iterate(query: Omit<SearchQuery, 'limit' | 'cursor'>, pageSize = 2000): AsyncGenerator<ObligationSearchRow[]> {
    let cursor: string | undefined;
    for (;;) {
      const page = await this.page({ ...query, limit: pageSize, cursor });
      if (page.items.length) yield page.items;
      if (!page.nextCursor) return;
      cursor = page.nextCursor;
    }
  }
}

/** Timestamps come back as Date (drizzle maps created_at) or as string; the cursor keeps ISO text. */
function keyValue(v: unknown): string | number {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'number') return v;
  return String(v);
}
