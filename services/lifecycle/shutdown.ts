import type { Worker } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { inFlightJobs } from '../queue/bullmq.ts';
import type { Logger } from '../observability/logger.ts';

export interface Stoppable {
  name: string;
  close(): Promise<unknown>;
}

export interface ShutdownParts {
  workers: Worker[];
  api: FastifyInstance | null;
  /** Closed in order after workers and HTTP (scheduler, reconciler, extractor, OCR/PDF threads, pools). */
  resources: Stoppable[];
  timeoutMs: number;
  log: Logger;
}

export interface ShutdownReport {
  /** In-flight jobs moved back to the queue because they did not finish in time. */
  handedBack: number;
  /** Steps that did not finish in their time (their names). */
  timedOut: string[];
}

const sleep = (ms: number) => new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), Math.max(0, ms)).unref());

async function within(ms: number, work: Promise<unknown>): Promise<boolean> {
  return (await Promise.race([work.then(() => 'done' as const, () => 'done' as const), sleep(ms)])) === 'done';
}

/**
 * Graceful stop within `timeoutMs`: workers stop taking jobs at once and HTTP stops accepting
 * connections (readiness turns 503, open event streams end); jobs still running when three
 * quarters of the time is spent are moved back to the queue under their ids (another worker
 * resumes them: ingest and extraction are idempotent and extraction resumes per segment); then
 * the remaining resources close, each bounded, so the process always gets to exit.
 */
export async function shutdown(parts: ShutdownParts): Promise<ShutdownReport> {
  const { workers, api, log } = parts;
  const deadline = Date.now() + parts.timeoutMs;
  const report: ShutdownReport = { handedBack: 0, timedOut: [] };
  log.info({ component: 'lifecycle', timeoutMs: parts.timeoutMs, inFlight: workers.reduce((a, w) => a + inFlightJobs(w).length, 0) }, 'shutting down');

  // Both at once: no new jobs, no new connections; in-flight requests and jobs may finish.
  const httpDrained = api ? api.close() : Promise.resolve();
  const workersClosed = Promise.all(workers.map((w) => w.close()));

  const handBackAt = Math.floor(parts.timeoutMs * 0.75);
  if (!(await within(handBackAt, workersClosed))) {
    for (const worker of workers) {
      for (const { job, token } of inFlightJobs(worker)) {
        try {
          await Promise.race([job.moveToWait(token), sleep(1000).then(() => { throw new Error('timed out'); })]);
          report.handedBack++;
          log.warn({ component: 'lifecycle', queue: job.queueName, jobId: job.id, documentId: (job.data as { documentId?: string }).documentId },
            'job handed back to the queue');
        } catch (error) {
          // Its lock lapses instead and BullMQ's stalled check hands it to another worker.
          log.warn({ component: 'lifecycle', queue: job.queueName, jobId: job.id, err: { message: (error as Error).message } },
            'job could not be handed back; its lock will lapse');
        }
      }
      // Stop waiting for the handed-back jobs' handlers; the process exits underneath them.
      void worker.close(true).catch(() => undefined);
    }
  }

  if (api && !(await within(Math.max(500, deadline - Date.now() - 1000), httpDrained))) {
    report.timedOut.push('http');
    api.server.closeAllConnections();
  }
  for (const resource of parts.resources) {
    if (!(await within(Math.max(500, Math.min(5000, deadline - Date.now())), resource.close()))) report.timedOut.push(resource.name);
  }
  log.info({ component: 'lifecycle', ...report }, 'stopped');
  return report;
}
