import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { DocumentStatus } from '../../schemas/tables.ts';
import { queryRows, type Database, type Db } from './database.ts';

/** The channel migration 0004's trigger notifies with a document id on every progress-visible change. */
export const DOCUMENT_CHANNEL = 'obligato_documents';

/**
 * Ids of changed documents, as Postgres commits them. `null` tells listeners the feed was
 * interrupted (a reconnect): changes may have been missed, so they re-read what they follow.
 */
export type FeedListener = (documentId: string | null) => void;

export interface DocumentFeed {
  close(): Promise<void>;
}

/**
 * One LISTEN per process. Server Postgres: a dedicated connection (LISTEN is per session, so never
 * from the pool), reconnected with backoff. Embedded PGlite: its in-process LISTEN on the same client.
 */
export async function openDocumentFeed(database: Database, url: string, listener: FeedListener): Promise<DocumentFeed> {
  if (database.kind === 'pglite') {
    // drizzle's PGlite driver keeps the client it was given; the shared Db type does not name it.
    const client = (database.db as unknown as { $client: PGlite }).$client;
    const unlisten = await client.listen(DOCUMENT_CHANNEL, (payload) => listener(payload));
    return { close: () => unlisten() };
  }
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  let delay = 250;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (msg) => { if (msg.channel === DOCUMENT_CHANNEL && msg.payload) listener(msg.payload); });
    const lost = () => {
      if (closed || client !== next) return;
      client = null;
      void next.end().catch(() => undefined);
      schedule();
    };
    next.on('error', lost);
    next.on('end', lost);
    client = next;
    await next.connect();
    await next.query(`LISTEN ${DOCUMENT_CHANNEL}`);
    delay = 250;
  };
  const schedule = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      connect().then(() => listener(null), () => {
        client = null;
        delay = Math.min(delay * 2, 5000);
        schedule();
      });
    }, delay);
    retry.unref();
  };
  await connect();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}

export interface DocumentProgressRow {
  id: string;
  tenantId: string;
  status: DocumentStatus;
  error: string | null;
  pageCount: number | null;
  segmentsDone: number;
  segmentsTotal: number;
  segmentsFailed: number;
}

/** The progress columns of many documents in one query (any tenant: the caller filters by its own). */
export async function readProgress(db: Db, ids: readonly string[]): Promise<DocumentProgressRow[]> {
  if (!ids.length) return [];
  const rows = await queryRows<{
    id: string; tenant_id: string; status: DocumentStatus; error: string | null; page_count: number | null;
    segments_done: number; segments_total: number; segments_failed: number;
  }>(db, sql`
    select id, tenant_id, status, error, page_count, segments_done, segments_total, segments_failed
    from documents where id = any(${`{${ids.join(',')}}`}::uuid[])`);
  return rows.map((r) => ({
    id: r.id, tenantId: r.tenant_id, status: r.status, error: r.error, pageCount: r.page_count,
    segmentsDone: r.segments_done, segmentsTotal: r.segments_total, segmentsFailed: r.segments_failed,
  }));
}
