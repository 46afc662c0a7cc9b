import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ChangesQuery, ErrorResponse, SeriesChanges, SeriesList, SeriesParams } from '../../../schemas/api.ts';
import type { AppContext } from '../../common/app-context.ts';
import { ChangesError, listSeries, seriesChanges } from '../../changes/series-changes.ts';

export const seriesRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/series', {
    schema: { tags: ['series'], summary: 'Series and their versions (documents in upload order)', response: { 200: SeriesList } },
  }, async () => ({ items: await listSeries(ctx, ctx.config.tenant) }));

  app.get('/series/:name/changes', {
    schema: {
      tags: ['series'],
      summary: 'Obligations added, removed and changed between two versions of a series',
      params: SeriesParams, querystring: ChangesQuery,
      response: { 200: SeriesChanges, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
    },
  }, async (req, reply) => {
    try {
      return await seriesChanges(ctx, ctx.config.tenant, req.params.name, req.query);
    } catch (error) {
      if (!(error instanceof ChangesError)) throw error;
      const label = error.statusCode === 404 ? 'Not Found' : error.statusCode === 409 ? 'Conflict' : 'Bad Request';
      return reply.status(error.statusCode as 400 | 404 | 409).send({ error: label, message: error.message });
    }
  });
};
