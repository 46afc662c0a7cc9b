import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as tables from '../../schemas/tables.ts';

/** Both drivers (server Postgres and embedded PGlite) behind one drizzle type. */
export type Db = PgDatabase<PgQueryResultHKT, typeof tables>;

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

/** True when the database answers a trivial query (health checks). */
export async function pingDatabase(db: Db): Promise<boolean> {
  return db.execute(sql`select 1`).then(() => true, () => false);
}

/**
 * `pglite:<dir>` (or `pglite:memory`) selects the embedded database used by `obligato extract`;
 * anything else is a Postgres URL.
 */
export async function openDatabase(url: string): Promise<Database> {
  if (url.startsWith('pglite:')) {
    const location = url.slice('pglite:'.length);
    const dir = location === 'memory' ? undefined : path.resolve(location);
    if (dir) await fs.mkdir(dir, { recursive: true });
    // pg_trgm: substring search in unsegmented scripts (migration 0005 creates the extension).
    // Options object form: `new PGlite(undefined, options)` ignores the options (measured: extension not found).
    const client = await PGlite.create({ dataDir: dir, extensions: { pg_trgm } });
    return { db: drizzlePglite(client, { schema: tables }), kind: 'pglite', close: () => client.close() };
  }
  await ensureDatabaseExists(url);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return { db: drizzlePg(pool, { schema: tables }), kind: 'postgres', close: () => pool.end() };
}

/** Creates the target database when missing; tolerant of a concurrent creator. */
export async function ensureDatabaseExists(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) return;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return;
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } catch (error) {
    // 42P04 duplicate_database, 23505 a racing CREATE DATABASE: someone else made it.
    const code = (error as { code?: string }).code;
    if (code !== '42P04' && code !== '23505') throw error;
  } finally {
    await client.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * Raw SQL rows through either driver: both answer `{ rows }`, but drizzle's shared PgDatabase type
 * cannot know that, so the cast lives here once.
 */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}
