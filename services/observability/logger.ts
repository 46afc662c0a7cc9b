import { pino, type Logger } from 'pino';

export type { Logger };

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * One structured (JSON lines) logger per process: the API's request logs, worker job logs and the
 * reconciler all go through it, so every line is one parseable record with `component`, and
 * `documentId` / `jobId` where a job is concerned. Multi-line text (stack traces, tesseract output)
 * only ever appears inside a JSON string field.
 */
export function createLogger(level: LogLevel = 'info', base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { pid: process.pid, ...base },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Errors keep their code (error catalogue) and cause alongside the stack.
    serializers: { err: pino.stdSerializers.errWithCause, error: pino.stdSerializers.errWithCause },
  });
}

/** An error as log fields: message and code on the line, the stack as one string field. */
export function errorFields(error: unknown): { err: { message: string; code?: string; stack?: string } } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { err: { message: error.message, ...(typeof code === 'string' ? { code } : {}), ...(error.stack ? { stack: error.stack } : {}) } };
  }
  return { err: { message: String(error) } };
}
