import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Api } from '../services/api/server.ts';
import { createServiceContext, type AppContext } from '../services/common/app-context.ts';
import type { BullmqJobQueue } from '../services/queue/bullmq.ts';
import { queryRows } from '../services/storage/database.ts';
import { OwnRedis } from './support/redis-server.ts';
import { createTestEnv, waitFor, type TestEnv } from './support/test-env.ts';

/**
 * Redis down (the test's own redis-server, killed): /healthz answers 503 naming Redis instead of
 * hanging (it hung > 40 s), /livez stays 200, /readyz turns 503, and an upload is refused with 503
 * at once with nothing stored (it hung ~20 s). A bound of 3 s on each request makes a hang fail.
 */
let redis: OwnRedis;
let env: TestEnv;
let ctx: AppContext<BullmqJobQueue>;
let api: Api;
let base: string;
let key: string;

const get = (url: string) => fetch(`${base}${url}`, { signal: AbortSignal.timeout(3000) });

async function files(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('health with Redis down', () => {
  beforeAll(async () => {
    redis = await OwnRedis.start();
    env = await createTestEnv({ redisUrl: redis.url, redisTimeoutMs: 1000 });
    ctx = await createServiceContext(env.config);
    key = (await ctx.apiKeys.create({ tenantId: env.config.tenant, scopes: ['read', 'upload'] })).key;
    api = await buildServer(ctx);
    await api.listen({ port: 0, host: '127.0.0.1' });
    const address = api.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await api?.close();
    await ctx?.close();
    if (redis && !redis.running) await redis.restart();
    await env?.cleanup();
    await redis?.stop();
  });

  it('is healthy and ready with both dependencies up, and echoes x-request-id', async () => {
    const res = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'probe-42' }, signal: AbortSignal.timeout(3000) });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('probe-42');
    expect(await res.json()).toMatchObject({ status: 'ok', failed: [], checks: { postgres: { ok: true }, redis: { ok: true } } });
    expect((await get('/readyz')).status).toBe(200);
    // A malformed id is replaced, not echoed.
    const odd = await fetch(`${base}/livez`, { headers: { 'x-request-id': 'a b\tc' }, signal: AbortSignal.timeout(3000) });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 503 naming Redis, stays live, and refuses uploads with nothing stored', async () => {
    await redis.stop();
    await waitFor(async () => (ctx.queue.isReady() ? undefined : true), 5000, 'producer connection to notice');

    const health = await get('/healthz');
    expect(health.status).toBe(503);
    const body = await health.json() as { failed: string[]; code: string; message: string };
    expect(body.failed).toEqual(['redis']);
    expect(body.code).toBe('unavailable');
    expect(body.message).toMatch(/^redis: /);
    expect((await get('/livez')).status).toBe(200);
    const ready = await get('/readyz');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'unavailable', failed: ['redis'] });

    const upload = await fetch(`${base}/v1/documents?filename=down.txt`, {
      method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'text/plain' },
      body: 'Article 1\nThe operator shall keep a register.\n', signal: AbortSignal.timeout(3000),
    });
    expect(upload.status).toBe(503);
    expect(await upload.json()).toMatchObject({ code: 'unavailable' });
    const [row] = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from documents`);
    expect(row!.n).toBe(0);
    expect(await files(env.config.dataDir).then((f) => f.filter((p) => p.includes(`${path.sep}blobs${path.sep}`)))).toEqual([]);
  });

  it('recovers when Redis is back: healthy again and uploads queue', async () => {
    await redis.restart();
    await waitFor(async () => (ctx.queue.isReady() ? true : undefined), 10_000, 'producer reconnected');
    expect((await get('/healthz')).status).toBe(200);
    const upload = await fetch(`${base}/v1/documents?filename=up.txt`, {
      method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'text/plain' },
      body: 'Article 1\nThe operator shall keep a register.\n', signal: AbortSignal.timeout(3000),
    });
    expect(upload.status).toBe(202);
  });
});
