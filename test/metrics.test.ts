import type { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Api } from '../services/api/server.ts';
import { createServiceContext, type AppContext } from '../services/common/app-context.ts';
import { submitDocument } from '../services/ingest/intake/submit-document.ts';
import { observeWorkers } from '../services/observability/job-events.ts';
import { createLogger } from '../services/observability/logger.ts';
import { Metrics } from '../services/observability/metrics.ts';
import type { BullmqJobQueue } from '../services/queue/bullmq.ts';
import { JobStatsRepository } from '../services/storage/job-stats.ts';
import { choiceOf, fakeLlm, startWorkers } from './support/fake-extractor.ts';
import { createTestEnv, waitFor, type TestEnv } from './support/test-env.ts';

/** /metrics: who may read it, and that requests, queues and jobs show up in it. */
const TOKEN = 'metrics-token-0123456789';
let env: TestEnv;
let ctx: AppContext<BullmqJobQueue>;
let api: Api;
let base: string;
let workers: Worker[] = [];
const metrics = new Metrics();
let admin: string;
let reader: string;

const scrape = (auth?: string) => fetch(`${base}/metrics`, auth ? { headers: { authorization: `Bearer ${auth}` } } : {});

/** The value of one sample line (`name{labels} value`), or undefined. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inner = line.slice(name.length + 1, line.indexOf('}'));
    if (want.every((w) => inner.split(',').includes(w))) return Number(line.slice(line.indexOf('}') + 1));
  }
  return undefined;
}

describe('metrics', () => {
  beforeAll(async () => {
    env = await createTestEnv({ metricsToken: TOKEN });
    ctx = await createServiceContext(env.config);
    admin = (await ctx.apiKeys.create({ tenantId: env.config.tenant, scopes: ['admin'] })).key;
    reader = (await ctx.apiKeys.create({ tenantId: env.config.tenant, scopes: ['read'] })).key;
    metrics.watchQueues([...ctx.queue.queues.values()]);
    api = await buildServer(ctx, { metrics, rateLimitPerMinute: 0 });
    await api.listen({ port: 0, host: '127.0.0.1' });
    const address = api.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    workers = startWorkers(ctx, { ingest: true, extract: choiceOf(fakeLlm()) });
    observeWorkers(workers, { metrics, stats: new JobStatsRepository(ctx.database.db), log: createLogger('silent') });
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await api?.close();
    await ctx?.close();
    await env?.cleanup();
  });

  it('needs METRICS_TOKEN or an admin key', async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape('obl_wrong')).status).toBe(401);
    expect((await scrape(reader)).status).toBe(403);
    expect((await scrape(admin)).status).toBe(200);
    expect((await scrape(TOKEN)).status).toBe(200);
  });

  it('reports HTTP latency, queue depth, job durations, LLM tokens and failures by reason', async () => {
    await fetch(`${base}/v1/obligations`, { headers: { authorization: `Bearer ${reader}` } });
    const good = 'Article 1 Duties\nThe operator shall keep a register.\nThe authority may inspect it.\n';
    const { document } = await submitDocument(ctx, { tenantId: env.config.tenant, bytes: Buffer.from(good), filename: 'm.txt' });
    // An empty file fails for good in ingest with a catalogued reason.
    const { document: empty } = await submitDocument(ctx, { tenantId: env.config.tenant, bytes: Buffer.alloc(0), filename: 'empty.txt' });
    await waitFor(async () => ((await ctx.documents.get(env.config.tenant, document.id))?.status === 'done' ? true : undefined), 30_000, 'done');
    await waitFor(async () => ((await ctx.documents.get(env.config.tenant, empty.id))?.status === 'failed' ? true : undefined), 30_000, 'failed');
    const emptyCode = (await ctx.documents.get(env.config.tenant, empty.id))!.errorCode;
    expect(emptyCode).toBeTruthy();

    let text = '';
    await waitFor(async () => {
      text = await (await scrape(TOKEN)).text();
      return sample(text, 'obligato_job_failures_total', { stage: 'ingest', reason: emptyCode! }) === 1
        && sample(text, 'obligato_llm_tokens_total', { kind: 'prompt', engine: 'llm' }) !== undefined ? true : undefined;
    }, 10_000, 'job metrics');
    expect(sample(text, 'obligato_http_request_duration_seconds_count', { method: 'GET', route: '/v1/obligations', status: '200' })).toBe(1);
    expect(sample(text, 'obligato_queue_jobs', { queue: 'ingest', state: 'completed' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'obligato_queue_jobs', { queue: 'extract', state: 'waiting' })).toBe(0);
    expect(text).toMatch(/^obligato_redis_up 1$/m);
    expect(sample(text, 'obligato_job_duration_seconds_count', { stage: 'extract', outcome: 'completed' })).toBe(1);
    expect(sample(text, 'obligato_llm_tokens_total', { kind: 'prompt', engine: 'llm' })).toBeGreaterThan(0);
    expect(sample(text, 'obligato_llm_tokens_total', { kind: 'completion', engine: 'llm' })).toBeGreaterThan(0);
    expect(text).toMatch(/^obligato_pages_ocr_total 0$/m);
  });
});
