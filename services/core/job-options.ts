import type { JobName } from '../../schemas/jobs.ts';
import type { JOB_LANES } from '../../schemas/tables.ts';
import type { EnqueueOptions } from './jobs.ts';

export type JobLane = (typeof JOB_LANES)[number];

/**
 * BullMQ priority per lane (lower runs first; BullMQ runs jobs without a priority before all
 * prioritised ones, so every job gets one). An analyst's upload overtakes queued batch work at
 * every stage: ingest, extract (the GPU) and reprocess.
 */
export const LANE_PRIORITY: Readonly<Record<JobLane, number>> = { interactive: 1, batch: 10 };

/** What a job is about; everything the queue options are decided from. */
export interface JobItem {
  name: JobName;
  documentId: string;
  /** The document's generation: a re-process makes fresh job ids, a re-submission of the same one is a no-op. */
  generation: number;
  /** Carried on the document from upload to extraction; interactive when unknown. */
  lane?: JobLane | null;
  /** Attempts before the job fails for good; the queue's configured default (JOB_ATTEMPTS) when absent. */
  attempts?: number;
}

/** The one place job id, priority and attempts are decided, for every job and both queue adapters. */
export function getJobOptions(item: JobItem): EnqueueOptions {
  const lane = item.lane ?? 'interactive';
  return {
    jobId: `${item.name}-${item.documentId}-g${item.generation}`,
    priority: LANE_PRIORITY[lane],
    ...(item.attempts !== undefined ? { attempts: item.attempts } : {}),
  };
}

/** A lane from an older caller's numeric priority: anything behind interactive is batch. */
export function laneOfPriority(priority: number | undefined): JobLane {
  return priority !== undefined && priority > LANE_PRIORITY.interactive ? 'batch' : 'interactive';
}
