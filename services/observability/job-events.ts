import type { Job, Worker } from 'bullmq';
import type { JobStatsRepository } from '../storage/job-stats.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';

interface JobData { tenantId?: string; documentId?: string }

/**
 * Worker-side observability without touching the handlers: every job start, finish and failure is
 * one JSON log line with its queue, job id, document id and attempt; durations, OCRed pages, LLM
 * tokens and failure reasons go to the metrics, read back from Postgres once a job is done.
 */
export function observeWorkers(workers: Worker[], deps: { metrics: Metrics; stats: JobStatsRepository; log: Logger }): void {
  const { metrics, stats } = deps;
  const log = deps.log.child({ component: 'job' });
  const fields = (job: Job) => {
    const data = (job.data ?? {}) as JobData;
    return { queue: job.queueName, jobId: job.id, documentId: data.documentId, tenantId: data.tenantId, attempt: job.attemptsMade + 1 };
  };
  const seconds = (job: Job) => (job.finishedOn && job.processedOn ? (job.finishedOn - job.processedOn) / 1000 : undefined);

  for (const worker of workers) {
    worker.on('active', (job) => log.info(fields(job), 'job started'));

    worker.on('completed', (job) => {
      const s = seconds(job);
      if (s !== undefined) metrics.jobDuration.observe({ stage: job.queueName, outcome: 'completed' }, s);
      log.info({ ...fields(job), durationMs: s === undefined ? undefined : Math.round(s * 1000) }, 'job completed');
      const data = (job.data ?? {}) as JobData;
      if (!data.tenantId || !data.documentId) return;
      const { tenantId, documentId } = data;
      const record = job.queueName === 'ingest'
        ? stats.ocrPages(tenantId, documentId).then((n) => metrics.pagesOcr.inc(n))
        : stats.currentRun(tenantId, documentId).then((run) => {
          if (!run) return;
          metrics.llmTokens.inc({ kind: 'prompt', engine: run.engine }, run.promptTokens);
          metrics.llmTokens.inc({ kind: 'completion', engine: run.engine }, run.completionTokens);
          if (run.completionTokens > 0 && run.durationMs > 0) {
            metrics.llmTokensPerSecond.observe({ engine: run.engine }, run.completionTokens / (run.durationMs / 1000));
          }
        });
      record.catch((error: unknown) => log.warn({ ...fields(job), err: { message: (error as Error).message } }, 'job metrics not recorded'));
    });

    worker.on('failed', (job, error) => {
      if (!job) {
        log.warn({ queue: worker.name, err: { message: error.message } }, 'job failed');
        return;
      }
      const s = seconds(job);
      if (s !== undefined) metrics.jobDuration.observe({ stage: job.queueName, outcome: 'failed' }, s);
      const final = error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
      const data = (job.data ?? {}) as JobData;
      const reason = final && data.tenantId && data.documentId
        ? stats.errorCode(data.tenantId, data.documentId).then((code) => code ?? 'job_failed', () => 'job_failed')
        : Promise.resolve(final ? 'job_failed' : 'retrying');
      void reason.then((code) => {
        metrics.jobFailures.inc({ stage: job.queueName, reason: code });
        // The message on the line, the stack as one string field: never raw multi-line output.
        log.warn({ ...fields(job), final, reason: code, err: { message: error.message, stack: error.stack } }, final ? 'job failed' : 'job attempt failed; retrying');
      });
    });
  }
}
