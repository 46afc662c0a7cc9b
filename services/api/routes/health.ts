import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../common/app-context.ts';
import { AppError } from '../../core/errors.ts';

/** Each dependency check gives up after this, so /healthz answers within 2 s whatever hangs. */
const CHECK_TIMEOUT_MS = 1500;

const Check = z.object({
  ok: z.boolean(),
  ms: z.number().int().describe('How long the check took'),
  error: z.string().optional().describe('Why it failed: unreachable, timed out after 1500 ms, …'),
});
const HealthReport = z.object({
  status: z.enum(['ok', 'unavailable']),
  failed: z.array(z.enum(['postgres', 'redis'])).describe('The dependencies that failed their check'),
  checks: z.object({ postgres: Check, redis: Check.nullable().describe('null: this process uses no Redis (embedded)') }),
});
const Unavailable = HealthReport.extend({
  error: z.string(), code: z.literal('unavailable'), message: z.string(),
});
const Readiness = z.object({
  status: z.enum(['ready', 'draining', 'unavailable']),
  failed: z.array(z.enum(['postgres', 'redis'])),
});
const NotReady = Readiness.extend({ error: z.string(), code: z.literal('unavailable'), message: z.string() });

async function timed(check: () => Promise<boolean>): Promise<z.infer<typeof Check>> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const ok = await Promise.race([
      check().catch(() => false),
      new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), CHECK_TIMEOUT_MS); }),
    ]);
    const ms = Math.round(performance.now() - started);
    if (ok === 'timeout') return { ok: false, ms, error: `timed out after ${CHECK_TIMEOUT_MS} ms` };
    return ok ? { ok, ms } : { ok, ms, error: 'unreachable' };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `/livez`: the process runs (a supervisor restarts it otherwise; no dependency is checked).
 * `/healthz`: Postgres and Redis, each bounded; 503 names the failed dependency.
 * `/readyz`: whether to send this process traffic: 503 while it drains on SIGTERM or a
 * dependency is down. All public (no key), as a load balancer calls them.
 */
export const healthRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  let draining = false;
  // Fastify runs preClose first thing in close(): from then on /readyz turns traffic away.
  app.addHook('preClose', (done) => { draining = true; done(); });

  const usesRedis = 'isReady' in ctx.queue;
  const check = async () => {
    const [postgres, redis] = await Promise.all([
      timed(() => ctx.pingDatabase()),
      usesRedis ? timed(() => ctx.queue.ping()) : Promise.resolve(null),
    ]);
    const failed = [...(postgres.ok ? [] : ['postgres' as const]), ...(redis && !redis.ok ? ['redis' as const] : [])];
    return { postgres, redis, failed };
  };

  app.get('/livez', { schema: { tags: ['health'], summary: 'Liveness: the process answers', response: { 200: z.object({ status: z.literal('ok') }) } } },
    () => ({ status: 'ok' as const }));

  app.get('/healthz', {
    schema: { tags: ['health'], summary: 'Dependencies (Postgres, Redis), each checked within 1.5 s', response: { 200: HealthReport, 503: Unavailable } },
  }, async (_req, reply) => {
    const { postgres, redis, failed } = await check();
    const report = { failed, checks: { postgres, redis } };
    if (failed.length) {
      return reply.status(503).send({
        status: 'unavailable' as const, ...report, error: 'Service Unavailable', code: 'unavailable' as const,
        message: failed.map((name) => `${name}: ${(name === 'postgres' ? postgres : redis)?.error ?? 'failed'}`).join('; '),
      });
    }
    return { status: 'ok' as const, ...report };
  });

  app.get('/readyz', {
    schema: { tags: ['health'], summary: 'Readiness: 503 while draining or while a dependency is down', response: { 200: Readiness, 503: NotReady } },
  }, async (_req, reply) => {
    if (draining) {
      return reply.status(503).send({ status: 'draining' as const, failed: [], error: 'Service Unavailable', code: 'unavailable' as const, message: 'shutting down' });
    }
    const { failed } = await check();
    if (failed.length) {
      return reply.status(503).send({ status: 'unavailable' as const, failed, error: 'Service Unavailable', code: 'unavailable' as const, message: `${failed.join(', ')} down` });
    }
    return { status: 'ready' as const, failed };
  });
};

/** Requests that queue work: an upload and a re-process. */
const QUEUEING = /^\/v1\/documents(?:\/[^/?]+\/reprocess)?\/?(?:\?|$)/;

/**
 * With Redis unreachable, an upload or re-process is refused with 503 before anything is stored
 * (no blob, no row), instead of hanging on the queue. Should Redis go in the instant between this
 * check and the enqueue, the enqueue fails fast with 503 too and the row it leaves is picked up by
 * the reconciler once Redis is back.
 */
export function installQueueGuard(app: FastifyInstance, ctx: AppContext): void {
  const queue = ctx.queue as Partial<{ isReady(): boolean }>;
  if (typeof queue.isReady !== 'function') return;
  const isReady = queue.isReady.bind(ctx.queue);
  app.addHook('onRequest', async (req) => {
    if (req.method !== 'POST' || !QUEUEING.test(req.url)) return;
    if (!isReady()) throw new AppError('unavailable', 'The job queue (Redis) is unreachable; nothing was stored. Retry shortly.');
  });
}
