import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentDetail, ObligationList, UploadResponse } from '../schemas/api.ts';
import { makeTextPdf } from './support/make-pdf.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { createTestEnv, waitFor, type TestEnv } from './support/test-env.ts';

const REGULATION = [
  'Article 1',
  'The operator shall keep a register of all processing activities.',
  'Article 2',
  'The operator must not disclose crew records to third parties.',
  'The operator may appoint an auditor.',
].join('\n');

let env: TestEnv;
let stack: TestStack;

async function upload(body: BodyInit, query: string, headers: Record<string, string> = {}) {
  const res = await stack.fetch(`${stack.baseUrl}/v1/documents?${query}`, { method: 'POST', body, headers });
  return { status: res.status, body: (await res.json()) as unknown };
}

async function waitSettled(id: string) {
  return waitFor(async () => {
    const doc = DocumentDetail.parse(await (await stack.fetch(`${stack.baseUrl}/v1/documents/${id}`)).json());
    return doc.status === 'done' || doc.status === 'failed' ? doc : undefined;
  }, 60_000, `document ${id} to settle`);
}

async function obligationsOf(id: string) {
  const res = await stack.fetch(`${stack.baseUrl}/v1/documents/${id}/obligations`);
  return ObligationList.pick({ items: true }).parse(await res.json()).items;
}

async function documentText(id: string): Promise<string> {
  return ((await (await stack.fetch(`${stack.baseUrl}/v1/documents/${id}/text`)).json()) as { text: string }).text;
}

describe('REST service with BullMQ workers (rules engine)', () => {
  beforeAll(async () => {
    env = await createTestEnv();
    stack = await startTestStack(env, 'rules');
  });
  afterAll(async () => {
    await stack?.close();
    await env?.cleanup();
  });

  it('takes a raw text upload to grounded obligations', async () => {
    const res = await upload(REGULATION, 'filename=reg.txt', { 'content-type': 'text/plain' });
    expect(res.status).toBe(202);
    const { id, duplicate } = UploadResponse.parse(res.body);
    expect(duplicate).toBe(false);
    const doc = await waitSettled(id);
    expect(doc.status, doc.error ?? '').toBe('done');
    expect(doc.language).toBe('eng');
    expect(doc.progress).toEqual({ done: doc.progress.total, total: doc.progress.total });
    expect(doc.run?.engine).toBe('rules');
    const items = await obligationsOf(id);
    const text = await documentText(id);
    expect(items.map((o) => o.modality).sort()).toEqual(['obligation', 'permission', 'prohibition']);
    for (const o of items) {
      // Each quote is a whole sentence of the upload, written out here (not a slice of the stored offsets).
      expect(REGULATION.split('\n').slice(1)).toContain(o.quote);
      expect(text.indexOf(o.quote)).toBe(o.start);
      expect(o.end - o.start).toBe(o.quote.length);
      expect(o.engine).toBe('rules');
    }
    expect(items.find((o) => o.modality === 'prohibition')?.citation).toBe('Article 2');
  });

  it('takes a multipart PDF upload with a text layer', async () => {
    const pdf = await makeTextPdf([
      ['Article 1', 'Each provider shall publish a transparency report every year.'],
      ['Article 2', 'A provider must not charge a fee for the report.'],
    ]);
    const form = new FormData();
    form.append('file', new Blob([Buffer.from(pdf)], { type: 'application/pdf' }), 'report-rules.pdf');
    const res = await upload(form, 'series=Reports');
    expect(res.status).toBe(202);
    const { id } = UploadResponse.parse(res.body);
    const doc = await waitSettled(id);
    expect(doc.status, doc.error ?? '').toBe('done');
    expect(doc.pageCount).toBe(2);
    expect(doc.pages.map((p) => p.source)).toEqual(['text_layer', 'text_layer']);
    const items = await obligationsOf(id);
    const text = await documentText(id);
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.find((o) => o.modality === 'prohibition')?.page).toBe(2);
    for (const o of items) {
      expect(['Each provider shall publish a transparency report every year.', 'A provider must not charge a fee for the report.']).toContain(o.quote);
      expect(text.indexOf(o.quote)).toBe(o.start);
    }
  });

  it('returns the same id for the same bytes and adds no rows', async () => {
    const first = UploadResponse.parse((await upload(REGULATION, 'filename=again.txt')).body);
    await waitSettled(first.id);
    const before = await obligationsOf(first.id);
    const again = await upload(REGULATION, 'filename=other-name.txt');
    expect(again.status).toBe(200);
    expect(UploadResponse.parse(again.body)).toMatchObject({ id: first.id, duplicate: true });
    const list = (await (await stack.fetch(`${stack.baseUrl}/v1/documents?limit=100`)).json()) as { items: { id: string }[] };
    expect(list.items.filter((d) => d.id === first.id)).toHaveLength(1);
    expect(await obligationsOf(first.id)).toEqual(before);
  });

  it('fails bad documents with a reason and keeps processing others', async () => {
    const empty = UploadResponse.parse((await upload(new Uint8Array(0), 'filename=empty.txt', { 'content-type': 'application/octet-stream' })).body);
    const corrupt = UploadResponse.parse((await upload(new TextEncoder().encode('%PDF-1.7\n1 0 obj garbage'), 'filename=broken.pdf', { 'content-type': 'application/pdf' })).body);
    const junk = UploadResponse.parse((await upload(new Uint8Array([0, 1, 2, 255, 254, 0, 7, 8]), 'filename=blob.bin', { 'content-type': 'application/octet-stream' })).body);
    const good = UploadResponse.parse((await upload('Section 1\nThe licensee shall file a return.', 'filename=good.txt')).body);
    const [e, c, j, g] = await Promise.all([empty.id, corrupt.id, junk.id, good.id].map(waitSettled));
    expect(e?.status).toBe('failed');
    expect(e?.error).toMatch(/empty/i);
    expect(c?.status).toBe('failed');
    expect(c?.error).toMatch(/pdf/i);
    expect(j?.status).toBe('failed');
    expect(j?.error).toMatch(/unsupported/i);
    expect(g?.status).toBe('done');
    // The catalogued reason is stored and returned, so the page and metrics can group failures.
    expect([e?.errorCode, c?.errorCode, j?.errorCode, g?.errorCode]).toEqual(['empty_file', 'corrupt_pdf', 'unsupported_file', null]);
    const list = (await (await stack.fetch(`${stack.baseUrl}/v1/documents?status=failed`)).json()) as { items: { errorCode: string | null }[] };
    expect(list.items.map((d) => d.errorCode).sort()).toEqual(['corrupt_pdf', 'empty_file', 'unsupported_file']);
  });

  it('filters and paginates obligations with a cursor, and searches full text', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const url = `${stack.baseUrl}/v1/obligations?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = ObligationList.parse(await (await stack.fetch(url)).json());
      all.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeGreaterThanOrEqual(5);
    const prohibitions = ObligationList.parse(await (await stack.fetch(`${stack.baseUrl}/v1/obligations?modality=prohibition`)).json());
    expect(prohibitions.items.length).toBeGreaterThan(0);
    expect(prohibitions.items.every((o) => o.modality === 'prohibition')).toBe(true);
    const search = ObligationList.parse(await (await stack.fetch(`${stack.baseUrl}/v1/obligations?q=transparency`)).json());
    expect(search.items.map((o) => o.quote).join(' ')).toMatch(/transparency/);
  });

  it('answers bad requests with 4xx and a message', async () => {
    const badModality = await stack.fetch(`${stack.baseUrl}/v1/obligations?modality=maybe`);
    expect(badModality.status).toBe(400);
    expect(((await badModality.json()) as { message: string }).message).toMatch(/modality/);
    expect((await stack.fetch(`${stack.baseUrl}/v1/obligations?cursor=nonsense`)).status).toBe(400);
    expect((await stack.fetch(`${stack.baseUrl}/v1/documents/not-a-uuid`)).status).toBe(400);
    expect((await stack.fetch(`${stack.baseUrl}/v1/documents/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await upload('x', '')).status).toBe(400);
    const health = await stack.fetch(`${stack.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    const docs = await stack.fetch(`${stack.baseUrl}/docs/json`);
    expect(((await docs.json()) as { paths: Record<string, unknown> }).paths).toHaveProperty('/v1/obligations');
  });

  it('sends security headers, no CORS, no source maps, and refuses cross-origin writes', async () => {
    const page = await fetch(`${stack.baseUrl}/`, { headers: { origin: 'https://elsewhere.example' } });
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('access-control-allow-origin')).toBeNull();
    const api = await stack.fetch(`${stack.baseUrl}/v1/documents`, { headers: { origin: 'https://elsewhere.example' } });
    expect(api.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${stack.baseUrl}/v1/documents`, { method: 'OPTIONS', headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'DELETE' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect((await fetch(`${stack.baseUrl}/assets/index.js.map`)).status).toBe(404);
    const forged = await stack.fetch(`${stack.baseUrl}/v1/documents?filename=x.txt`, { method: 'POST', body: 'x', headers: { origin: 'https://elsewhere.example' } });
    expect(forged.status).toBe(403);
    const sameSite = await stack.fetch(`${stack.baseUrl}/v1/documents?filename=same-origin.txt`, { method: 'POST', body: 'Article 1\nA shall b.', headers: { origin: stack.baseUrl } });
    expect(sameSite.status).toBe(202);
  });

  it('limits requests per key with 429 and a code', async () => {
    const { buildServer } = await import('../services/api/server.ts');
    const api = await buildServer(stack.ctx, { rateLimitPerMinute: 3 });
    await api.ready();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await api.inject({ url: '/v1/series', headers: { authorization: `Bearer ${stack.key}` } });
        statuses.push(res.statusCode);
        if (res.statusCode === 429) expect(res.json()).toMatchObject({ code: 'rate_limited' });
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    } finally {
      await api.close();
    }
  });

  it('deletes a document with its obligations and original', async () => {
    const { id } = UploadResponse.parse((await upload('Article 9\nThe operator shall delete it.', 'filename=delete-me.txt')).body);
    await waitSettled(id);
    const doc = (await stack.ctx.documents.get(env.config.tenant, id))!;
    expect((await stack.fetch(`${stack.baseUrl}/v1/documents/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await stack.fetch(`${stack.baseUrl}/v1/documents/${id}`)).status).toBe(404);
    expect((await stack.fetch(`${stack.baseUrl}/v1/documents/${id}/obligations`)).status).toBe(404);
    expect(await stack.ctx.obligations.forDocument(env.config.tenant, id)).toEqual([]);
    await expect(stack.ctx.blobs.read(doc.sha256)).rejects.toThrow();
  });
});
