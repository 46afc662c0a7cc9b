import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import type { Queue } from 'bullmq';

export const ADMIN_QUEUES_PATH = '/admin/queues';

/**
 * bull-board over the BullMQ queues (ingest, extract, schedules). There is no auth yet; when API
 * keys land this mount is the one to restrict to admins.
 */
export async function mountQueueBoard(app: FastifyInstance, queues: Queue[]): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter });
  serverAdapter.setBasePath(ADMIN_QUEUES_PATH);
  await app.register(serverAdapter.registerPlugin(), { prefix: ADMIN_QUEUES_PATH });
}
