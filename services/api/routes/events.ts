import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DocumentEventsQuery, ErrorResponse } from '../../../schemas/api.ts';
import type { AppContext } from '../../common/app-context.ts';
import { AppError } from '../../core/errors.ts';
import { openDocumentFeed, readProgress } from '../../storage/document-feed.ts';
import { tenantOf } from '../auth.ts';
import { DocumentEventsHub } from './events-hub.ts';

/**
 * Server-sent progress for a set of documents. Workers mirror job progress onto the document row
 * and Postgres notifies every change (migration 0004's trigger), so this works for any role layout
 * (API on one host, workers elsewhere) and for embedded PGlite alike. One LISTEN per process feeds
 * every stream through the hub (no per-id polling); one stream covers many uploads, which keeps
 * the browser under its six-connections-per-host limit.
 */
export const eventRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const hub = new DocumentEventsHub({
    openFeed: (listener) => openDocumentFeed(ctx.database, ctx.config.databaseUrl, listener),
    read: (ids) => readProgress(ctx.database.db, ids),
  });
  // Open streams end when the server closes (they would otherwise hold fastify.close() open).
  app.addHook('preClose', async () => { await hub.close(); });

  app.get('/documents/events', {
    config: { scope: 'read' },
    schema: {
      tags: ['documents'],
      operationId: 'documentEvents',
      summary: 'Server-sent events: `progress` (DocumentProgressEvent JSON) whenever a document changes, `missing` for an unknown id, `end` when all are done, partial or failed',
      querystring: DocumentEventsQuery,
      produces: ['text/event-stream'],
      response: {
        200: z.string().describe('text/event-stream'), 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 429: ErrorResponse,
      },
    },
  }, async (req, reply) => {
    const ids = [...new Set(req.query.ids.split(',').map((s) => s.trim()).filter(Boolean))];
    if (ids.length > 200 || ids.some((id) => !z.string().uuid().safeParse(id).success)) {
      throw new AppError('invalid_parameter', 'ids: up to 200 comma-separated document ids', { field: 'query.ids' });
    }
    const tenantId = tenantOf(req);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive',
      'x-accel-buffering': 'no', 'x-request-id': req.id,
    });
    let stop: (() => void) | null = null;
    let gone = false;
    req.raw.on('close', () => { gone = true; stop?.(); });
    try {
      stop = await hub.open(tenantId, ids, { write: (chunk) => { if (!res.writableEnded) res.write(chunk); }, end: () => res.end() });
      if (gone) stop();
    } catch (error) {
      req.log.error({ err: error }, 'event stream could not start');
      res.end('event: error\ndata: {"code":"unavailable"}\n\n');
    }
  });
};
