import type { Worker } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import type { JobName } from '../schemas/jobs.ts';
import { createEmbeddedContext, createServiceContext, type AppContext } from '../services/common/app-context.ts';
import { buildHandlers } from '../services/common/handlers.ts';
import { BullmqJobQueue, startBullmqWorkers } from '../services/queue/bullmq.ts';
import { InlineJobQueue } from '../services/queue/inline-queue.ts';
import { getJobOptions } from '../services/queue/job-options.ts';
import type { JobHandlers, JobQueue } from '../services/queue/job-queue.ts';
import type { FailureHook } from '../services/queue/run-job.ts';
import { parsePrefilterPolicy } from '../workers/extract/prefilter.ts';
import { fakeLlm } from './support/fake-extractor.ts';
import { createTestEnv, waitFor, type TestEnv } from './support/test-env.ts';

/**
 * One contract for both queue adapters (BullMQ for services, in-process for the CLI): job options
 * from `getJobOptions` mean the same thing on each. Workers start after the jobs are queued, as
 * when a backlog waits for a free worker.
 */
interface Adapter {
  queue: JobQueue;
  /** Starts running `handlers` (one job of a name at a time) and resolves once `count` jobs settled. */
  run(handlers: JobHandlers, count: number): Promise<void>;
  close(): Promise<void>;
}

const DOC = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const envs: TestEnv[] = [];
afterAll(async () => {
  for (const env of envs) await env.cleanup();
});

async function inlineAdapter(onFailure: FailureHook): Promise<Adapter> {
  const queue = new InlineJobQueue({ attempts: 3, backoffMs: 1, onFailure });
  queue.pause();
  return {
    queue,
    async run(handlers) {
      queue.handlers = handlers;
      queue.resume();
      await queue.drain();
    },
    close: () => queue.close(),
  };
}

async function bullmqAdapter(onFailure: FailureHook): Promise<Adapter> {
  const env = await createTestEnv();
  envs.push(env);
  const options = { redisUrl: env.config.redisUrl, prefix: env.config.redisPrefix, attempts: 3 };
  const queue = new BullmqJobQueue(options);
  let workers: Worker[] = [];
  return {
    queue,
    async run(handlers, count) {
      let settled = 0;
      const counted: JobHandlers = {};
      for (const name of Object.keys(handlers) as JobName[]) {
        const handler = handlers[name]!;
        (counted as Record<string, unknown>)[name] = async (payload: never, ctx: never) => {
          try {
            await (handler as (p: never, c: never) => Promise<void>)(payload, ctx);
          } finally {
            settled += 1;
          }
        };
      }
      workers = startBullmqWorkers(counted, { ...options, concurrency: { ingest: 1, extract: 1 }, onFailure });
      await waitFor(async () => (settled >= count ? true : undefined), 30_000, `${count} job runs`);
      // Let BullMQ record the last job's outcome before the workers close.
      await new Promise((r) => setTimeout(r, 200));
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await queue.close();
    },
  };
}

describe.each([['in-process', inlineAdapter], ['BullMQ', bullmqAdapter]] as const)('queue contract: %s', (_name, make) => {
  it('runs the interactive lane first, FIFO within a lane, and each job id once', async () => {
    const adapter = await make(() => Promise.resolve());
    try {
      const order: string[] = [];
      const enqueue = (n: number, lane: 'batch' | 'interactive') => adapter.queue.enqueue('extract', { tenantId: 't', documentId: DOC(n) },
        getJobOptions({ name: 'extract', documentId: DOC(n), generation: 0, lane }));
      await enqueue(1, 'batch');
      await enqueue(2, 'batch');
      await enqueue(3, 'batch');
      await enqueue(4, 'interactive');
      await enqueue(2, 'batch'); // the same job again: a no-op
      await adapter.run({ extract: (job) => { order.push(job.documentId); return Promise.resolve(); } }, 4);
      expect(order).toEqual([DOC(4), DOC(1), DOC(2), DOC(3)]);
    } finally {
      await adapter.close();
    }
  });

  it('gives a job the attempts its options name, then records the failure once', async () => {
    const failures: string[] = [];
    const adapter = await make((_n, _p, e) => { failures.push(e.message); return Promise.resolve(); });
    try {
      let calls = 0;
      await adapter.queue.enqueue('ingest', { tenantId: 't', documentId: DOC(9) },
        getJobOptions({ name: 'ingest', documentId: DOC(9), generation: 0, lane: 'interactive', attempts: 2 }));
      await adapter.run({ ingest: () => { calls += 1; return Promise.reject(new Error(`down ${calls}`)); } }, 2);
      expect(calls).toBe(2);
      expect(failures).toEqual(['down 2']);
    } finally {
      await adapter.close();
    }
  });
});

/**
 * The GPU stage is where a backlog builds: 50 batch documents are ingested and wait for the extract
 * worker; an analyst's upload arriving after them is extracted first, on both adapters.
 */
describe('an upload overtakes 50 queued batch documents at the extract stage', () => {
  async function scenario(ctx: AppContext, startExtract: (extract: ReturnType<typeof buildHandlers>) => Promise<void>, waitIngested: (ids: string[]) => Promise<void>) {
    const engine = fakeLlm();
    const extracted: string[] = [];
    const recording = { ...engine, extractSegment: (input: Parameters<typeof engine.extractSegment>[0]) => {
      extracted.push(input.sentences.join(' '));
      return engine.extractSegment(input);
    } };
    const batch: string[] = [];
    for (let i = 0; i < 50; i++) {
      const { document } = await ctx.service.upload({
        tenantId: 't', bytes: Buffer.from(`Article 1\nBatch operator ${i} shall file a return.\n`), filename: `batch-${i}.txt`, lane: 'batch',
      });
      batch.push(document.id);
    }
    await waitIngested(batch);
    const { document: upload } = await ctx.service.upload({
      tenantId: 't', bytes: Buffer.from('Article 1\nThe analyst shall see this first.\n'), filename: 'urgent.txt',
    });
    await waitIngested([upload.id]);
    expect(upload.lane).toBe('interactive');
    expect((await ctx.documents.get('t', batch[0]!))?.lane).toBe('batch');
    await startExtract(buildHandlers(ctx, {
      ingest: true, extract: { extractor: recording, concurrency: 1, documents: 1, notice: null, prefilter: parsePrefilterPolicy('none'), triage: null },
    }));
    expect(extracted).toHaveLength(51);
    expect(extracted[0]).toContain('The analyst shall see this first.');
    // Then every batch document (in the order ingest queued them, which two ingest workers may swap).
    expect(extracted.slice(1).map((s) => Number(/Batch operator (\d+)/.exec(s)?.[1])).sort((a, b) => a - b))
      .toEqual(Array.from({ length: 50 }, (_, i) => i));
  }

  it('in-process queue', async () => {
    const env = await createTestEnv();
    envs.push(env);
    const ctx = await createEmbeddedContext(env.config, { databaseUrl: env.config.databaseUrl });
    try {
      ctx.queue.pause('extract');
      ctx.queue.handlers = buildHandlers(ctx, { ingest: true, extract: null });
      await scenario(ctx, async (handlers) => {
        ctx.queue.handlers = handlers;
        ctx.queue.resume('extract');
        await ctx.queue.drain();
      }, () => ctx.queue.drain());
    } finally {
      await ctx.close();
    }
  }, 120_000);

  it('BullMQ', async () => {
    const env = await createTestEnv();
    envs.push(env);
    const ctx = await createServiceContext(env.config);
    const workers: Worker[] = [];
    const start = (handlers: JobHandlers, names: JobName[]) => {
      const only: JobHandlers = {};
      for (const n of names) (only as Record<string, unknown>)[n] = handlers[n];
      workers.push(...startBullmqWorkers(only, {
        redisUrl: env.config.redisUrl, prefix: env.config.redisPrefix, attempts: 1, concurrency: { ingest: 2, extract: 1 }, onFailure: ctx.onJobFailure,
      }));
    };
    try {
      start(buildHandlers(ctx, { ingest: true, extract: null }), ['ingest']);
      const extractQueue = ctx.queue.queues.get('extract')!;
      let expected = 0;
      await scenario(ctx, async (handlers) => {
        start(handlers, ['extract']);
        await waitFor(async () => (((await extractQueue.getJobCounts('completed')).completed ?? 0) >= 51 ? true : undefined), 60_000, '51 extractions');
      }, async (ids) => {
        // Ingested means: its extract job is queued (all earlier ones still wait: no extract worker yet).
        expected += ids.length;
        await waitFor(async () => {
          const counts = await extractQueue.getJobCounts('prioritized', 'waiting');
          return (counts.prioritized ?? 0) + (counts.waiting ?? 0) >= expected ? true : undefined;
        }, 60_000, 'documents ingested');
      });
    } finally {
      await Promise.all(workers.map((w) => w.close()));
      await ctx.close();
    }
  }, 180_000);
});
