import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { DocumentEventsHub, type EventSink } from '../services/api/routes/events-hub.ts';
import { buildServer, type Api } from '../services/api/server.ts';
import { createEmbeddedContext, createServiceContext, type AppContext } from '../services/common/app-context.ts';
import type { DocumentProgressRow, FeedListener } from '../services/storage/document-feed.ts';
import { createTestEnv, waitFor, type TestEnv } from './support/test-env.ts';

/** Reads an SSE response incrementally; `events` fills as lines arrive, `done` when the server ends it. */
function readEvents(res: Response): { events: { event: string; data: Record<string, unknown> }[]; done: Promise<void> } {
  const events: { event: string; data: Record<string, unknown> }[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const done = (async () => {
    for (;;) {
      const { value, done: end } = await reader.read();
      if (end) return;
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) as Record<string, unknown> });
      }
    }
  })();
  return { events, done };
}

async function insertDocument(ctx: AppContext, tenantId: string, name: string): Promise<string> {
  const { document } = await ctx.documents.createOrGet({ tenantId, sha256: name.padEnd(64, '0'), filename: `${name}.txt`, mime: 'text/plain', sizeBytes: 1 });
  return document.id;
}

const setStatus = (ctx: AppContext, id: string, status: string, done = 0) =>
  ctx.database.db.execute(sql`update documents set status = ${status}::document_status, segments_done = ${done}, segments_total = 3 where id = ${id}`);

async function streamScenario(ctx: AppContext, baseUrl: string) {
  const a = await insertDocument(ctx, ctx.config.tenant, 'a');
  const b = await insertDocument(ctx, ctx.config.tenant, 'b');
  const foreign = await insertDocument(ctx, 'someone-else', 'c');
  const res = await fetch(`${baseUrl}/v1/documents/events?ids=${a},${b},${foreign}`);
  expect(res.status).toBe(200);
  const stream = readEvents(res);
  await waitFor(async () => (stream.events.length >= 3 ? true : undefined), 10_000, 'initial events');
  // Another tenant's document is answered like a missing one.
  expect(stream.events.find((e) => e.data.id === foreign)?.event).toBe('missing');

  await setStatus(ctx, a, 'extracting', 1);
  await waitFor(async () => (stream.events.some((e) => e.data.id === a && (e.data.progress as { done: number }).done === 1) ? true : undefined), 10_000, 'progress pushed');
  await setStatus(ctx, a, 'done', 3);
  await setStatus(ctx, b, 'failed');
  await stream.done;
  expect(stream.events.at(-1)?.event).toBe('end');
  expect(stream.events.filter((e) => e.data.id === a).map((e) => e.data.status)).toEqual(['queued', 'extracting', 'done']);
}

describe('document events from one change feed', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  async function serve(ctx: AppContext, env: TestEnv): Promise<{ api: Api; baseUrl: string }> {
    const api = await buildServer(ctx, { rateLimitPerMinute: 0 });
    await api.listen({ port: 0, host: '127.0.0.1' });
    cleanups.push(() => env.cleanup(), () => ctx.close(), () => api.close());
    const address = api.server.address();
    return { api, baseUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
  }

  it('pushes changes from Postgres NOTIFY and ends when every document settles; close ends open streams', async () => {
    const env = await createTestEnv({ auth: 'off' });
    const ctx = await createServiceContext(env.config);
    const { api, baseUrl } = await serve(ctx, env);
    await streamScenario(ctx, baseUrl);

    // A stream still open when the server closes is ended, so close() does not hang on it.
    const open = await insertDocument(ctx, ctx.config.tenant, 'open');
    const res = await fetch(`${baseUrl}/v1/documents/events?ids=${open}`);
    const stream = readEvents(res);
    await waitFor(async () => (stream.events.length ? true : undefined), 10_000, 'first event');
    await api.close();
    await stream.done;
  }, 60_000);

  it('works on embedded PGlite (in-process LISTEN)', async () => {
    const env = await createTestEnv({ auth: 'off' });
    const ctx = await createEmbeddedContext(env.config, { databaseUrl: 'pglite:memory' });
    const { baseUrl } = await serve(ctx, env);
    await streamScenario(ctx, baseUrl);
  }, 60_000);

  it('reads a change once for every stream that follows it, batching changes', async () => {
    let listener: FeedListener = () => undefined;
    const reads: string[][] = [];
    const rows = new Map<string, DocumentProgressRow>();
    const ids = Array.from({ length: 200 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    for (const id of ids) {
      rows.set(id, { id, tenantId: 't', status: 'extracting', error: null, pageCount: 1, segmentsDone: 0, segmentsTotal: 9, segmentsFailed: 0 });
    }
    const hub = new DocumentEventsHub({
      openFeed: (l) => { listener = l; return Promise.resolve({ close: () => Promise.resolve() }); },
      read: (wanted) => { reads.push([...wanted]); return Promise.resolve(wanted.flatMap((id) => rows.get(id) ?? [])); },
    });
    const written: string[][] = [];
    for (let s = 0; s < 100; s++) {
      const out: string[] = [];
      written.push(out);
      const sink: EventSink = { write: (c) => out.push(c), end: () => out.push('<end>') };
      await hub.open('t', ids, sink);
    }
    expect(reads).toHaveLength(100); // one initial read per stream, not one per id
    reads.length = 0;
    for (const id of ids.slice(0, 50)) {
      rows.set(id, { ...rows.get(id)!, segmentsDone: 1 });
      listener(id);
    }
    listener('ffffffff-0000-4000-8000-000000000000'); // nobody follows it: no read
    await waitFor(async () => (reads.length ? true : undefined), 2000, 'coalesced read');
    await new Promise((r) => setTimeout(r, 200));
    expect(reads).toHaveLength(1);
    expect(reads[0]).toHaveLength(50);
    for (const out of written) expect(out.filter((c) => c.includes('"done":1'))).toHaveLength(50);
    await hub.close();
    for (const out of written) expect(out.at(-1)).toBe('<end>');
  });
});
