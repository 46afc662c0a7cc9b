import type { Queue } from 'bullmq';
import type { JobName } from '../../schemas/jobs.ts';
import { getJobOptions } from '../core/job-options.ts';
import type { EnqueueOptions } from '../core/jobs.ts';
import type { Logger } from '../observability/logger.ts';
import { errorFields } from '../observability/logger.ts';
import type { UnfinishedDocument, UnfinishedDocumentsReader, UnfinishedDocumentsRepository } from '../storage/unfinished-documents.ts';
import type { BullmqJobQueue } from './bullmq.ts';

export interface ReconcilerOptions {
  /** Only documents untouched this long are looked at (a job still running keeps its row fresh). */
  graceMs: number;
  /** 0: only the pass at start. */
  intervalMs: number;
  /** Advisory-lock name; one per Redis prefix, so stacks sharing a Postgres do not block each other. */
  lockName: string;
  log: Logger;
  /** Documents read per query. */
  pageSize?: number;
}

export interface ReconcileReport {
  /** False when another host held the lock and this pass did nothing. */
  ran: boolean;
  checked: number;
  /** Jobs added back because Redis had no job under the document's id. */
  requeued: number;
  /** Jobs Redis had completed although Postgres says the work is not done: removed and added again. */
  replaced: number;
  /** Documents whose job Redis had failed for good, the failure never recorded on the row. */
  markedFailed: number;
}

/**
 * The job a document is owed in its current state, with the id and priority (its lane) upload and
 * ingest give it (getJobOptions), so a rebuilt job is the same job.
 */
export function owedJob(doc: UnfinishedDocument): { name: JobName; options: EnqueueOptions } {
  const name: JobName = doc.status === 'extracting' && doc.hasText ? 'extract' : 'ingest';
  return { name, options: getJobOptions({ name, documentId: doc.id, generation: doc.generation, lane: doc.lane }) };
}

/**
 * Postgres is the source of truth for what work is owed; Redis only holds the jobs. On start and
 * every `intervalMs`, under an advisory lock (one host at a time), every document whose status is
 * not terminal and that has not moved for `graceMs` gets its job back if Redis lost it (a restart
 * without persistence, an eviction, a flush). Job ids are the idempotent ones, so a job Redis still
 * holds is never doubled and a document is never run twice by the reconciler itself.
 */
export class Reconciler {
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<ReconcileReport> | null = null;

  constructor(
    private readonly repo: UnfinishedDocumentsRepository,
    private readonly queue: BullmqJobQueue,
    private readonly options: ReconcilerOptions,
  ) {}

  /** One pass now (or the pass already running). Never throws: failures are logged and counted. */
  runOnce(): Promise<ReconcileReport> {
    this.pass ??= this.reconcile().catch((error: unknown) => {
      this.options.log.warn({ component: 'reconciler', ...errorFields(error) }, 'reconcile pass failed; next pass retries');
      return { ran: false, checked: 0, requeued: 0, replaced: 0, markedFailed: 0 };
    }).finally(() => { this.pass = null; });
    return this.pass;
  }

  start(): void {
    void this.runOnce();
    if (this.options.intervalMs > 0) {
      this.timer = setInterval(() => void this.runOnce(), this.options.intervalMs);
      this.timer.unref();
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.pass;
  }

  private async reconcile(): Promise<ReconcileReport> {
    // Redis down: nothing can be re-queued now, and every document would look lost.
    if (!(await this.queue.ping())) {
      return { ran: false, checked: 0, requeued: 0, replaced: 0, markedFailed: 0 };
    }
    const report = await this.repo.underLock(this.options.lockName, (reader) => this.reconcileUnderLock(reader));
    if (!report) return { ran: false, checked: 0, requeued: 0, replaced: 0, markedFailed: 0 };
    if (report.requeued || report.replaced || report.markedFailed) {
      this.options.log.info({ component: 'reconciler', ...report }, 'reconciled queue with Postgres');
    }
    return report;
  }

  private async reconcileUnderLock(reader: UnfinishedDocumentsReader): Promise<ReconcileReport> {
    const report: ReconcileReport = { ran: true, checked: 0, requeued: 0, replaced: 0, markedFailed: 0 };
    const pageSize = this.options.pageSize ?? 500;
    let after: { updatedAt: Date; id: string } | undefined;
    for (;;) {
      const docs = await reader.list({ olderThanMs: this.options.graceMs, limit: pageSize, after });
      for (const doc of docs) {
        report.checked++;
        await this.reconcileOne(reader, doc, report);
      }
      if (docs.length < pageSize) return report;
      const last = docs[docs.length - 1]!;
      after = { updatedAt: last.updatedAt, id: last.id };
    }
  }

  private async reconcileOne(reader: UnfinishedDocumentsReader, doc: UnfinishedDocument, report: ReconcileReport): Promise<void> {
    const { name, options } = owedJob(doc);
    const jobId = options.jobId;
    const queue: Queue = this.queue.queues.get(name)!;
    const state = await queue.getJobState(jobId);
    const fields = { component: 'reconciler', documentId: doc.id, tenantId: doc.tenantId, jobId, queue: name, state, status: doc.status };
    if (state === 'unknown') {
      await this.enqueue(doc, name, options);
      report.requeued++;
      this.options.log.warn(fields, 'job missing in Redis; re-queued');
    } else if (state === 'completed') {
      await queue.remove(jobId);
      await this.enqueue(doc, name, options);
      report.replaced++;
      this.options.log.warn(fields, 'job completed in Redis but the document is unfinished; re-queued');
    } else if (state === 'failed') {
      const job = await queue.getJob(jobId);
      const reason = job?.failedReason || 'the job failed after its last attempt';
      await reader.markFailed(doc, 'job_failed', `${name}: ${reason}`);
      report.markedFailed++;
      this.options.log.warn({ ...fields, reason }, 'job failed for good in Redis; failure recorded on the document');
    }
    // waiting, prioritized, delayed, active, waiting-children: the job is there; BullMQ's stalled
    // check hands back an active job whose worker died.
  }

  private enqueue(doc: UnfinishedDocument, name: JobName, options: EnqueueOptions): Promise<void> {
    return this.queue.enqueue(name, { tenantId: doc.tenantId, documentId: doc.id }, options);
  }
}
