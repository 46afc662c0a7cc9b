import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, ExportQuery, ObligationSearchList, ObligationSearchQuery, type ObligationListItem } from '../../../schemas/api.ts';
import type { AppContext } from '../../common/app-context.ts';
import { csvStream, EXPORT_CONTENT_TYPES, jsonlStream, xlsxStream } from '../../exports/obligation-export.ts';
import type { ObligationSearchRow } from '../../storage/obligation-search.ts';
import { tenantOf } from '../auth.ts';
import { toObligationView } from '../views.ts';

export function toListItem(row: ObligationSearchRow): ObligationListItem {
  return { ...toObligationView(row), documentFilename: row.documentFilename, series: row.series };
}

export const obligationRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const search = ctx.search;
  const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 429: ErrorResponse };

  app.get('/obligations', {
    config: { scope: 'read' },
    schema: {
      tags: ['obligations'],
      operationId: 'searchObligations', summary: 'Obligations across documents: filters, sort, keyset cursor pagination',
      querystring: ObligationSearchQuery, response: { 200: ObligationSearchList, ...errors },
    },
  }, async (req) => {
    const page = await search.page({ ...req.query, tenantId: tenantOf(req) });
    return { items: page.items.map(toListItem), nextCursor: page.nextCursor };
  });

  app.get('/obligations/export', {
    config: { scope: 'read' },
    schema: {
      tags: ['obligations'],
      operationId: 'exportObligations',
      summary: 'Export every obligation matching the filters (streamed; CSV, JSONL or XLSX), in the chosen sort',
      querystring: ExportQuery,
      produces: Object.values(EXPORT_CONTENT_TYPES),
      response: { 200: z.string().describe('The file, streamed'), ...errors },
    },
  }, async (req, reply) => {
    const { format, ...filters } = req.query;
    const tenantId = tenantOf(req);
    const pages = (async function* () {
      for await (const rows of search.iterate({ ...filters, tenantId })) yield rows.map(toListItem);
    })();
    const stream = format === 'csv' ? csvStream(pages) : format === 'jsonl' ? jsonlStream(pages) : xlsxStream(pages);
    const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '');
    // Hijacked so the stream is piped with backpressure and the 200 schema (a string) never serializes it.
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': EXPORT_CONTENT_TYPES[format],
      'content-disposition': `attachment; filename="obligations-${stamp}.${format}"`,
    });
    try {
      await pipeline(stream, reply.raw);
    } catch (error) {
      // Headers are gone: all that is left is to cut the response so the client sees a broken download.
      req.log.error(error);
      reply.raw.destroy();
    }
  });
};
