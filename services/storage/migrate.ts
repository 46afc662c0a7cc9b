import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import pg from 'pg';
import { ensureDatabaseExists, type Database } from './database.ts';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

/** Arbitrary constant: every Obligato process that migrates takes this advisory lock first. */
const MIGRATION_LOCK_KEY = 4_242_017;

/**
 * Applies drizzle-kit migrations. On Postgres it runs on one dedicated connection holding a
 * session advisory lock, so services starting at the same moment migrate one after the other.
 */
export async function migrateDatabase(url: string, database?: Database): Promise<void> {
  if (url.startsWith('pglite:')) {
    if (!database || database.kind !== 'pglite') throw new Error('An open PGlite database is required to migrate it');
    // PGlite is single-connection and in-process, so there is no concurrent migrator to lock out.
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS_DIR });
    return;
  }
  await ensureDatabaseExists(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migratePg(drizzlePg(client), { migrationsFolder: MIGRATIONS_DIR });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}
