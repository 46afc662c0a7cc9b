import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../common/app-context.ts';
import { AppError } from '../core/errors.ts';
import type { Metrics } from './metrics.ts';

/** A caller's request id is kept when it is a plain token (no spaces or control characters, ≤ 128). */
const REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

/**
 * Fastify options for request ids: `x-request-id` is honoured when well-formed (else a UUID is
 * made) and logged as Fastify's `reqId` on every line of the request.
 */
export const requestIdOptions = {
  requestIdHeader: false as const,
  genReqId(req: IncomingMessage): string {
    const header = req.headers['x-request-id'];
    return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
  },
};

function bearer(req: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Echoes the request id, times every request into the latency histogram (by route pattern), and
 * serves `GET /metrics` in Prometheus text format to METRICS_TOKEN or an admin API key (anyone
 * only under AUTH=off, loopback development).
 */
export function installHttpObservability(app: FastifyInstance, ctx: AppContext, metrics: Metrics): void {
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.addHook('onResponse', async (req, reply) => {
    metrics.observeHttp(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });

  const token = ctx.config.metricsToken;
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    const presented = bearer(req);
    const viaToken = token !== undefined && presented !== undefined && timingSafeEqual(digest(presented), digest(token));
    if (!viaToken && ctx.config.auth !== 'off') {
      if (!presented) throw new AppError('unauthorized', 'GET /metrics needs METRICS_TOKEN or an admin API key (Authorization: Bearer …)');
      const principal = await ctx.apiKeys.authenticate(presented);
      if (!principal) throw new AppError('unauthorized', 'The API key is not valid (unknown, revoked or malformed)');
      if (!principal.scopes.has('admin')) throw new AppError('forbidden', 'GET /metrics needs an API key with the "admin" scope');
    }
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
