import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ChangesQuery, ErrorResponse, SeriesChanges, SeriesList, SeriesParams } from '../../../schemas/api.ts';
import { listSeries, seriesChanges } from '../../changes/series-changes.ts';
import type { AppContext } from '../../common/app-context.ts';
import { tenantOf } from '../auth.ts';

export const seriesRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/series', {
    config: { scope: 'read' },
    schema: {
      tags: ['series'], operationId: 'listSeries', summary: 'Series and their versions (documents in upload order)',
      response: { 200: SeriesList, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 429: ErrorResponse },
    },
  }, async (req) => ({ items: await listSeries(ctx.service, tenantOf(req)) }));

  app.get('/series/:name/changes', {
    config: { scope: 'read' },
    schema: {
      tags: ['series'],
      operationId: 'seriesChanges', summary: 'Obligations added, removed and changed between two versions of a series',
      params: SeriesParams, querystring: ChangesQuery,
      response: {
        200: SeriesChanges, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse,
        429: ErrorResponse,
      },
    },
  }, async (req) => seriesChanges(ctx.service, tenantOf(req), req.params.name, req.query));
};
