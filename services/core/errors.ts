/**
 * The one error catalogue (after Fastify's lib/errors.js): every failure a route or a job can
 * report has a stable `code`, the HTTP status it maps to and whether retrying can help. Routes
 * throw `AppError`s and one error handler turns them into `{ error, code, message, field? }`;
 * jobs store the code on the failed document (`documents.error_code`) so the API, metrics and the
 * page can group failures by reason.
 */
export const ERROR_CATALOGUE = {
  // Request errors (4xx)
  invalid_request: { status: 400, retryable: false, title: 'Bad Request' },
  invalid_parameter: { status: 400, retryable: false, title: 'Bad Request' },
  invalid_cursor: { status: 400, retryable: false, title: 'Bad Request' },
  invalid_upload: { status: 400, retryable: false, title: 'Bad Request' },
  unauthorized: { status: 401, retryable: false, title: 'Unauthorized' },
  forbidden: { status: 403, retryable: false, title: 'Forbidden' },
  cross_origin: { status: 403, retryable: false, title: 'Forbidden' },
  not_found: { status: 404, retryable: false, title: 'Not Found' },
  document_not_found: { status: 404, retryable: false, title: 'Not Found' },
  series_not_found: { status: 404, retryable: false, title: 'Not Found' },
  method_not_allowed: { status: 405, retryable: false, title: 'Method Not Allowed' },
  series_conflict: { status: 409, retryable: false, title: 'Conflict' },
  series_not_ready: { status: 409, retryable: false, title: 'Conflict' },
  payload_too_large: { status: 413, retryable: false, title: 'Payload Too Large' },
  unsupported_media_type: { status: 415, retryable: false, title: 'Unsupported Media Type' },
  rate_limited: { status: 429, retryable: true, title: 'Too Many Requests' },
  // Server and dependency errors (5xx)
  internal: { status: 500, retryable: true, title: 'Internal Server Error' },
  unavailable: { status: 503, retryable: true, title: 'Service Unavailable' },
  // Document failures, stored on documents.error_code (the status is what an API call about the file would answer)
  empty_file: { status: 422, retryable: false, title: 'Unprocessable Document' },
  unsupported_file: { status: 422, retryable: false, title: 'Unprocessable Document' },
  corrupt_pdf: { status: 422, retryable: false, title: 'Unprocessable Document' },
  encrypted_pdf: { status: 422, retryable: false, title: 'Unprocessable Document' },
  corrupt_image: { status: 422, retryable: false, title: 'Unprocessable Document' },
  too_large: { status: 413, retryable: false, title: 'Payload Too Large' },
  processing_limit: { status: 422, retryable: false, title: 'Unprocessable Document' },
  page_timeout: { status: 422, retryable: false, title: 'Unprocessable Document' },
  segments_failed: { status: 422, retryable: true, title: 'Unprocessable Document' },
  document_gone: { status: 404, retryable: false, title: 'Not Found' },
  invalid_job: { status: 500, retryable: false, title: 'Internal Server Error' },
  job_failed: { status: 500, retryable: true, title: 'Internal Server Error' },
} as const satisfies Record<string, { status: number; retryable: boolean; title: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CATALOGUE, code);
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly retryable: boolean;
  /** The request field at fault (`query.deadlineAfter`, `params.id`, `body.file`), when there is one. */
  readonly field?: string;

  constructor(code: ErrorCode, message: string, options: { field?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.statusCode = ERROR_CATALOGUE[code].status;
    this.retryable = ERROR_CATALOGUE[code].retryable;
    if (options.field) this.field = options.field;
  }
}

/**
 * "This document cannot be processed as given": the job layer fails the document with the message
 * and code and does not retry. Messages are shown to users, so they say what is wrong with the
 * file, not where in our code it broke.
 */
export class DocumentInputError extends AppError {
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** A job failure that retrying cannot fix (a malformed payload, a document deleted meanwhile). */
export class PermanentJobError extends AppError {
  constructor(message: string, code: ErrorCode = 'invalid_job') {
    super(code, message);
  }
}

/** The code recorded for any error: its own when it carries a catalogued one, else `job_failed`. */
export function errorCodeOf(error: unknown): ErrorCode {
  const code = (error as { code?: unknown } | null)?.code;
  return isErrorCode(code) ? code : 'job_failed';
}

export const notFound = (what: string): AppError => new AppError('document_not_found', `No document ${what}`);
