import type { RUN_STATUSES } from '../../schemas/tables.ts';

type RunStatus = (typeof RUN_STATUSES)[number];

/**
 * What a finished run says happened: `done` when every segment finished, `partial` when some
 * failed (their count and reasons go on the document), `failed` when all of them did.
 */
export function runOutcome(failed: number, total: number): Extract<RunStatus, 'done' | 'partial' | 'failed'> {
  if (failed <= 0) return 'done';
  return failed >= total ? 'failed' : 'partial';
}

/** "2 of 4 segments failed: answer cut off … (2)": at most three distinct reasons, most frequent first. */
export function failureSummary(failed: number, total: number, reasons: readonly { error: string | null; n: number }[]): string {
  const shown = reasons.slice(0, 3).map((r) => `${r.error ?? 'unknown error'} (${r.n})`);
  const more = reasons.length > 3 ? `; ${reasons.length - 3} more reasons` : '';
  return `${failed} of ${total} segments failed: ${shown.join('; ')}${more}`;
}
