import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './support/api-client.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { createTestEnv, type TestEnv } from './support/test-env.ts';

/**
 * Bad input is a 4xx with a catalogued code, never a 500: NUL bytes and invalid UTF-8 in every
 * parameter, impossible dates, malformed multipart, wrong and duplicate file fields, hostile
 * full-text syntax, odd ids and cursors, fired at every route.
 */
const TEXT = 'Article 1\nThe operator shall keep a register by 31 March 2027.\n';

/** Raw (already percent-encoded) values that must never reach Postgres or crash a route. */
const BAD_VALUES = [
  '%00', 'a%00b', '%00%00%00', 'x%C3', '%FF', '%C0%AF', '%ED%A0%80', '%F4%90%80%80', '%E2%82', '%', '%zz', '%%', 'a%2', '%0',
  '2024-13-45', '2023-02-29', '0000-00-00', '9999-99-99', '2024-1-1', '-1', '1e309', 'NaN', 'Infinity', '0', '99999999999999999999',
  "'", '%22', '%5C', '*', '!!!', '%7C%7C%7C', '%26%26', '(', ')', ':*', '%3C!--', 'a%0Ab', 'a%0D%0Ab', '%E2%80%AE',
  encodeURIComponent('a'.repeat(600)), encodeURIComponent('𝕏'.repeat(300)), '..%2F..%2Fetc%2Fpasswd', '%2F', 'null', 'undefined', '[]', '{}',
  encodeURIComponent('"unterminated'), encodeURIComponent('-'), encodeURIComponent('or 1=1; drop table documents;--'), '%25', '%C2%A0',
];

const FILTERS = ['q', 'subject', 'series', 'citation', 'language', 'document', 'modality', 'deadlineAfter', 'deadlineBefore', 'sort'];
/** Unknown and undecodable parameter names go to every route. */
const STRAY = ['unknown%00', '%00', 'x%FF'];

let env: TestEnv;
let stack: TestStack;
let id: string;
const statuses = new Map<number, number>();
const fives: string[] = [];
let fired = 0;

async function fire(method: string, pathAndQuery: string, init: RequestInit = {}): Promise<Response> {
  const res = await stack.fetch(`${stack.baseUrl}${pathAndQuery}`, { method, ...init });
  fired += 1;
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  if (res.status >= 500) fives.push(`${method} ${pathAndQuery} -> ${res.status} ${(await res.text()).slice(0, 200)}`);
  else if (res.status >= 400) {
    const body = (await res.json()) as { code?: string; message?: string };
    expect(body.code, `${method} ${pathAndQuery}`).toMatch(/^[a-z_]+$/);
    expect(body.message, `${method} ${pathAndQuery}`).toBeTruthy();
  } else await res.arrayBuffer();
  return res;
}

describe('bad input never causes a 500', () => {
  beforeAll(async () => {
    env = await createTestEnv({ rateLimitPerMinute: 0 });
    stack = await startTestStack(env, 'rules');
    const api = apiClient(stack.baseUrl);
    id = (await api.upload(TEXT, 'fuzz.txt', { series: 'FUZZ' })).id;
    await api.settled(id);
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    await env?.cleanup();
  });

  it('every route, every bad value in every parameter and path segment', async () => {
    // Each route: its path with every bad value in place of the id/name, and its own query parameters
    // (plus stray ones) set to every bad value. Deletes and reprocesses with the valid id stay out of
    // the parameter sweep (they would succeed); uploads sweep only the filename (each body is a new document).
    const routes: { method: string; path: (v: string) => string; base: string; params: string[] }[] = [
      { method: 'GET', base: '/v1/documents', path: (v) => `/v1/documents/${v}`, params: ['status', 'series', 'limit', 'cursor'] },
      { method: 'GET', base: `/v1/documents/${id}/text`, path: (v) => `/v1/documents/${v}/text`, params: [] },
      { method: 'GET', base: `/v1/documents/${id}/obligations`, path: (v) => `/v1/documents/${v}/obligations`, params: [] },
      { method: 'GET', base: `/v1/documents/${id}`, path: (v) => `/v1/documents/${v}`, params: [] },
      { method: 'POST', base: `/v1/documents/${id}/reprocess`, path: (v) => `/v1/documents/${v}/reprocess`, params: [] },
      { method: 'DELETE', base: `/v1/documents/${id}`, path: (v) => `/v1/documents/${v}`, params: [] },
      { method: 'GET', base: '/v1/obligations', path: (v) => `/v1/obligations/${v}`, params: [...FILTERS, 'limit', 'cursor'] },
      { method: 'GET', base: '/v1/obligations/export?format=csv', path: (v) => `/v1/obligations/export?format=${v}`, params: FILTERS },
      { method: 'GET', base: '/v1/obligations/export?format=xlsx', path: (v) => `/v1/obligations/export?format=xlsx&sort=${v}`, params: ['q', 'deadlineAfter'] },
      { method: 'GET', base: `/v1/documents/events?ids=${id}`, path: (v) => `/v1/documents/events?ids=${v}`, params: [] },
      { method: 'GET', base: '/v1/series', path: (v) => `/v1/series/${v}`, params: [] },
      { method: 'GET', base: '/v1/series/FUZZ/changes', path: (v) => `/v1/series/${v}/changes`, params: ['from', 'to'] },
      { method: 'POST', base: '/v1/documents?filename=fuzz-upload.txt', path: (v) => `/v1/documents?filename=${v}`, params: [] },
    ];
    const perRoute: Record<string, number> = {};
    for (const route of routes) {
      const before = fired;
      const sweep = route.method === 'GET' ? [...route.params, ...STRAY] : [];
      for (const value of BAD_VALUES) {
        await fire(route.method, route.path(value), route.method === 'POST' ? { body: 'Article 9\nThe operator shall keep a fuzz log.\n' } : {});
        const sep = route.base.includes('?') ? '&' : '?';
        for (const param of sweep) await fire(route.method, `${route.base}${sep}${param}=${value}`);
      }
      perRoute[`${route.method} ${route.base}`] = fired - before;
    }
    expect(Math.min(...Object.values(perRoute))).toBeGreaterThanOrEqual(50);
    expect(fives).toEqual([]);
    console.log(`input sweep: ${fired} bad requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    // The document survived the sweep (no bad id deleted or reprocessed it).
    expect((await stack.ctx.documents.get(env.config.tenant, id))?.status).toBe('done');
  }, 600_000);

  it('refuses NUL bytes, invalid UTF-8 and impossible dates with 400 and the field', async () => {
    const cases: [string, string][] = [
      ['/v1/obligations?q=%00', 'query.q'], ['/v1/obligations?subject=a%00', 'query.subject'], ['/v1/obligations?series=%00', 'query.series'],
      ['/v1/obligations?citation=%00', 'query.citation'], ['/v1/obligations?language=%00', 'query.language'],
      ['/v1/obligations/export?format=csv&q=%00', 'query.q'], ['/v1/series/%00/changes', 'path'], ['/v1/documents?series=x%FF', 'query.series'],
      ['/v1/obligations?deadlineAfter=2024-13-45', 'query.deadlineAfter'], ['/v1/obligations?deadlineBefore=2023-02-29', 'query.deadlineBefore'],
    ];
    for (const [p, field] of cases) {
      const res = await stack.fetch(`${stack.baseUrl}${p}`);
      expect(res.status, p).toBe(400);
      const body = (await res.json()) as { code: string; field: string; message: string };
      expect(body.field, p).toBe(field);
      expect(body.message).not.toMatch(/Invalid UUID|instancePath|querystring\//);
    }
    const bad = (await stack.fetch(`${stack.baseUrl}/v1/documents/not-a-uuid`).then((r) => r.json())) as { message: string; field: string };
    expect(bad).toMatchObject({ field: 'params.id', message: 'id: must be a document id (a UUID)' });
  });

  it('takes exactly one multipart "file" field and leaves no blob behind a refused upload', async () => {
    const blobs = async () => (await import('node:fs/promises')).readdir(`${env.dir}/blobs`, { recursive: true }).then((l) => l.filter((f) => f.length > 60).length, () => 0);
    const before = await blobs();
    const form = (parts: [string, string][]) => {
      const f = new FormData();
      for (const [name, text] of parts) f.append(name, new Blob([text]), `${name}.txt`);
      return f;
    };
    const two = await fire('POST', '/v1/documents', { body: form([['file', 'Article 1\nA shall b.\n'], ['file', 'Article 1\nC shall d.\n']]) });
    expect(two.status).toBe(400);
    const wrong = await fire('POST', '/v1/documents', { body: form([['document', 'Article 1\nE shall f.\n']]) });
    expect(wrong.status).toBe(400);
    const none = await fire('POST', '/v1/documents', { body: new FormData() });
    expect(none.status).toBe(400);
    const boundaryless = await fire('POST', '/v1/documents', { body: 'x', headers: { 'content-type': 'multipart/form-data' } });
    expect(boundaryless.status).toBe(400);
    const truncated = await fire('POST', '/v1/documents', {
      body: '--XX\r\nContent-Disposition: form-data; name="file"; filename="t.txt"\r\n\r\nArticle 1\nG shall', headers: { 'content-type': 'multipart/form-data; boundary=XX' },
    });
    expect(truncated.status).toBe(400);
    const nulName = await fire('POST', '/v1/documents?filename=a%00.txt', { body: 'Article 1\nH shall i.\n' });
    expect(nulName.status).toBe(400);
    const nulPartName = new FormData();
    nulPartName.append('file', new Blob(['Article 1\nJ shall k.\n']), 'bad\u0000name.txt');
    expect((await fire('POST', '/v1/documents', { body: nulPartName })).status).toBe(400);
    expect(await blobs()).toBe(before);
    expect(fives).toEqual([]);
  });

  it('a duplicate upload with a new series attaches the version, or says 409 why', async () => {
    const api = apiClient(stack.baseUrl);
    const lone = await api.upload('Article 1\nThe keeper shall log visits.\n', 'lone.txt');
    const attached = await stack.fetch(`${stack.baseUrl}/v1/documents?filename=lone.txt&series=VISITS`, { method: 'POST', body: 'Article 1\nThe keeper shall log visits.\n' });
    expect(attached.status).toBe(200);
    expect(((await attached.json()) as { id: string }).id).toBe(lone.id);
    expect((await stack.ctx.documents.get(env.config.tenant, lone.id))!.series).toBe('VISITS');
    const conflict = await stack.fetch(`${stack.baseUrl}/v1/documents?filename=lone.txt&series=OTHER`, { method: 'POST', body: 'Article 1\nThe keeper shall log visits.\n' });
    expect(conflict.status).toBe(409);
    const body = (await conflict.json()) as { code: string; message: string };
    expect(body.code).toBe('series_conflict');
    expect(body.message).toContain('VISITS');
  });
});
