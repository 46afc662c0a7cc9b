import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DocumentDetail, DocumentList, DocumentListQuery, DocumentTextView, ErrorResponse, IdParams, ObligationView,
  UploadQuery, UploadResponse,
} from '../../../schemas/api.ts';
import type { AppContext } from '../../common/app-context.ts';
import { reprocessDocument, submitDocument } from '../../ingest/intake/submit-document.ts';
import { decodeCursor, encodeCursor } from '../../storage/cursor.ts';
import { ObligationSearch } from '../../storage/obligation-search.ts';
import { toDocumentView, toObligationView } from '../views.ts';

/** Analyst uploads outrank batch work in BullMQ (lower number = sooner). */
const UPLOAD_PRIORITY = 1;

const notFound = (id: string) => ({ error: 'Not Found', message: `No document ${id}` });

export const documentRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  // The tenant comes from config until API keys land; every query is already scoped by it.
  const tenantId = ctx.config.tenant;
  const search = new ObligationSearch(ctx.database.db);

  app.post('/documents', {
    schema: {
      tags: ['documents'],
      summary: 'Upload a document (multipart field "file", or the raw bytes as the body with ?filename=)',
      querystring: UploadQuery,
      response: { 200: UploadResponse, 202: UploadResponse, 400: ErrorResponse, 413: ErrorResponse },
    },
  }, async (req, reply) => {
    let bytes: Uint8Array;
    let filename = req.query.filename;
    if (req.isMultipart()) {
      const file = await req.file();
      if (!file) return reply.status(400).send({ error: 'Bad Request', message: 'Multipart upload has no file field' });
      bytes = await file.toBuffer();
      filename ??= file.filename;
    } else if (Buffer.isBuffer(req.body)) {
      bytes = req.body;
    } else if (req.body === undefined || req.body === null) {
      // A zero-length raw body: accepted, and failed by ingest as an empty file with that reason.
      bytes = new Uint8Array(0);
    } else {
      return reply.status(400).send({
        error: 'Bad Request', message: 'Send the file as multipart/form-data (field "file") or as a raw body with ?filename=',
      });
    }
    if (!filename) return reply.status(400).send({ error: 'Bad Request', message: 'A filename is required (?filename=)' });
    const { document, created } = await submitDocument(ctx, {
      tenantId, bytes, filename, series: req.query.series, languageHint: req.query.language, priority: UPLOAD_PRIORITY,
    });
    return reply.status(created ? 202 : 200).send({ id: document.id, status: document.status, duplicate: !created });
  });

  app.get('/documents', {
    schema: { tags: ['documents'], querystring: DocumentListQuery, response: { 200: DocumentList, 400: ErrorResponse } },
  }, async (req) => {
    const rows = await ctx.documents.list({
      tenantId, status: req.query.status, series: req.query.series, limit: req.query.limit + 1,
      cursor: req.query.cursor ? decodeCursor(req.query.cursor) : undefined,
    });
    const page = rows.slice(0, req.query.limit);
    const counts = await search.countsByDocument(page.map((d) => d.id));
    return {
      items: page.map((d) => ({ ...toDocumentView(d), obligationCounts: counts.get(d.id) ?? {} })),
      nextCursor: rows.length > req.query.limit ? encodeCursor(page[page.length - 1]!) : null,
    };
  });

  app.get('/documents/:id', {
    schema: { tags: ['documents'], params: IdParams, response: { 200: DocumentDetail, 404: ErrorResponse } },
  }, async (req, reply) => {
    const doc = await ctx.documents.get(tenantId, req.params.id);
    if (!doc) return reply.status(404).send(notFound(req.params.id));
    const [pages, obligationCounts, run] = await Promise.all([
      ctx.documents.pages(doc.id),
      ctx.obligations.countByModality(doc.id),
      doc.currentRunId ? ctx.runs.getRun(doc.currentRunId) : Promise.resolve(undefined),
    ]);
    return {
      ...toDocumentView(doc),
      pages: pages.map(({ n, source, reason, ocrConfidence, language, start, end }) => ({ n, source, reason, ocrConfidence, language, start, end })),
      obligationCounts,
      run: run ? {
        id: run.id, engine: run.engine, modelName: run.modelName, modelSha256: run.modelSha256,
        promptVersion: run.promptVersion, params: run.params, segmentsTotal: run.segmentsTotal,
        segmentsFailed: run.segmentsFailed, promptTokens: run.promptTokens, completionTokens: run.completionTokens,
        durationMs: run.durationMs,
      } : null,
    };
  });

  app.get('/documents/:id/text', {
    schema: { tags: ['documents'], params: IdParams, response: { 200: DocumentTextView, 404: ErrorResponse } },
  }, async (req, reply) => {
    const doc = await ctx.documents.get(tenantId, req.params.id);
    if (!doc) return reply.status(404).send(notFound(req.params.id));
    return { id: doc.id, text: doc.text ?? '' };
  });

  app.get('/documents/:id/obligations', {
    schema: {
      tags: ['obligations'], params: IdParams,
      response: { 200: z.object({ items: z.array(ObligationView) }), 404: ErrorResponse },
    },
  }, async (req, reply) => {
    const doc = await ctx.documents.get(tenantId, req.params.id);
    if (!doc) return reply.status(404).send(notFound(req.params.id));
    return { items: (await ctx.obligations.forDocument(tenantId, doc.id)).map(toObligationView) };
  });

  app.post('/documents/:id/reprocess', {
    schema: { tags: ['documents'], params: IdParams, response: { 202: UploadResponse, 404: ErrorResponse } },
  }, async (req, reply) => {
    const doc = await reprocessDocument(ctx, tenantId, req.params.id);
    if (!doc) return reply.status(404).send(notFound(req.params.id));
    return reply.status(202).send({ id: doc.id, status: doc.status, duplicate: false });
  });

  app.delete('/documents/:id', {
    schema: { tags: ['documents'], params: IdParams, response: { 204: z.null(), 404: ErrorResponse } },
  }, async (req, reply) => {
    const doc = await ctx.documents.delete(tenantId, req.params.id);
    if (!doc) return reply.status(404).send(notFound(req.params.id));
    // Content-addressed: the original goes only when no document of any tenant still uses it.
    if (!(await ctx.documents.shaInUse(doc.sha256))) await ctx.blobs.remove(doc.sha256);
    return reply.status(204).send(null);
  });
};
