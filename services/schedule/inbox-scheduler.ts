import fs from 'node:fs/promises';
import path from 'node:path';
import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { AppContext } from '../common/app-context.ts';
import { redisConnection } from '../queue/bullmq.ts';
import { scanInbox, type InboxReport } from './inbox-scan.ts';

export const SCHEDULE_QUEUE = 'schedules';
export const INBOX_SCHEDULER_ID = 'nightly-inbox';

export interface InboxScheduler {
  queue: Queue;
  worker: Worker;
  close(): Promise<void>;
}

/**
 * The nightly inbox run as a BullMQ job scheduler: upserted at every start, so the cron in config
 * is the single source of truth and many processes share one schedule (Redis holds it, one worker
 * takes each run). Concurrency 1: two scans never move the same files.
 */
export async function startInboxScheduler(
  ctx: AppContext, options: { onReport?: (r: InboxReport) => void; pollMs?: number } = {},
): Promise<InboxScheduler | null> {
  const { inboxDir, inboxCron, inboxTimeoutMinutes, redisUrl, redisPrefix } = ctx.config;
  if (!inboxDir) return null;
  const dir = path.resolve(inboxDir);
  await fs.mkdir(dir, { recursive: true });
  const connection = redisConnection(redisUrl) as ConnectionOptions;
  const queue = new Queue(SCHEDULE_QUEUE, { connection, prefix: redisPrefix });
  await queue.upsertJobScheduler(INBOX_SCHEDULER_ID, { pattern: inboxCron }, {
    name: 'inbox-scan', data: { dir }, opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  });
  const worker = new Worker(SCHEDULE_QUEUE, async () => {
    const report = await scanInbox(ctx, dir, { timeoutMs: inboxTimeoutMinutes * 60_000, pollMs: options.pollMs });
    options.onReport?.(report);
    return { archived: report.archived.length, failed: report.failed.length, pending: report.pending.length };
  }, { connection: redisConnection(redisUrl), prefix: redisPrefix, concurrency: 1, lockDuration: 120_000 });
  worker.on('error', (err) => console.error(`[schedules worker] ${err.message}`));
  return {
    queue, worker,
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
