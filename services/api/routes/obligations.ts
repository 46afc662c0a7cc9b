import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BulkReviewBody, BulkReviewResult, ErrorResponse, ExportQuery, HistoryList, IdParams, ObligationListItem, ObligationSearchList,
  ObligationSearchQuery, ReviewPatch,
} from '../../../schemas/api.ts';
import type { AppContext } from '../../common/app-context.ts';
import { searchFilters, toReviewView } from '../../documents/review-service.ts';
import { buildIcs } from '../../exports/ics.ts';
import { csvStream, EXPORT_CONTENT_TYPES, jsonlStream, xlsxStream } from '../../exports/obligation-export.ts';
import type { ObligationSearchRow } from '../../storage/obligation-search.ts';
import { principalOf, tenantOf } from '../auth.ts';
import { toObligationView } from '../views.ts';

export function toListItem(row: ObligationSearchRow): ObligationListItem {
  return { ...toObligationView(row), documentFilename: row.documentFilename, series: row.series, review: toReviewView(row) };
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
    const query = searchFilters({ ...req.query, tenantId: tenantOf(req) });
    const [page, total] = await Promise.all([search.page(query), search.total(query)]);
    return { items: page.items.map(toListItem), nextCursor: page.nextCursor, total: total.total, totalExact: total.exact };
  });

  app.get('/obligations/export', {
    config: { scope: 'read' },
    schema: {
      tags: ['obligations'],
      operationId: 'exportObligations',
      summary: 'Export every obligation matching the filters (streamed; CSV, JSONL or XLSX), in the chosen sort, or the dated ones as iCalendar',
      querystring: ExportQuery,
      produces: Object.values(EXPORT_CONTENT_TYPES),
      response: { 200: z.string().describe('The file, streamed'), ...errors },
    },
  }, async (req, reply) => {
    const { format, ...filters } = req.query;
    const tenantId = tenantOf(req);
    const pages = (async function* () {
      for await (const rows of search.iterate(searchFilters({ ...filters, tenantId }))) yield rows.map(toListItem);
    })();
    const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '');
    if (format === 'ics') {
      // Buffered: only dated rows become events, and the skipped counts belong in the calendar header.
      const ics = await buildIcs(pages);
      return reply
        .header('content-type', EXPORT_CONTENT_TYPES.ics)
        .header('content-disposition', `attachment; filename="obligations-${stamp}.ics"`)
        .header('x-obligato-skipped-durations', String(ics.skippedDurations))
        .header('x-obligato-skipped-undated', String(ics.skippedUndated))
        .send(ics.body);
    }
    const stream = format === 'csv' ? csvStream(pages) : format === 'jsonl' ? jsonlStream(pages) : xlsxStream(pages);
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

  const notFound = { 404: ErrorResponse };

  app.patch('/obligations/:id', {
    config: { scope: 'review' },
    schema: {
      tags: ['obligations'],
      operationId: 'reviewObligation',
      summary: 'Review one obligation: status, note, owner, due date, corrections (the extracted values stay beside them)',
      params: IdParams, body: ReviewPatch, response: { 200: ObligationListItem, ...errors, ...notFound },
    },
  }, async (req) => {
    const row = await ctx.reviews.reviewOne(tenantOf(req), req.params.id, req.body, { keyId: principalOf(req).keyId });
    return toListItem(row);
  });

  app.post('/obligations/review', {
    config: { scope: 'review' },
    schema: {
      tags: ['obligations'],
      operationId: 'reviewObligations',
      summary: 'Review many obligations at once: by ids, or every row matching a filter (one statement)',
      body: BulkReviewBody, response: { 200: BulkReviewResult, ...errors },
    },
  }, async (req) => {
    const { set, ...target } = req.body;
    return ctx.reviews.reviewMany(tenantOf(req), target, set, { keyId: principalOf(req).keyId });
  });

  app.get('/obligations/:id/history', {
    config: { scope: 'read' },
    schema: {
      tags: ['obligations'],
      operationId: 'obligationHistory',
      summary: 'Append-only review history of one obligation: who, when, each changed field before and after',
      params: IdParams, response: { 200: HistoryList, ...errors, ...notFound },
    },
  }, async (req) => {
    const rows = await ctx.reviews.history(tenantOf(req), req.params.id);
    return {
      items: rows.map((r) => ({
        id: r.id, at: r.at.toISOString(), actor: { keyId: r.actorKeyId, name: r.actorName }, action: r.action, changes: r.changes,
      })),
    };
  });
};
