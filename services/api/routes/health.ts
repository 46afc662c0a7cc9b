import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorResponse, Health } from '../../../schemas/api.ts';
import type { AppContext } from '../../common/app-context.ts';

export const healthRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/healthz', { schema: { tags: ['health'], response: { 200: Health, 503: ErrorResponse } } }, async (_req, reply) => {
    const postgres = await ctx.database.db.execute(sql`select 1`).then(() => true, () => false);
    const redis = await ctx.queue.ping();
    if (!postgres || !redis) {
      return reply.status(503).send({ error: 'Service Unavailable', message: `postgres=${postgres} redis=${redis}` });
    }
    return { status: 'ok' as const, postgres, redis };
  });
};
