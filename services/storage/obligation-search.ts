import { and, eq, getTableColumns, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { ObligationFilters, ObligationSort } from '../../schemas/api.ts';
import { documents, extractionRuns, obligations, type ReviewStatus } from '../../schemas/tables.ts';
import { decodeJsonCursor, encodeJsonCursor, InvalidCursorError } from './cursor.ts';
import { queryRows, type Db } from './database.ts';
import type { ObligationWithModel } from './obligations-repository.ts';

export type ObligationSearchRow = ObligationWithModel & { documentFilename: string; series: string | null };

export interface SearchQuery extends ObligationFilters {
  tenantId: string;
  /**
   * Stored language codes to match (the caller expands `ar` to ara, arb …: services/documents/
   * language-filter.ts); when given, `language` itself is not compared.
   */
  languages?: string[];
  limit: number;
  cursor?: string;
}

interface SortSpec {
  /** Never NULL, so row-value keyset comparisons stay total. */
  key: SQL;
  desc: boolean;
  /** Cast applied to the cursor value so it compares like the key. */
  cast: 'text' | 'timestamptz' | 'real' | 'float8';
}

/**
 * Deadlines as numbers so durations order as durations (PT72H < P10D < P5Y): an ISO 8601 duration
 * is its length in seconds (Postgres reads ISO durations as intervals; a month counts 30 days, a
 * year 365.25), then calendar dates in date order (offset by 1e12 so they follow every duration),
 * then anything else. The strict pattern keeps the interval cast from ever failing a query.
 */
const DURATION = '^P(?=[0-9]|T[0-9])([0-9]{1,6}Y)?([0-9]{1,6}M)?([0-9]{1,6}W)?([0-9]{1,6}D)?(T(?=[0-9])([0-9]{1,6}H)?([0-9]{1,6}M)?([0-9]{1,6}S)?)?$';
function deadlineKey(missing: number): SQL {
  const iso = sql`coalesce(${obligations.correctedDeadlineIso}, ${obligations.deadlineIso})`;
  return sql`(case
    when ${iso} ~ ${DURATION} then extract(epoch from ${iso}::interval)::float8
    when ${iso} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' then 1e12 + (substr(${iso}, 1, 4)::float8 * 372 + substr(${iso}, 6, 2)::float8 * 31 + substr(${iso}, 9, 2)::float8) * 86400
    else ${missing}::float8 end)`;
}

// Missing deadlines sort last in both directions.
const SORTS: Record<ObligationSort, SortSpec> = {
  newest: { key: sql`${obligations.createdAt}`, desc: true, cast: 'timestamptz' },
  oldest: { key: sql`${obligations.createdAt}`, desc: false, cast: 'timestamptz' },
  deadline: { key: deadlineKey(1e15), desc: false, cast: 'float8' },
  '-deadline': { key: deadlineKey(-1), desc: true, cast: 'float8' },
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

/** Case and accent folding, identical to obligations.search_text (schemas/tables.ts). */
function fold(value: SQL): SQL {
  return sql`lower(normalize(regexp_replace(normalize(${value}, NFD), '[\u0300-\u036f]', '', 'g'), NFC))`;
}

/** Above this many matches the list's total is the planner's estimate instead of an exact count. */
export const EXACT_TOTAL_LIMIT = 10_000;

/** The WHERE clause shared by the list, the exports and the benchmarks. */
export function filterConditions(q: Omit<SearchQuery, 'limit' | 'cursor' | 'sort'>): SQL[] {
  const c: SQL[] = [eq(obligations.tenantId, q.tenantId)];
  if (q.document) c.push(eq(obligations.documentId, q.document));
  if (q.modality) c.push(eq(obligations.modality, q.modality));
  if (q.languages) c.push(q.languages.length ? inArray(obligations.language, q.languages) : sql`false`);
  else if (q.language) c.push(eq(obligations.language, q.language));
  if (q.reviewStatus) c.push(inArray(obligations.reviewStatus, q.reviewStatus.split(',') as ReviewStatus[]));
  if (q.owner) c.push(sql`lower(${obligations.reviewOwner}) = lower(${q.owner})`);
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
  if (q.q) {
    // Words through the tsvector; any 2+ character substring (CJK, Thai, parts of words) through
    // the trigram-indexed folded text, folded here with the same expression as the column.
    const pattern = `%${q.q.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    c.push(q.q.trim().length >= 2
      ? sql`(${obligations.search} @@ websearch_to_tsquery('simple', ${q.q}) or ${obligations.searchText} like ${fold(sql`${pattern}::text`)})`
      : sql`${obligations.search} @@ websearch_to_tsquery('simple', ${q.q})`);
  }
  return c;
}

/** Filtered, sorted, keyset-paginated obligations across documents (list, exports, page). */
export class ObligationSearch {
  constructor(private readonly db: Db) {}

  private readonly columns = (() => {
    const { search: _search, searchText: _searchText, ...rest } = getTableColumns(obligations);
    return { ...rest, modelName: extractionRuns.modelName, documentFilename: documents.filename, series: documents.series };
  })();

  /** One obligation of the tenant, with its document name (review responses). */
  async one(tenantId: string, id: string): Promise<ObligationSearchRow | undefined> {
    const rows = await this.db.select(this.columns).from(obligations)
      .innerJoin(documents, eq(documents.id, obligations.documentId))
      .leftJoin(extractionRuns, eq(extractionRuns.id, obligations.runId))
      .where(and(eq(obligations.tenantId, tenantId), eq(obligations.id, id)));
    return rows[0];
  }

  /**
   * "1–50 of N": exact while at most EXACT_TOTAL_LIMIT rows match (a capped count stops there),
   * otherwise the planner's row estimate for the filtered query (cheap at any size; approximate).
   */
  async total(query: Omit<SearchQuery, 'limit' | 'cursor' | 'sort'>): Promise<{ total: number; exact: boolean }> {
    const matching = this.db.select({ one: sql`1` }).from(obligations)
      .innerJoin(documents, eq(documents.id, obligations.documentId))
      .where(and(...filterConditions(query)));
    const counted = await queryRows<{ n: number }>(this.db, sql`select count(*)::int as n from (${matching.limit(EXACT_TOTAL_LIMIT + 1)}) capped`);
    const n = counted[0]?.n ?? 0;
    if (n <= EXACT_TOTAL_LIMIT) return { total: n, exact: true };
    const plan = await queryRows<{ 'QUERY PLAN': unknown }>(this.db, sql`explain (format json) ${matching}`);
    const raw = plan[0]?.['QUERY PLAN'];
    const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ Plan: { 'Plan Rows': number } }];
    return { total: Math.max(EXACT_TOTAL_LIMIT + 1, Math.round(parsed[0].Plan['Plan Rows'])), exact: false };
  }

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
