import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { loadConfig, type Config } from '../../schemas/config.ts';
import { dropDatabase } from '../../services/storage/database.ts';

export const TEST_PG_BASE = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestEnv {
  config: Config;
  dir: string;
  cleanup(): Promise<void>;
}

/**
 * An isolated world per test file: its own Postgres database, Redis key prefix and data dir, so
 * tests run twice in a row and beside a dev stack without touching either.
 */
export async function createTestEnv(overrides: Partial<Config> = {}): Promise<TestEnv> {
  const id = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'obligato-test-'));
  const dbUrl = new URL(TEST_PG_BASE);
  dbUrl.pathname = `/obligato_test_${id}`;
  const config = {
    ...loadConfig({}),
    databaseUrl: dbUrl.toString(),
    redisUrl: TEST_REDIS_URL,
    redisPrefix: `obligato-test-${id}`,
    dataDir: dir,
    llmThreads: 2,
    ...overrides,
  };
  return {
    config,
    dir,
    async cleanup() {
      if (config.databaseUrl.startsWith('postgres')) await dropDatabase(config.databaseUrl);
      await deleteRedisPrefix(config.redisUrl, config.redisPrefix);
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

async function deleteRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Polls until `check` returns a value, or fails with the last state after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
