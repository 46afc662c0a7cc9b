import type { Worker } from 'bullmq';
import type { Engine } from '../../schemas/obligation.ts';
import { buildServer } from '../../services/api/server.ts';
import { createServiceContext, type AppContext } from '../../services/common/app-context.ts';
import { buildHandlers } from '../../services/common/handlers.ts';
import { startBullmqWorkers } from '../../services/queue/bullmq.ts';
import { createExtractor } from '../../workers/extract/create-extractor.ts';
import { authFetch, registerApiKey } from './api-client.ts';
import type { TestEnv } from './test-env.ts';

export interface TestStack {
  baseUrl: string;
  ctx: AppContext;
  workers: Worker[];
  /** An API key of the env's tenant with every scope; `fetch` sends it. */
  key: string;
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
  close(): Promise<void>;
}

/** The `obligato serve --role all` wiring, on a random port, against the test env's Postgres/Redis. */
export async function startTestStack(env: TestEnv, engine?: Engine): Promise<TestStack> {
  const ctx = await createServiceContext(env.config);
  const extract = await createExtractor(env.config, engine);
  const handlers = buildHandlers(ctx, { ingest: true, extract });
  const workers = startBullmqWorkers(handlers, {
    redisUrl: env.config.redisUrl, prefix: env.config.redisPrefix, attempts: env.config.jobAttempts,
    concurrency: { ingest: 2, extract: 1 }, onFailure: ctx.onJobFailure,
  });
  const api = await buildServer(ctx);
  await api.listen({ port: 0, host: '127.0.0.1' });
  const address = api.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  const { key } = await ctx.apiKeys.create({ tenantId: env.config.tenant, name: 'test stack', scopes: ['read', 'upload', 'review', 'admin'] });
  registerApiKey(baseUrl, key);
  return {
    baseUrl,
    ctx,
    workers,
    key,
    fetch: authFetch(baseUrl, key),
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await api.close();
      await extract.extractor.close();
      await ctx.close();
    },
  };
}
