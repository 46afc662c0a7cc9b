import { sql } from 'drizzle-orm';
import { TERMINAL_DOCUMENT_STATUSES, type DocumentStatus, type JOB_LANES } from '../../schemas/tables.ts';
import { queryRows, type Db } from './database.ts';

/** A document the pipeline has not finished: what the reconciler needs to rebuild its job. */
export interface UnfinishedDocument {
  id: string;
  tenantId: string;
  status: DocumentStatus;
  generation: number;
  hasText: boolean;
  lane: (typeof JOB_LANES)[number];
  updatedAt: Date;
}

export interface UnfinishedPage {
  /** Documents untouched for at least this long (a running job refreshes its row). */
  olderThanMs: number;
  limit: number;
  /** Keyset: continue after this (updated_at, id). */
  after?: { updatedAt: Date; id: string };
}

/** The reconciler's view of Postgres (the source of truth for what work is owed), across tenants. */
export interface UnfinishedDocumentsReader {
  list(page: UnfinishedPage): Promise<UnfinishedDocument[]>;
  /** Records a failure Redis knows of (attempts used up) that never reached the document row. */
  markFailed(doc: Pick<UnfinishedDocument, 'id' | 'tenantId' | 'generation'>, code: string, message: string): Promise<void>;
}

interface Row {
  id: string; tenant_id: string; status: DocumentStatus; generation: number; has_text: boolean;
  lane: UnfinishedDocument['lane']; updated_at: Date | string;
}

const TERMINAL = sql.join(TERMINAL_DOCUMENT_STATUSES.map((s) => sql`${s}`), sql`, `);

export class UnfinishedDocumentsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Runs `fn` inside a transaction holding a transaction-scoped advisory lock, so one host
   * reconciles at a time; null (without running `fn`) when another host holds it. The lock ends
   * with the transaction, so a crashed host never leaves it held.
   */
  async underLock<T>(name: string, fn: (reader: UnfinishedDocumentsReader) => Promise<T>): Promise<T | null> {
    return this.db.transaction(async (tx) => {
      const [got] = await queryRows<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(hashtext(${name})) as locked`);
      if (!got?.locked) return null;
      return fn(this.reader(tx));
    });
  }

  private reader(db: Db): UnfinishedDocumentsReader {
    return {
      list: async (page) => {
        const after = page.after
          ? sql`and (updated_at, id) > (${page.after.updatedAt.toISOString()}::timestamptz, ${page.after.id}::uuid)` : sql``;
        const rows = await queryRows<Row>(db, sql`
          select id, tenant_id, status, generation, text is not null as has_text, lane, updated_at
          from documents
          where status not in (${TERMINAL})
            and updated_at < now() - make_interval(secs => ${page.olderThanMs / 1000})
            ${after}
          order by updated_at, id
          limit ${page.limit}`);
        return rows.map((r) => ({
          id: r.id, tenantId: r.tenant_id, status: r.status, generation: Number(r.generation), hasText: r.has_text,
          lane: r.lane, updatedAt: new Date(r.updated_at),
        }));
      },
      markFailed: async (doc, code, message) => {
        // Only the same generation: a document re-processed meanwhile is left alone.
        await db.execute(sql`
          update documents set status = 'failed', error = ${message}, error_code = ${code}, updated_at = now()
          where id = ${doc.id} and tenant_id = ${doc.tenantId} and generation = ${doc.generation}
            and status not in (${TERMINAL})`);
      },
    };
  }
}
