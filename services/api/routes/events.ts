import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DocumentEventsQuery, ErrorResponse, type DocumentProgressEvent } from '../../../schemas/api.ts';
import { TERMINAL_DOCUMENT_STATUSES, type DocumentRow } from '../../../schemas/tables.ts';
import type { AppContext } from '../../common/app-context.ts';
import { AppError } from '../../core/errors.ts';
import { tenantOf } from '../auth.ts';

const POLL_MS = 400;
/** done, partial, failed: the stream ends once every document reached one of them. */
const TERMINAL = new Set<string>(TERMINAL_DOCUMENT_STATUSES);

function toEvent(d: DocumentRow): DocumentProgressEvent {
  return {
    id: d.id, status: d.status, error: d.error, pageCount: d.pageCount,
    progress: { done: d.segmentsDone, total: d.segmentsTotal }, segmentsFailed: d.segmentsFailed,
  };
}

/**
 * Server-sent progress for a set of documents. Workers mirror job progress onto the document row,
 * so this reads Postgres rather than BullMQ events: it works for any role layout (API on one host,
 * workers elsewhere) and for the in-process queue alike. One stream covers many uploads, which keeps
 * the browser under its six-connections-per-host limit.
 */
export const eventRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/documents/events', {
    config: { scope: 'read' },
    schema: {
      tags: ['documents'],
      summary: 'Server-sent events: `progress` (DocumentProgressEvent JSON) whenever a document changes, `end` when all are done or failed',
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
      'x-accel-buffering': 'no',
    });
    let closed = false;
    req.raw.on('close', () => { closed = true; });
    const last = new Map<string, string>();
    let beats = 0;
    while (!closed) {
      const rows = await Promise.all(ids.map((id) => ctx.documents.get(tenantId, id)));
      let open = 0;
      rows.forEach((row, i) => {
        const id = ids[i]!;
        const event = row ? JSON.stringify(toEvent(row)) : JSON.stringify({ id, missing: true });
        if (row && !TERMINAL.has(row.status)) open += 1;
        if (last.get(id) !== event) {
          last.set(id, event);
          res.write(`event: ${row ? 'progress' : 'missing'}\ndata: ${event}\n\n`);
        }
      });
      if (open === 0) {
        res.write('event: end\ndata: {}\n\n');
        break;
      }
      // A comment line every ~15 s keeps proxies from timing the stream out.
      if (++beats % 40 === 0) res.write(': keep-alive\n\n');
      await sleep(POLL_MS);
    }
    res.end();
  });
};
