import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedContext, type AppContext } from '../services/common/app-context.ts';
import { buildHandlers } from '../services/common/handlers.ts';
import { searchFilters } from '../services/documents/review-service.ts';
import { submitDocument } from '../services/ingest/intake/submit-document.ts';
import type { InlineJobQueue } from '../services/queue/inline-queue.ts';
import { createExtractor } from '../workers/extract/create-extractor.ts';
import { createTestEnv, type TestEnv } from './support/test-env.ts';

/** The embedded database (`obligato extract`) loads pg_trgm too: substring search, review and duration sort work there. */
describe('search and review on embedded PGlite', () => {
  let env: TestEnv;
  let ctx: AppContext<InlineJobQueue>;
  let extract: Awaited<ReturnType<typeof createExtractor>>;
  beforeAll(async () => {
    env = await createTestEnv();
    extract = await createExtractor(env.config, 'rules');
    ctx = await createEmbeddedContext(env.config, { databaseUrl: 'pglite:memory' });
    ctx.queue.handlers = buildHandlers(ctx, { ingest: true, extract });
    const text = ['第五条', '处理个人信息应当遵循合法、正当、必要和诚信原则。', '第十条', '任何组织、个人不得非法收集他人个人信息。'].join('\n');
    await submitDocument(ctx, { tenantId: 't', bytes: Buffer.from(text), filename: 'pipl.txt', languageHint: 'zh' });
    await ctx.queue.drain();
  });
  afterAll(async () => {
    await ctx?.close();
    await extract?.extractor.close();
    await env?.cleanup();
  });

  it('finds a Chinese substring, filters by macrolanguage code and bulk-reviews by filter', async () => {
    const found = await ctx.search.page(searchFilters({ tenantId: 't', q: '个人信息', language: 'zho', sort: 'deadline' as const, limit: 50 }));
    expect(found.items.length).toBeGreaterThanOrEqual(2);
    expect(found.items.every((o) => o.quote.includes('个人信息'))).toBe(true);
    expect(await ctx.search.total({ tenantId: 't', q: '不得' })).toEqual({ total: 1, exact: true });
    const result = await ctx.reviews.reviewMany('t', { filter: { q: '不得' } }, { status: 'rejected' }, { keyId: null });
    expect(result).toEqual({ matched: 1, changed: 1 });
    const rejected = await ctx.search.page({ tenantId: 't', reviewStatus: 'rejected', sort: 'newest', limit: 10 });
    expect(rejected.items.map((o) => o.quote.includes('不得'))).toEqual([true]);
    expect((await ctx.reviews.history('t', rejected.items[0]!.id))[0]).toMatchObject({ actorName: 'auth-off', action: 'bulk' });
  });
});
