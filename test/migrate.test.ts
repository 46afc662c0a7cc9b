import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from '../services/storage/database.ts';
import { migrateDatabase } from '../services/storage/migrate.ts';
import { createTestEnv, type TestEnv } from './support/test-env.ts';

/** Every migration in the journal is applied exactly once, however many there are. */
const MIGRATIONS = (JSON.parse(readFileSync(new URL('../migrations/meta/_journal.json', import.meta.url), 'utf8')) as { entries: unknown[] }).entries.length;

let env: TestEnv;

describe('migrations', () => {
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => {
    await env?.cleanup();
  });

  it('creates the database and survives five services migrating at the same moment', async () => {
    await Promise.all(Array.from({ length: 5 }, () => migrateDatabase(env.config.databaseUrl)));
    const database = await openDatabase(env.config.databaseUrl);
    try {
      expect(await queryRows(database.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`)).toEqual([{ n: MIGRATIONS }]);
      const tables = await queryRows<{ table_name: string }>(database.db, sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`);
      expect(tables.map((r) => r.table_name)).toEqual(['api_keys', 'documents', 'extraction_runs', 'obligation_history', 'obligations', 'pages', 'run_segments', 'segments']);
    } finally {
      await database.close();
    }
  });

  it('applies the same migrations to embedded PGlite', async () => {
    const database = await openDatabase('pglite:memory');
    try {
      await migrateDatabase('pglite:memory', database);
      expect(await queryRows(database.db, sql`select count(*)::int as n from documents`)).toEqual([{ n: 0 }]);
    } finally {
      await database.close();
    }
  });
});
