import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Modality } from '../../schemas/obligation.ts';
import { apiKeys, documents, obligationHistory, obligations, type ReviewStatus } from '../../schemas/tables.ts';
import { queryRows, type Db } from './database.ts';
import { filterConditions, type SearchQuery } from './obligation-search.ts';

/** Review fields a change may set; undefined = leave as is, null = clear. */
export interface ReviewValues {
  reviewStatus?: ReviewStatus;
  reviewNote?: string | null;
  reviewOwner?: string | null;
  reviewDue?: string | null;
  correctedSubject?: string | null;
  correctedAction?: string | null;
  correctedModality?: Modality | null;
  correctedDeadlineText?: string | null;
  correctedDeadlineIso?: string | null;
}

/** Column of each review field, and the SQL type its parameter is cast to. */
const FIELDS: Record<keyof ReviewValues, { column: string; cast: string }> = {
  reviewStatus: { column: 'review_status', cast: 'review_status' },
  reviewNote: { column: 'review_note', cast: 'text' },
  reviewOwner: { column: 'review_owner', cast: 'text' },
  reviewDue: { column: 'review_due', cast: 'date' },
  correctedSubject: { column: 'corrected_subject', cast: 'text' },
  correctedAction: { column: 'corrected_action', cast: 'text' },
  correctedModality: { column: 'corrected_modality', cast: 'modality' },
  correctedDeadlineText: { column: 'corrected_deadline_text', cast: 'text' },
  correctedDeadlineIso: { column: 'corrected_deadline_iso', cast: 'text' },
};

export interface ReviewActor {
  /** null under AUTH=off. */
  keyId: string | null;
}

export type ReviewTarget = { ids: string[] } | { filter: Omit<SearchQuery, 'limit' | 'cursor' | 'sort' | 'tenantId'> };

export interface HistoryRecord {
  id: string;
  at: Date;
  actorKeyId: string | null;
  actorName: string;
  action: string;
  changes: Record<string, { before: unknown; after: unknown }>;
}

/** Review writes and the append-only history: one statement per change, whatever the number of rows. */
export class ReviewRepository {
  constructor(private readonly db: Db) {}

  /**
   * Sets review fields on the target rows and appends one history row per obligation whose values
   * changed, in a single statement: a CTE picks the rows (the same WHERE as the search list),
   * `UPDATE … FROM` it, and the history insert reads the old values from the CTE.
   */
  async apply(tenantId: string, target: ReviewTarget, values: ReviewValues, actor: ReviewActor, action: 'review' | 'bulk'): Promise<{ matched: number; changed: number }> {
    const entries = (Object.keys(values) as (keyof ReviewValues)[]).filter((k) => values[k] !== undefined);
    if (!entries.length) return { matched: 0, changed: 0 };
    const where = 'ids' in target
      ? and(eq(obligations.tenantId, tenantId), inArray(obligations.id, target.ids))!
      : and(...filterConditions({ ...target.filter, tenantId }))!;
    const param = (k: keyof ReviewValues): SQL => sql`${values[k] ?? null}::${sql.raw(FIELDS[k].cast)}`;
    const oldCols = sql.join(entries.map((k) => sql`${sql.raw(`"obligations"."${FIELDS[k].column}"`)} as ${sql.raw(`"old_${FIELDS[k].column}"`)}`), sql`, `);
    const sets = sql.join([...entries.map((k) => sql`${sql.raw(`"${FIELDS[k].column}"`)} = ${param(k)}`), sql`"reviewed_at" = now()`], sql`, `);
    // Per changed field {before, after}, concatenated so unchanged fields are left out (and JSON nulls kept).
    const changes = sql`(${sql.join(entries.map((k) => {
      const old = sql.raw(`target."old_${FIELDS[k].column}"`);
      return sql`case when ${old} is distinct from ${param(k)} then jsonb_build_object(${k}::text, jsonb_build_object('before', coalesce(to_jsonb(${old}), 'null'::jsonb), 'after', coalesce(to_jsonb(${param(k)}), 'null'::jsonb))) else '{}'::jsonb end`;
    }), sql` || `)})`;
    const actorName = sql`coalesce((select ${apiKeys.name} from ${apiKeys} where ${apiKeys.id} = ${actor.keyId}::uuid and ${apiKeys.tenantId} = ${tenantId}), 'auth-off')`;
    const rows = await queryRows<{ matched: number; changed: number }>(this.db, sql`
      with target as (
        select "obligations"."id", ${oldCols} from ${obligations}
        inner join ${documents} on ${documents.id} = ${obligations.documentId}
        where ${where}
        for update of ${obligations}
      ), updated as (
        update ${obligations} set ${sets} from target where ${obligations.id} = target.id returning ${obligations.id}
      ), logged as (
        insert into ${obligationHistory} (tenant_id, obligation_id, actor_key_id, actor_name, action, changes)
        select ${tenantId}::text, target.id, ${actor.keyId}::uuid, ${actorName}, ${action}::text, ${changes} from target
        where ${changes} <> '{}'::jsonb
        returning 1
      )
      select (select count(*) from updated)::int as matched, (select count(*) from logged)::int as changed`);
    return rows[0] ?? { matched: 0, changed: 0 };
  }

  /** The obligation's history, oldest first; undefined when the tenant has no such obligation. */
  async history(tenantId: string, obligationId: string): Promise<HistoryRecord[] | undefined> {
    const found = await this.db.select({ id: obligations.id }).from(obligations)
      .where(and(eq(obligations.tenantId, tenantId), eq(obligations.id, obligationId))).limit(1);
    if (!found.length) return undefined;
    return this.db.select({
      id: obligationHistory.id, at: obligationHistory.at, actorKeyId: obligationHistory.actorKeyId,
      actorName: obligationHistory.actorName, action: obligationHistory.action, changes: obligationHistory.changes,
    }).from(obligationHistory)
      .where(and(eq(obligationHistory.tenantId, tenantId), eq(obligationHistory.obligationId, obligationId)))
      .orderBy(asc(obligationHistory.at), asc(obligationHistory.id));
  }
}
