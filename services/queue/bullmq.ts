import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { JOB_SCHEMAS, type JobName, type JobPayload } from '../../schemas/jobs.ts';
import type { EnqueueOptions, JobHandlers, JobQueue } from './job-queue.ts';
import { isPermanent, runJob, type FailureHook } from './run-job.ts';
import { AppError } from '../core/errors.ts';
import { createLogger, type Logger } from '../observability/logger.ts';

let fallbackLog: Logger | null = null;
const defaultLog = () => (fallbackLog ??= createLogger('info'));

export interface BullmqOptions {
  redisUrl: string;
  prefix: string;
  attempts: number;
  /**
   * Producer commands (enqueue, ping, counts) fail after this many ms, and at once while Redis is
   * unreachable, instead of queueing until it returns (uploads hung ~20 s with Redis down).
   */
  commandTimeoutMs?: number;
}

export const JOB_NAMES = Object.keys(JOB_SCHEMAS) as JobName[];

/** BullMQ requires maxRetriesPerRequest null on connections used by workers (blocking commands). */
export function redisConnection(url: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
  // Reconnects are ioredis's job; the worker reports connection errors through its own 'error' event.
  redis.on('error', () => undefined);
  return redis;
}

/**
 * The producer side's connection: no offline queue and one retry, so a command fails fast while
 * Redis is down (BullMQ allows this for Queue instances; workers keep `redisConnection`).
 */
export function producerConnection(url: string, commandTimeoutMs = 2000): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: commandTimeoutMs, connectTimeout: commandTimeoutMs,
    enableReadyCheck: true, lazyConnect: false,
  });
}

/** One BullMQ queue per job name, so ingest and extract scale on different hosts. */
export class BullmqJobQueue implements JobQueue {
  readonly connection: Redis;
  readonly queues: Map<JobName, Queue>;

  constructor(private readonly options: BullmqOptions) {
    this.connection = producerConnection(options.redisUrl, options.commandTimeoutMs);
    // Connection errors surface on the commands that need Redis (503s, health); never crash on them.
    this.connection.on('error', () => undefined);
    this.queues = new Map(JOB_NAMES.map((name) => {
      const queue = new Queue(name, { connection: this.connection, prefix: options.prefix });
      // Connection errors while Redis is away: callers get 503s and /healthz names Redis; no stack dumps.
      queue.on('error', () => undefined);
      return [name, queue] as const;
    }));
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayload<N>, opts: EnqueueOptions): Promise<void> {
    const data = JOB_SCHEMAS[name].parse(payload);
    try {
      await this.queues.get(name)!.add(name, data, {
        jobId: opts.jobId,
        priority: opts.priority,
        attempts: opts.attempts ?? this.options.attempts,
        backoff: { type: 'exponential', delay: 2000 },
        // Completed jobs are kept a day so a re-submission inside it is deduplicated by job id too.
        removeOnComplete: { age: 24 * 3600, count: 10_000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      });
    } catch (error) {
      // Redis down or slow: a 503 for the caller (a job retries later); the document row, if one
      // was written, is Postgres' record of owed work and the reconciler queues it once Redis is back.
      throw new AppError('unavailable', `The job queue (Redis) did not take the ${name} job: ${(error as Error).message}`, { cause: error });
    }
  }

  async ping(): Promise<boolean> {
    if (this.connection.status !== 'ready') return false;
    try {
      return (await this.connection.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  /** Whether producer commands can reach Redis now (checked before an upload writes anything). */
  isReady(): boolean {
    return this.connection.status === 'ready';
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.connection.disconnect();
  }
}

export interface WorkerOptions extends BullmqOptions {
  concurrency: Partial<Record<JobName, number>>;
  onFailure: FailureHook;
  /** Structured logger for connection errors; default: a JSON logger at info. */
  log?: Logger;
}

/** Jobs a worker of this process is running now, with the lock token that lets it hand them back. */
const IN_FLIGHT = new WeakMap<Worker, Map<string, { job: Job; token: string | undefined }>>();

export function inFlightJobs(worker: Worker): { job: Job; token: string | undefined }[] {
  return [...(IN_FLIGHT.get(worker)?.values() ?? [])];
}

/** Starts one BullMQ worker per job name that has a handler in this process. */
export function startBullmqWorkers(handlers: JobHandlers, options: WorkerOptions): Worker[] {
  const workers: Worker[] = [];
  const log = options.log ?? defaultLog();
  for (const name of JOB_NAMES) {
    if (!handlers[name]) continue;
    const inFlight = new Map<string, { job: Job; token: string | undefined }>();
    const worker = new Worker(name, async (job: Job, token?: string) => {
      inFlight.set(job.id ?? '', { job, token });
      const attempt = job.attemptsMade + 1;
      const ctx = {
        attempt,
        finalAttempt: attempt >= (job.opts.attempts ?? 1),
        reportProgress: (p: object) => job.updateProgress(p),
      };
      try {
        await runJob(handlers, name, job.data, ctx, options.onFailure);
      } catch (error) {
        // Retrying bad input cannot help; tell BullMQ to stop here.
        if (isPermanent(error)) throw new UnrecoverableError((error as Error).message);
        throw error;
      } finally {
        inFlight.delete(job.id ?? '');
      }
    }, {
      connection: redisConnection(options.redisUrl),
      prefix: options.prefix,
      concurrency: options.concurrency[name] ?? 1,
      // A crashed worker's job becomes available again after this lock lapses (kill -9 safety).
      lockDuration: 60_000,
    });
    // Errors here are connection-level; job failures are handled in runJob. Never crash on them.
    worker.on('error', (err) => log.warn({ component: 'worker', queue: name, err: { message: err.message } }, 'worker connection error'));
    IN_FLIGHT.set(worker, inFlight);
    workers.push(worker);
  }
  return workers;
}
