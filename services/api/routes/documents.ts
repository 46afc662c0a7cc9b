import type { MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DocumentDetail, DocumentList, DocumentListQuery, DocumentTextView, ErrorResponse, IdParams, ObligationView,
  UploadQuery, UploadResponse,
} from '../../../schemas/api.ts';
import type { AppContext } from '../../common/app-context.ts';
import { AppError } from '../../core/errors.ts';
import { decodeCursor, encodeCursor } from '../../storage/cursor.ts';
import { tenantOf } from '../auth.ts';

/** Analyst uploads outrank batch work in BullMQ (lower number = sooner). */
const UPLOAD_PRIORITY = 1;

const errors = (...codes: (400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 503)[]) =>
  Object.fromEntries(codes.map((c) => [c, ErrorResponse])) as Record<(typeof codes)[number], typeof ErrorResponse>;
/** Every route can answer these: bad parameters, no key, a key without the scope, rate limited. */
const COMMON = [400, 401, 403, 429] as const;

/** Refuses file names the database or a file system cannot hold (NUL, control characters, over 255). */
function checkFilename(name: string): string {
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new AppError('invalid_parameter', 'filename: control characters are not allowed', { field: 'filename' });
  if (name.length > 255) throw new AppError('invalid_parameter', 'filename: at most 255 characters', { field: 'filename' });
  return name;
}

/**
 * Exactly one part, named `file`; anything else is a 400 that says what was sent. A body busboy
 * cannot parse (no boundary, cut off mid-part) is the client's error, not ours.
 */
async function singleFile(parts: AsyncIterableIterator<MultipartFile>): Promise<{ bytes: Uint8Array; filename: string }> {
  try {
    return await readSingleFile(parts);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('payload_too_large', 'The file is larger than the upload limit', { field: 'body.file' });
    if (code === 'FST_FILES_LIMIT') throw new AppError('invalid_upload', 'Send exactly one file per upload (more than one file part was sent)', { field: 'body.file' });
    throw new AppError('invalid_upload', `The multipart body could not be read: ${(error as Error).message}`, { field: 'body', cause: error });
  }
}

async function readSingleFile(parts: AsyncIterableIterator<MultipartFile>): Promise<{ bytes: Uint8Array; filename: string }> {
  let found: { bytes: Uint8Array; filename: string } | undefined;
  for await (const part of parts) {
    if (part.fieldname !== 'file') {
      await part.toBuffer().catch(() => undefined);
      throw new AppError('invalid_upload', `Unexpected multipart file field "${part.fieldname}": send the document in a field named "file"`, { field: 'body.file' });
    }
    if (found) throw new AppError('invalid_upload', 'Send exactly one file per upload (two "file" parts were sent)', { field: 'body.file' });
    const bytes = await part.toBuffer();
    if (part.file.truncated) throw new AppError('payload_too_large', 'The file is larger than the upload limit', { field: 'body.file' });
    found = { bytes, filename: part.filename };
  }
  if (!found) throw new AppError('invalid_upload', 'The multipart upload has no "file" field', { field: 'body.file' });
  return found;
}

export const documentRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const service = ctx.service;

  app.post('/documents', {
    config: { scope: 'upload' },
    schema: {
      tags: ['documents'], operationId: 'uploadDocument',
      summary: 'Upload a document (multipart field "file", or the raw bytes as the body with ?filename=)',
      description: 'The same bytes again answer 200 with the existing document (duplicate: true). With a `series` the '
        + 'existing document has none of, it becomes a version of that series; with a different series than it has: 409.',
      querystring: UploadQuery,
      consumes: ['multipart/form-data', 'application/octet-stream'],
      response: { 200: UploadResponse, 202: UploadResponse, ...errors(...COMMON, 409, 413, 415, 503) },
    },
  }, async (req, reply) => {
    const tenantId = tenantOf(req);
    let bytes: Uint8Array;
    let filename = req.query.filename;
    if (req.isMultipart()) {
      const file = await singleFile(req.files());
      bytes = file.bytes;
      filename ??= file.filename;
    } else if (Buffer.isBuffer(req.body)) {
      bytes = req.body;
    } else if (req.body === undefined || req.body === null) {
      // A zero-length raw body: accepted, and failed by ingest as an empty file with that reason.
      bytes = new Uint8Array(0);
    } else {
      throw new AppError('invalid_upload', 'Send the file as multipart/form-data (field "file") or as a raw body with ?filename=', { field: 'body' });
    }
    if (!filename) throw new AppError('invalid_parameter', 'A filename is required (?filename=)', { field: 'query.filename' });
    checkFilename(filename);
    const { document, created } = await service.upload({
      tenantId, bytes, filename, series: req.query.series, languageHint: req.query.language, priority: UPLOAD_PRIORITY,
      includeRecitals: req.query.includeRecitals,
    });
    return reply.status(created ? 202 : 200).send({ id: document.id, status: document.status, duplicate: !created });
  });

  app.get('/documents', {
    config: { scope: 'read' },
    schema: {
      tags: ['documents'], operationId: 'listDocuments', summary: 'Documents, newest first, with obligation counts by modality',
      querystring: DocumentListQuery, response: { 200: DocumentList, ...errors(...COMMON) } },
  }, async (req) => {
    const { items, last } = await service.list(tenantOf(req), {
      status: req.query.status, series: req.query.series, limit: req.query.limit,
      cursor: req.query.cursor ? decodeCursor(req.query.cursor) : undefined,
    });
    return { items, nextCursor: last ? encodeCursor(last) : null };
  });

  app.get('/documents/:id', {
    config: { scope: 'read' },
    schema: {
      tags: ['documents'], operationId: 'getDocument', summary: 'A document: status, error code, progress, pages, counts, run',
      params: IdParams, response: { 200: DocumentDetail, ...errors(...COMMON, 404) } },
  }, async (req) => service.detail(tenantOf(req), req.params.id));

  app.get('/documents/:id/text', {
    config: { scope: 'read' },
    schema: {
      tags: ['documents'], operationId: 'getDocumentText', summary: 'The normalised text every offset points into',
      params: IdParams, response: { 200: DocumentTextView, ...errors(...COMMON, 404) } },
  }, async (req) => service.text(tenantOf(req), req.params.id));

  app.get('/documents/:id/obligations', {
    config: { scope: 'read' },
    schema: {
      tags: ['obligations'], operationId: 'listDocumentObligations', summary: 'A document\'s obligations in reading order',
      params: IdParams,
      response: { 200: z.object({ items: z.array(ObligationView) }), ...errors(...COMMON, 404) },
    },
  }, async (req) => ({ items: await service.obligations(tenantOf(req), req.params.id) }));

  app.post('/documents/:id/reprocess', {
    config: { scope: 'upload' },
    schema: {
      tags: ['documents'], operationId: 'reprocessDocument', summary: 'Run the document through the pipeline again',
      params: IdParams, response: { 202: UploadResponse, ...errors(...COMMON, 404, 503) } },
  }, async (req, reply) => {
    const doc = await service.reprocess(tenantOf(req), req.params.id, UPLOAD_PRIORITY);
    return reply.status(202).send({ id: doc.id, status: doc.status, duplicate: false });
  });

  app.delete('/documents/:id', {
    config: { scope: 'upload' },
    schema: {
      tags: ['documents'], operationId: 'deleteDocument', summary: 'Delete the document with its pages, segments, runs and obligations',
      params: IdParams, response: { 204: z.null().describe('Deleted'), ...errors(...COMMON, 404) } },
  }, async (req, reply) => {
    await service.remove(tenantOf(req), req.params.id);
    return reply.status(204).send(null);
  });
};
