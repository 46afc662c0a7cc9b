import { setTimeout as sleep } from 'node:timers/promises';
import type { JobName, JobPayload, JobProgress } from '../../schemas/jobs.ts';
import type { EnqueueOptions, JobHandlers, JobQueue } from './job-queue.ts';
import { isPermanent, runJob, type FailureHook } from './run-job.ts';

interface Pending { name: JobName; payload: unknown; jobId: string; priority: number; attempts: number; seq: number }

export interface InlineQueueOptions {
  attempts: number;
  onFailure: FailureHook;
  onProgress?: (name: JobName, payload: unknown, progress: JobProgress) => void;
  /** Base of the exponential backoff between attempts, in ms. */
  backoffMs?: number;
  /**
   * Jobs of one name running at once (BullMQ's worker concurrency); 1 when absent. An extract
   * concurrency above 1 lets documents share the LLM's sequences.
   */
  concurrency?: Partial<Record<JobName, number>>;
}

/** Unprioritised jobs sort like BullMQ's priority 0: before every prioritised one. */
const NO_PRIORITY = 0;

/**
 * In-process queue for `obligato extract`: the same handlers, job options and retry rules as
 * BullMQ, without Redis. Like BullMQ, a waiting job with a lower priority number runs first
 * (FIFO within one priority), and each job name runs up to its concurrency at once; `drain()`
 * resolves when nothing is waiting or running.
 */
export class InlineJobQueue implements JobQueue {
  private readonly pending: Pending[] = [];
  private readonly seen = new Set<string>();
  private readonly active = new Map<JobName, number>();
  private readonly runningJobs = new Set<Promise<void>>();
  private seq = 0;
  /** Job names held back (all of them when `'*'` is in the set). */
  private readonly paused = new Set<JobName | '*'>();
  handlers: JobHandlers = {};

  private readonly concurrency: Partial<Record<JobName, number>>;

  constructor(private readonly options: InlineQueueOptions) {
    this.concurrency = { ...options.concurrency };
  }

  enqueue<N extends JobName>(name: N, payload: JobPayload<N>, opts: EnqueueOptions): Promise<void> {
    if (this.seen.has(opts.jobId)) return Promise.resolve();
    this.seen.add(opts.jobId);
    this.pending.push({
      name, payload, jobId: opts.jobId, priority: opts.priority ?? NO_PRIORITY,
      attempts: opts.attempts ?? this.options.attempts, seq: this.seq++,
    });
    // Started on the next tick, so jobs enqueued together are ordered by priority first.
    queueMicrotask(() => this.pump());
    return Promise.resolve();
  }

  /**
   * Holds waiting jobs of `name` (every name when absent); running ones finish. Like stopping
   * the workers of one stage: a backlog builds up there while other stages carry on.
   */
  pause(name?: JobName): void {
    this.paused.add(name ?? '*');
  }

  resume(name?: JobName): void {
    if (name) this.paused.delete(name);
    else this.paused.clear();
    this.pump();
  }

  /** Sets how many jobs of `name` run at once (BullMQ's worker concurrency). */
  setConcurrency(name: JobName, n: number): void {
    this.concurrency[name] = Math.max(1, Math.floor(n));
    this.pump();
  }

  /** Job ids waiting, in the order they would start. */
  waiting(): string[] {
    return [...this.pending].sort(byPriority).map((p) => p.jobId);
  }

  async drain(): Promise<void> {
    await new Promise((r) => setImmediate(r));
    while (this.runningJobs.size) await Promise.all([...this.runningJobs]);
  }

  private pump(): void {
    if (this.paused.has('*')) return;
    this.pending.sort(byPriority);
    for (let i = 0; i < this.pending.length;) {
      const job = this.pending[i]!;
      const running = this.active.get(job.name) ?? 0;
      if (this.paused.has(job.name) || running >= Math.max(1, this.concurrency[job.name] ?? 1)) {
        i++;
        continue;
      }
      this.pending.splice(i, 1);
      this.active.set(job.name, running + 1);
      const p: Promise<void> = this.runWithRetries(job).finally(() => {
        this.active.set(job.name, (this.active.get(job.name) ?? 1) - 1);
        this.runningJobs.delete(p);
        this.pump();
      });
      this.runningJobs.add(p);
    }
  }

  private async runWithRetries(job: Pending): Promise<void> {
    for (let attempt = 1; attempt <= job.attempts; attempt++) {
      const ctx = {
        attempt,
        finalAttempt: attempt === job.attempts,
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

function byPriority(a: Pending, b: Pending): number {
  return a.priority - b.priority || a.seq - b.seq;
}
