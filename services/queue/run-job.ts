import { JOB_SCHEMAS, type JobName, type JobPayload } from '../../schemas/jobs.ts';
import { DocumentInputError, PermanentJobError } from '../core/errors.ts';
import type { JobContext, JobHandlers } from '../core/jobs.ts';

export { PermanentJobError };

export type FailureHook = <N extends JobName>(name: N, payload: JobPayload<N>, error: Error) => Promise<void>;

export function isPermanent(error: unknown): boolean {
  return error instanceof DocumentInputError || error instanceof PermanentJobError;
}

/**
 * The one place a job runs, for every runner: validates the payload against its schema, calls the
 * registered handler and, when the failure is permanent or retries are used up, records it (the
 * document is marked failed with the reason) before rethrowing to the runner.
 */
export async function runJob(
  handlers: JobHandlers, name: JobName, raw: unknown, ctx: JobContext, onFailure: FailureHook,
): Promise<void> {
  const parsed = JOB_SCHEMAS[name].safeParse(raw);
  if (!parsed.success) throw new PermanentJobError(`Invalid ${name} job payload: ${parsed.error.message}`);
  const handler = handlers[name];
  if (!handler) throw new PermanentJobError(`No handler registered for ${name} jobs in this process`);
  try {
    await handler(parsed.data, ctx);
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    if (isPermanent(err) || ctx.finalAttempt) await onFailure(name, parsed.data, err);
    throw err;
  }
}
