import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentDetail, ErrorResponse, ObligationList, UploadResponse } from '../schemas/api.ts';
import { apiClient, authFetch } from './support/api-client.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { createTestEnv, type TestEnv } from './support/test-env.ts';

/**
 * Document lifecycle routes end to end (REST + BullMQ workers + Postgres): the upload size limit,
 * POST /v1/documents/:id/reprocess, and DELETE keeping an original another tenant still uses.
 */
const LIMIT = 4096;
const TEXT = 'Article 1\nThe carrier shall keep a cargo log.\nThe carrier must not destroy the log.\n';

let env: TestEnv;
let stack: TestStack;
let keyB: string;

beforeAll(async () => {
  env = await createTestEnv({ maxUploadBytes: LIMIT });
  stack = await startTestStack(env, 'rules');
  keyB = (await stack.ctx.apiKeys.create({ tenantId: 'tenant-b', name: 'b', scopes: ['read', 'upload'] })).key;
}, 120_000);
afterAll(async () => {
  await stack?.close();
  await env?.cleanup();
});

describe('document lifecycle routes', () => {
  it('refuses an upload over MAX_UPLOAD_BYTES with 413 and a reason, and stores nothing', async () => {
    const res = await stack.fetch(`${stack.baseUrl}/v1/documents?filename=big.txt`, {
      method: 'POST', body: 'x'.repeat(LIMIT + 1), headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(413);
    expect(ErrorResponse.safeParse(await res.json()).success).toBe(true);
    const list = (await (await stack.fetch(`${stack.baseUrl}/v1/documents?limit=100`)).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);
    // One byte under the limit is accepted.
    const ok = await stack.fetch(`${stack.baseUrl}/v1/documents?filename=fits.txt`, {
      method: 'POST', body: `${TEXT}${' '.repeat(LIMIT - Buffer.byteLength(TEXT))}`, headers: { 'content-type': 'text/plain' },
    });
    expect(ok.status).toBe(202);
    await apiClient(stack.baseUrl).settled(UploadResponse.parse(await ok.json()).id);
  });

  it('reprocesses a document: 202, a new pass, the same obligations', async () => {
    const client = apiClient(stack.baseUrl);
    const { id } = await client.upload(`${TEXT}\nArticle 2\nThe port may inspect the log.\n`, 'reprocess.txt');
    const first = await client.settled(id);
    expect(first.status).toBe('done');
    const before = ObligationList.pick({ items: true }).parse(await (await stack.fetch(`${stack.baseUrl}/v1/documents/${id}/obligations`)).json()).items;
    expect(before.map((o) => o.quote)).toEqual([
      'The carrier shall keep a cargo log.', 'The carrier must not destroy the log.', 'The port may inspect the log.',
    ]);
    const generation = (await stack.ctx.documents.get(env.config.tenant, id))!.generation;

    const res = await stack.fetch(`${stack.baseUrl}/v1/documents/${id}/reprocess`, { method: 'POST' });
    expect(res.status).toBe(202);
    expect(UploadResponse.parse(await res.json())).toMatchObject({ id, duplicate: false });
    const again = await client.settled(id);
    expect(again.status).toBe('done');
    expect((await stack.ctx.documents.get(env.config.tenant, id))!.generation).toBe(generation + 1);
    const after = ObligationList.pick({ items: true }).parse(await (await stack.fetch(`${stack.baseUrl}/v1/documents/${id}/obligations`)).json()).items;
    expect(after.map((o) => [o.modality, o.quote])).toEqual(before.map((o) => [o.modality, o.quote]));

    expect((await stack.fetch(`${stack.baseUrl}/v1/documents/00000000-0000-4000-8000-000000000000/reprocess`, { method: 'POST' })).status).toBe(404);
  });

  it('deleting one tenant\'s copy keeps the original the other tenant still uses; the last delete removes it', async () => {
    const text = 'Article 1\nThe pilot shall report every incident.\n';
    const a = await apiClient(stack.baseUrl).upload(text, 'shared.txt');
    const b = await apiClient(stack.baseUrl, keyB).upload(text, 'shared.txt');
    expect(a.id).not.toBe(b.id);
    await apiClient(stack.baseUrl).settled(a.id);
    await apiClient(stack.baseUrl, keyB).settled(b.id);
    const sha = (await stack.ctx.documents.get(env.config.tenant, a.id))!.sha256;

    expect((await stack.fetch(`${stack.baseUrl}/v1/documents/${a.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(Buffer.from(await stack.ctx.blobs.read(sha)).toString('utf8')).toBe(text);
    const fetchB = authFetch(stack.baseUrl, keyB);
    const stillB = DocumentDetail.parse(await (await fetchB(`${stack.baseUrl}/v1/documents/${b.id}`)).json());
    expect(stillB.status).toBe('done');

    expect((await fetchB(`${stack.baseUrl}/v1/documents/${b.id}`, { method: 'DELETE' })).status).toBe(204);
    await expect(stack.ctx.blobs.read(sha)).rejects.toThrow();
  });
});
