import type { Worker } from 'bullmq';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TERMINAL_DOCUMENT_STATUSES } from '../schemas/tables.ts';
import { createServiceContext, type AppContext } from '../services/common/app-context.ts';
import { submitDocument } from '../services/ingest/intake/submit-document.ts';
import { createLogger } from '../services/observability/logger.ts';
import type { BullmqJobQueue } from '../services/queue/bullmq.ts';
import { Reconciler, type ReconcileReport } from '../services/queue/reconciler.ts';
import { queryRows } from '../services/storage/database.ts';
import { UnfinishedDocumentsRepository } from '../services/storage/unfinished-documents.ts';
import type { Extractor } from '../workers/extract/extractor.ts';
import { choiceOf, fakeLlm, startWorkers } from './support/fake-extractor.ts';
import { OwnRedis } from './support/redis-server.ts';
import { createTestEnv, waitFor, type TestEnv } from './support/test-env.ts';

/**
 * Redis restarted without persistence mid-batch (the 51-of-60-stuck case): the test's own
 * redis-server is killed while documents sit in every stage, then started again empty. The
 * reconciler rebuilds the lost jobs from Postgres under the same job ids; every document finishes,
 * and no obligation is stored twice.
 */
const DOCS = 30;
const ARTICLES = 4;

/** The fake engine, slowed so that jobs are in flight when Redis goes. */
function slowExtractor(ms: number): Extractor {
  const inner = fakeLlm();
  return { ...inner, extractSegment: async (input) => { await new Promise((r) => setTimeout(r, ms)); return inner.extractSegment(input); } };
}

function documentText(i: number): string {
  return Array.from({ length: ARTICLES }, (_, a) =>
    `Article ${a + 1} Duties ${i}\nThe operator ${i} shall keep register ${a}.\nThe authority may inspect register ${a} of operator ${i}.\n`).join('\n');
}

let redis: OwnRedis;
let env: TestEnv;
let ctx: AppContext<BullmqJobQueue>;
let workers: Worker[] = [];
let reconciler: Reconciler;
const reports: ReconcileReport[] = [];

const statusCounts = async () => {
  const rows = await queryRows<{ status: string; n: number }>(ctx.database.db,
    sql`select status, count(*)::int as n from documents group by status`);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
};

describe('Redis lost mid-batch', () => {
  beforeAll(async () => {
    redis = await OwnRedis.start();
    env = await createTestEnv({ redisUrl: redis.url, reconcileGraceMs: 1000, reconcileIntervalMs: 500, jobAttempts: 3 });
    ctx = await createServiceContext(env.config);
    workers = startWorkers(ctx, { ingest: true, extract: choiceOf(slowExtractor(40)) });
    const repo = new UnfinishedDocumentsRepository(ctx.database.db);
    reconciler = new Reconciler(repo, ctx.queue, {
      graceMs: env.config.reconcileGraceMs, intervalMs: 0, lockName: `reconcile:${env.config.redisPrefix}`,
      log: createLogger('silent'),
    });
  });
  afterAll(async () => {
    await reconciler?.stop();
    await Promise.all(workers.map((w) => w.close(true)));
    await ctx?.close();
    if (redis && !redis.running) await redis.restart();
    await env?.cleanup();
    await redis?.stop();
  });

  it('finishes every document with no duplicate obligations after Redis restarts empty', async () => {
    for (let i = 0; i < DOCS; i++) {
      await submitDocument(ctx, { tenantId: env.config.tenant, bytes: Buffer.from(documentText(i)), filename: `doc-${i}.txt` });
    }
    // Mid-batch: some finished, the rest queued, in text or extracting.
    await waitFor(async () => ((await statusCounts()).done ?? 0) >= 4 ? true : undefined, 60_000, 'first documents done');
    await redis.stop();
    const atLoss = await statusCounts();
    expect(atLoss.done ?? 0).toBeLessThan(DOCS);
    await new Promise((r) => setTimeout(r, 1500));
    await redis.restart();
    await waitFor(async () => (ctx.queue.isReady() ? true : undefined), 10_000, 'producer reconnected');
    expect(await ctx.queue.queues.get('ingest')!.getJobCounts('waiting', 'prioritized', 'active')).toEqual({ waiting: 0, prioritized: 0, active: 0 });

    // Without a reconciler nothing would ever pick the lost documents up again; passes run until done.
    const deadline = Date.now() + 90_000;
    for (;;) {
      reports.push(await reconciler.runOnce());
      const counts = await statusCounts();
      const finished = TERMINAL_DOCUMENT_STATUSES.reduce((a, s) => a + (counts[s] ?? 0), 0);
      if (finished === DOCS) break;
      if (Date.now() > deadline) throw new Error(`stuck: ${JSON.stringify(counts)}`);
      await new Promise((r) => setTimeout(r, 500));
    }

    expect(await statusCounts()).toEqual({ done: DOCS });
    const requeued = reports.reduce((a, r) => a + r.requeued, 0);
    expect(requeued).toBeGreaterThan(0);

    // Each document: 2 sentences with a trigger per article, each stored once, all from its current run.
    const perDoc = await queryRows<{ id: string; n: number; distinct_spans: number; foreign_run: number }>(ctx.database.db, sql`
      select d.id, count(o.id)::int as n,
             count(distinct (o.segment_id, o.quote_start, o.quote_end, o.modality))::int as distinct_spans,
             count(o.id) filter (where o.run_id is distinct from d.current_run_id)::int as foreign_run
      from documents d left join obligations o on o.document_id = d.id group by d.id`);
    expect(perDoc).toHaveLength(DOCS);
    for (const row of perDoc) {
      expect(row.n, row.id).toBe(ARTICLES * 2);
      expect(row.distinct_spans, row.id).toBe(row.n);
      expect(row.foreign_run, row.id).toBe(0);
    }
    // A pass over a healthy queue changes nothing.
    const calm = await reconciler.runOnce();
    expect(calm).toMatchObject({ ran: true, requeued: 0, replaced: 0, markedFailed: 0 });
  }, 150_000);

  it('lets one host reconcile at a time (advisory lock)', async () => {
    const repo = new UnfinishedDocumentsRepository(ctx.database.db);
    const name = `reconcile:${env.config.redisPrefix}`;
    let inner: unknown = 'unset';
    const outer = await repo.underLock(name, async () => {
      // A second host (another pool connection) meanwhile finds the lock taken.
      inner = await repo.underLock(name, () => Promise.resolve('ran'));
      return 'outer';
    });
    expect(outer).toBe('outer');
    expect(inner).toBeNull();
  });
});
