import { z } from 'zod';

/** One payload schema per job name; the queue layer validates every job against it. */
export const IngestJob = z.object({
  tenantId: z.string().min(1),
  documentId: z.string().uuid(),
});
export type IngestJob = z.infer<typeof IngestJob>;

export const ExtractJob = z.object({
  tenantId: z.string().min(1),
  documentId: z.string().uuid(),
});
export type ExtractJob = z.infer<typeof ExtractJob>;

export const JOB_SCHEMAS = {
  ingest: IngestJob,
  extract: ExtractJob,
} as const;
export type JobName = keyof typeof JOB_SCHEMAS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOB_SCHEMAS)[N]>;

/** Job progress as reported to BullMQ and mirrored on the document row. */
export const JobProgress = z.object({
  stage: z.enum(['text', 'extracting']),
  done: z.number().int().min(0),
  total: z.number().int().min(0),
});
export type JobProgress = z.infer<typeof JobProgress>;
