import type { JobName, JobPayload, JobProgress } from '../../schemas/jobs.ts';

export interface JobContext {
  /** 1-based attempt number. */
  attempt: number;
  finalAttempt: boolean;
  reportProgress(progress: JobProgress): Promise<void>;
}

export type JobHandler<N extends JobName> = (payload: JobPayload<N>, ctx: JobContext) => Promise<void>;

/** A process registers handlers only for the roles it runs (api: none; ingest; extract). */
export type JobHandlers = { [N in JobName]?: JobHandler<N> };

export interface EnqueueOptions {
  /** Derived from content and generation: enqueuing the same work twice is a no-op. */
  jobId: string;
  /** BullMQ priority: lower runs first; analyst uploads beat batch work. */
  priority?: number;
  /** Attempts before the job fails for good; the adapter's configured default when absent. */
  attempts?: number;
}

/** Producer side of the queue; BullMQ in services, in-process for `obligato extract`. */
export interface JobQueue {
  enqueue<N extends JobName>(name: N, payload: JobPayload<N>, opts: EnqueueOptions): Promise<void>;
  /** True when the queue backend answers (health checks). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export const jobIds = {
  ingest: (documentId: string, generation: number) => `ingest-${documentId}-g${generation}`,
  extract: (documentId: string, generation: number) => `extract-${documentId}-g${generation}`,
};
