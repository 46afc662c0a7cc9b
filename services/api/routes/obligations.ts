import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorResponse, ObligationList, ObligationListQuery } from '../../../schemas/api.ts';
import type { AppContext } from '../../common/app-context.ts';
import { decodeCursor, encodeCursor } from '../../storage/cursor.ts';
import { toObligationView } from '../views.ts';

export const obligationRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/obligations', {
    schema: {
      tags: ['obligations'], summary: 'Obligations across documents, newest first, with filters and cursor pagination',
      querystring: ObligationListQuery, response: { 200: ObligationList, 400: ErrorResponse },
    },
  }, async (req) => {
    const { limit, cursor, document, ...filters } = req.query;
    const rows = await ctx.obligations.list({
      tenantId: ctx.config.tenant, documentId: document, ...filters, limit: limit + 1,
      cursor: cursor ? decodeCursor(cursor) : undefined,
    });
    const page = rows.slice(0, limit);
    return { items: page.map(toObligationView), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null };
  });
};
