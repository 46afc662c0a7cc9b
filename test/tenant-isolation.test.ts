import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILED_AUTH_PER_MINUTE } from '../services/api/auth.ts';
import { parseScopes } from '../services/auth/api-keys.ts';
import { BullmqJobQueue } from '../services/queue/bullmq.ts';
import { apiClient, authFetch } from './support/api-client.ts';
import { runCli } from './support/cli.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { createTestEnv, type TestEnv } from './support/test-env.ts';

/**
 * Tenant A's rows are invisible to tenant B on every route, whatever ids B guesses or learns; keys
 * are required everywhere under /v1 and /admin, scopes are enforced, revoked keys stop at once.
 */
const TEXT = 'Article 1\nThe operator shall keep a register of all vessels.\n\nArticle 2\nThe operator must not disclose crew records.\n';
const TEXT_2 = 'Article 1\nThe operator shall keep a register of all vessels.\n\nArticle 2\nThe operator shall disclose crew records to the port.\n';

let env: TestEnv;
let stack: TestStack;
let keyB: string;
let readOnlyA: string;
let docA: string;
let docA2: string;

async function ingestPaused(): Promise<boolean> {
  if (!(stack.ctx.queue instanceof BullmqJobQueue)) throw new Error('the test stack runs BullMQ');
  return stack.ctx.queue.queues.get('ingest')!.isPaused();
}

/** Every route with the ids it takes; `routes cover the OpenAPI document` keeps this list complete. */
function routes(id: string, series: string, otherId: string) {
  return [
    { method: 'GET', path: `/v1/documents/${id}` },
    { method: 'GET', path: `/v1/documents/${id}/text` },
    { method: 'GET', path: `/v1/documents/${id}/obligations` },
    { method: 'POST', path: `/v1/documents/${id}/reprocess` },
    { method: 'DELETE', path: `/v1/documents/${id}` },
    { method: 'GET', path: `/v1/series/${encodeURIComponent(series)}/changes` },
    { method: 'GET', path: `/v1/series/${encodeURIComponent(series)}/changes?from=${id}&to=${otherId}` },
  ];
}

describe('tenants and API keys', () => {
  beforeAll(async () => {
    env = await createTestEnv();
    stack = await startTestStack(env, 'rules');
    keyB = (await stack.ctx.apiKeys.create({ tenantId: 'tenant-b', scopes: ['read', 'upload', 'review', 'admin'] })).key;
    readOnlyA = (await stack.ctx.apiKeys.create({ tenantId: env.config.tenant, scopes: ['read'] })).key;
    const a = apiClient(stack.baseUrl);
    docA = (await a.upload(TEXT, 'a-2025.txt', { series: 'HARBOUR' })).id;
    docA2 = (await a.upload(TEXT_2, 'a-2026.txt', { series: 'HARBOUR' })).id;
    expect((await a.settled(docA)).status).toBe('done');
    expect((await a.settled(docA2)).status).toBe('done');
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    await env?.cleanup();
  });

  it('routes cover the OpenAPI document', async () => {
    const doc = (await (await fetch(`${stack.baseUrl}/docs/json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)).sort();
    const tested = new Set([
      ...routes('{id}', '{name}', '{id}').map((r) => `${r.method} ${r.path.split('?')[0]!.replace('%7Bname%7D', '{name}')}`),
      'GET /v1/documents', 'POST /v1/documents', 'GET /v1/obligations', 'GET /v1/obligations/export', 'GET /v1/documents/events',
      'GET /v1/series', 'GET /v1/session', 'POST /v1/session', 'DELETE /v1/session',
      // Review routes take obligation ids: test/review-api.test.ts checks another tenant's key gets 404
      // on PATCH and history and matches 0 rows in a bulk review.
      'GET /v1/obligations/{id}/history', 'POST /v1/obligations/review',
    ]);
    const untested = documented.filter((r) => r.startsWith('GET /v1') || r.startsWith('POST /v1') || r.startsWith('DELETE /v1') || r.startsWith('PUT /v1'))
      .filter((r) => !tested.has(r));
    expect(untested).toEqual([]);
  });

  it('answers 401 without a key, with a malformed key and with an unknown key, on every /v1 route and bull-board', async () => {
    const all = [
      ...routes(docA, 'HARBOUR', docA2), { method: 'GET', path: '/v1/documents' }, { method: 'POST', path: '/v1/documents?filename=x.txt' },
      { method: 'GET', path: '/v1/obligations' }, { method: 'GET', path: '/v1/obligations/export?format=csv' },
      { method: 'GET', path: `/v1/documents/events?ids=${docA}` }, { method: 'GET', path: '/v1/series' },
      { method: 'GET', path: '/admin/queues' }, { method: 'PUT', path: '/admin/queues/api/queues/ingest/pause' },
    ];
    const bad = [undefined, 'Bearer', 'Bearer nonsense', `Bearer obl_000000000000_${'A'.repeat(43)}`, `Basic ${Buffer.from('a:b').toString('base64')}`];
    for (const r of all) {
      for (const authorization of bad) {
        const res = await fetch(`${stack.baseUrl}${r.path}`, {
          method: r.method, headers: authorization ? { authorization } : {}, ...(r.method === 'POST' ? { body: 'x' } : {}),
        });
        expect(res.status, `${r.method} ${r.path} with ${authorization}`).toBe(401);
        const body = (await res.json()) as { code: string };
        expect(body.code).toBe('unauthorized');
      }
    }
    expect((await stack.ctx.documents.get(env.config.tenant, docA))?.status).toBe('done');
    expect(await ingestPaused()).toBe(false);
  });

  it('never shows, changes or deletes tenant A rows for tenant B, with A ids or guessed ones', async () => {
    const b = authFetch(stack.baseUrl, keyB);
    for (const id of [docA, docA2, randomUUID()]) {
      for (const r of routes(id, 'HARBOUR', docA2)) {
        const res = await b(`${stack.baseUrl}${r.path}`, { method: r.method });
        expect(res.status, `${r.method} ${r.path}`).toBe(404);
        const body = await res.text();
        expect(body).not.toContain('a-2025.txt');
        expect(body).not.toContain('register of all vessels');
      }
    }
    const lists = [
      '/v1/documents', '/v1/documents?series=HARBOUR', `/v1/obligations?document=${docA}`, '/v1/obligations?q=register',
      '/v1/obligations?series=HARBOUR', '/v1/series',
    ];
    for (const p of lists) {
      const res = await b(`${stack.baseUrl}${p}`);
      expect(res.status, p).toBe(200);
      const body = (await res.json()) as { items: unknown[] };
      expect(body.items, p).toEqual([]);
    }
    for (const format of ['csv', 'jsonl', 'xlsx']) {
      const res = await b(`${stack.baseUrl}/v1/obligations/export?format=${format}&document=${docA}`);
      expect(res.status).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.includes('register')).toBe(false);
    }
    const events = await b(`${stack.baseUrl}/v1/documents/events?ids=${docA},${docA2}`);
    const stream = await events.text();
    expect(stream).toContain('event: missing');
    expect(stream).not.toContain('event: progress');
    // A's documents are untouched: same status, same generation, obligations still there.
    const a = apiClient(stack.baseUrl);
    const after = await a.json(`/v1/documents/${docA}`);
    expect(after.status).toBe(200);
    expect((after.body as { status: string }).status).toBe('done');
    expect((await stack.ctx.documents.get(env.config.tenant, docA))!.generation).toBe(0);
  });

  it('gives tenant B its own document for the same bytes, and deleting it keeps A\'s original', async () => {
    const b = apiClient(stack.baseUrl, keyB);
    const up = await b.upload(TEXT, 'b-copy.txt');
    expect(up.duplicate).toBe(false);
    expect(up.id).not.toBe(docA);
    await b.settled(up.id);
    const list = (await b.json('/v1/documents')).body as { items: { id: string }[] };
    expect(list.items.map((d) => d.id)).toEqual([up.id]);
    expect((await b.fetch(`${stack.baseUrl}/v1/documents/${up.id}`, { method: 'DELETE' })).status).toBe(204);
    const text = await apiClient(stack.baseUrl).json(`/v1/documents/${docA}/text`);
    expect((text.body as { text: string }).text).toContain('register of all vessels');
    const reread = await stack.ctx.blobs.read((await stack.ctx.documents.get(env.config.tenant, docA))!.sha256);
    expect(reread.byteLength).toBeGreaterThan(0);
  });

  it('enforces scopes: read cannot upload, reprocess, delete or open bull-board', async () => {
    const r = authFetch(stack.baseUrl, readOnlyA);
    expect((await r(`${stack.baseUrl}/v1/documents/${docA}`)).status).toBe(200);
    const denied = [
      { method: 'POST', path: '/v1/documents?filename=x.txt' }, { method: 'POST', path: `/v1/documents/${docA}/reprocess` },
      { method: 'DELETE', path: `/v1/documents/${docA}` }, { method: 'GET', path: '/admin/queues' },
      { method: 'PUT', path: '/admin/queues/api/queues/ingest/pause' },
    ];
    for (const d of denied) {
      const res = await r(`${stack.baseUrl}${d.path}`, { method: d.method, ...(d.method === 'POST' ? { body: 'x' } : {}) });
      expect(res.status, `${d.method} ${d.path}`).toBe(403);
      expect(((await res.json()) as { code: string }).code).toBe('forbidden');
    }
    expect((await stack.ctx.documents.get(env.config.tenant, docA))?.status).toBe('done');
    expect(await ingestPaused()).toBe(false);
    // An admin key of the tenant opens bull-board.
    expect((await stack.fetch(`${stack.baseUrl}/admin/queues`)).status).toBe(200);
  });

  it('creates, lists and revokes keys from the CLI; a revoked key stops at once', async () => {
    const cliEnv = { DATABASE_URL: env.config.databaseUrl, DATA_DIR: env.dir };
    const created = await runCli(['keys', 'create', '--tenant', 'tenant-c', '--scopes', 'read,upload', '--name', 'ci', '--json'], { env: cliEnv });
    expect(created.code, created.stderr).toBe(0);
    const { key, prefix } = JSON.parse(created.stdout) as { key: string; prefix: string };
    expect(key).toMatch(/^obl_[0-9a-f]{12}_/);
    const rows = await stack.ctx.apiKeys.list('tenant-c');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.hash).not.toContain(key.split('_')[2]!);
    expect(rows[0]!.hash).toMatch(/^scrypt\$/);
    const c = authFetch(stack.baseUrl, key);
    expect((await c(`${stack.baseUrl}/v1/documents`)).status).toBe(200);
    expect((await c(`${stack.baseUrl}/v1/documents/${docA}`)).status).toBe(404);

    const listed = await runCli(['keys', 'list', '--tenant', 'tenant-c', '--json'], { env: cliEnv });
    expect(listed.stdout).not.toContain(key);
    expect(JSON.parse(listed.stdout)).toMatchObject({ items: [{ prefix, tenant: 'tenant-c', scopes: ['read', 'upload'], revokedAt: null }] });

    const revoked = await runCli(['keys', 'revoke', prefix], { env: cliEnv });
    expect(revoked.code, revoked.stderr).toBe(0);
    expect((await c(`${stack.baseUrl}/v1/documents`)).status).toBe(401);
    expect(() => parseScopes('read,root')).toThrow(/Scopes must be/);
  }, 150_000);

  it('signs the page in with a session cookie that stream and export links carry', async () => {
    const res = await fetch(`${stack.baseUrl}/v1/session`, { method: 'POST', headers: { authorization: `Bearer ${keyB}` } });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const jar = cookie.split(';')[0]!;
    expect((await fetch(`${stack.baseUrl}/v1/documents`, { headers: { cookie: jar } })).status).toBe(200);
    expect((await fetch(`${stack.baseUrl}/v1/documents/${docA}`, { headers: { cookie: jar } })).status).toBe(404);
    // A cross-site form post with the cookie is refused before anything happens.
    const forged = await fetch(`${stack.baseUrl}/v1/documents?filename=evil.txt`, {
      method: 'POST', body: 'x', headers: { cookie: jar, origin: 'https://evil.example', 'content-type': 'text/plain' },
    });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { code: string }).code).toBe('cross_origin');
  });

  // Last: it leaves this address blocked from KDF checks for the rest of the minute.
  it('stops guessing secrets for a known key prefix before the KDF runs', async () => {
    const prefix = readOnlyA.split('_')[1]!;
    const statuses: number[] = [];
    for (let i = 0; i < FAILED_AUTH_PER_MINUTE + 2; i++) {
      const guess = `obl_${prefix}_${randomUUID().replaceAll('-', '').padEnd(43, 'x').slice(0, 43)}`;
      statuses.push((await fetch(`${stack.baseUrl}/v1/documents`, { headers: { authorization: `Bearer ${guess}` } })).status);
    }
    expect(statuses.slice(0, FAILED_AUTH_PER_MINUTE).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(FAILED_AUTH_PER_MINUTE)).toEqual([429, 429]);
    // A valid key (already verified, no KDF) still works from the same address.
    expect((await stack.fetch(`${stack.baseUrl}/v1/documents`)).status).toBe(200);
  }, 120_000);
});
