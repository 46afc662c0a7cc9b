import { setTimeout as sleep } from 'node:timers/promises';
import type { JobName, JobPayload, JobProgress } from '../../schemas/jobs.ts';
import type { EnqueueOptions, JobHandlers, JobQueue } from './job-queue.ts';
import { isPermanent, runJob, type FailureHook } from './run-job.ts';

interface Pending { name: JobName; payload: unknown; jobId: string }

export interface InlineQueueOptions {
  attempts: number;
  onFailure: FailureHook;
  onProgress?: (name: JobName, payload: unknown, progress: JobProgress) => void;
  /** Base of the exponential backoff between attempts, in ms. */
  backoffMs?: number;
}

/**
 * In-process queue for `obligato extract`: the same handlers and retry rules as BullMQ, without
 * Redis. Jobs run one at a time in FIFO order; `drain()` resolves when nothing is left.
 */
export class InlineJobQueue implements JobQueue {
  private readonly pending: Pending[] = [];
  private readonly seen = new Set<string>();
  private running: Promise<void> | null = null;
  handlers: JobHandlers = {};

  constructor(private readonly options: InlineQueueOptions) {}

  enqueue<N extends JobName>(name: N, payload: JobPayload<N>, opts: EnqueueOptions): Promise<void> {
    if (this.seen.has(opts.jobId)) return Promise.resolve();
    this.seen.add(opts.jobId);
    this.pending.push({ name, payload, jobId: opts.jobId });
    this.running ??= this.loop().finally(() => { this.running = null; });
    return Promise.resolve();
  }

  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    for (let job = this.pending.shift(); job; job = this.pending.shift()) {
      await this.runWithRetries(job);
    }
  }

  private async runWithRetries(job: Pending): Promise<void> {
    for (let attempt = 1; attempt <= this.options.attempts; attempt++) {
      const ctx = {
        attempt,
        finalAttempt: attempt === this.options.attempts,
        reportProgress: (p: JobProgress) => {
          this.options.onProgress?.(job.name, job.payload, p);
          return Promise.resolve();
        },
      };
      try {
        await runJob(this.handlers, job.name, job.payload, ctx, this.options.onFailure);
        return;
      } catch (error) {
        // runJob has already recorded permanent and final failures on the document.
        if (isPermanent(error) || ctx.finalAttempt) return;
        await sleep((this.options.backoffMs ?? 500) * 2 ** (attempt - 1));
      }
    }
  }

  ping(): Promise<boolean> {
    return Promise.resolve(true);
  }

  close(): Promise<void> {
    return this.drain();
  }
}
