import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERROR_CATALOGUE, type ErrorCode } from '../core/errors.ts';
import { InvalidCursorError } from '../storage/cursor.ts';

export interface ErrorBody { error: string; code: ErrorCode; message: string; field?: string }

export function errorBody(code: ErrorCode, message: string, field?: string): ErrorBody {
  return { error: ERROR_CATALOGUE[code].title, code, message, ...(field ? { field } : {}) };
}

/** Zod's messages for people: "deadlineAfter: not a calendar day" instead of "querystring/deadlineAfter Invalid". */
function describeIssue(context: string, path: string, message: string): { field: string; text: string } {
  const name = path.replace(/^\//, '').replaceAll('/', '.');
  const where = context === 'querystring' ? 'query' : context === 'params' ? 'params' : context === 'body' ? 'body' : context;
  const field = name ? `${where}.${name}` : where;
  const friendly = message === 'Invalid uuid' || message === 'Invalid UUID' ? 'must be a document id (a UUID)' : message;
  return { field, text: `${name || where}: ${friendly}` };
}

/** Fastify's own error codes (parsers, limits, multipart) onto the catalogue. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_FILES_LIMIT: 'invalid_upload',
  FST_PARTS_LIMIT: 'invalid_upload',
  FST_FIELDS_LIMIT: 'invalid_upload',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'invalid_upload',
  FST_MULTIPART_INVALID_CONTENT_TYPE: 'invalid_upload',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_request',
  FST_ERR_BAD_URL: 'invalid_request',
  FST_ERR_VALIDATION: 'invalid_parameter',
};

/** Answers an AppError directly (hooks inside plugins with their own error handler, e.g. bull-board, use this). */
export function sendAppError(reply: FastifyReply, error: AppError): FastifyReply {
  if (error.code === 'unauthorized') void reply.header('www-authenticate', 'Bearer realm="obligato"');
  return reply.status(error.statusCode).send(errorBody(error.code, error.message, error.field));
}

/** Fastify's `frameworkErrors`: URL decoding and content-type errors raised before routing. */
export function frameworkErrors(error: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const code: ErrorCode = error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported_media_type' : 'invalid_parameter';
  const message = error.code === 'FST_ERR_BAD_URL' ? 'The URL is not valid percent-encoded UTF-8' : error.message;
  void reply.status(ERROR_CATALOGUE[code].status).send(errorBody(code, message, error.code === 'FST_ERR_BAD_URL' ? 'path' : undefined));
}

/**
 * The one error handler: catalogued AppErrors answer with their code and status; validation
 * failures name the field; Fastify and multipart errors are mapped; anything else is a 500 whose
 * details go to the log, never to the client.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      if (error.statusCode >= 500) request.log.error({ err: error }, error.message);
      return sendAppError(reply, error);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => describeIssue(error.validationContext ?? 'request', v.instancePath, v.message ?? 'is invalid'));
      return reply.status(400).send(errorBody('invalid_parameter', issues.map((i) => i.text).join('; '), issues[0]?.field));
    }
    if (error instanceof InvalidCursorError) return reply.status(400).send(errorBody('invalid_cursor', error.message, 'query.cursor'));
    const fastifyCode = (error as { code?: unknown }).code;
    const mapped = typeof fastifyCode === 'string' ? FASTIFY_CODES[fastifyCode] : undefined;
    const status = typeof (error as { statusCode?: unknown }).statusCode === 'number' ? (error as { statusCode: number }).statusCode : 500;
    if (mapped) {
      const field = mapped === 'invalid_upload' ? 'body.file' : undefined;
      return reply.status(ERROR_CATALOGUE[mapped].status).send(errorBody(mapped, error.message, field));
    }
    if (status >= 400 && status < 500) {
      // Other client errors from plugins (e.g. multipart parse errors) keep their status, with a code.
      const code: ErrorCode = status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : status === 404 ? 'not_found' : 'invalid_request';
      return reply.status(ERROR_CATALOGUE[code].status === status ? status : 400).send(errorBody(code, error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(errorBody('internal', 'Internal server error'));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(errorBody('not_found', `No route ${request.method} ${request.url.split('?')[0]}`));
  });
}
