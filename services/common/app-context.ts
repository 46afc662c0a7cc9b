import path from 'node:path';
import type { Config } from '../../schemas/config.ts';
import type { JobName, JobPayload } from '../../schemas/jobs.ts';
import { BlobStore } from '../ingest/intake/blob-store.ts';
import { BullmqJobQueue } from '../queue/bullmq.ts';
import { InlineJobQueue } from '../queue/inline-queue.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import { openDatabase, type Database } from '../storage/database.ts';
import { DocumentsRepository } from '../storage/documents-repository.ts';
import { ExtractionRepository } from '../storage/extraction-repository.ts';
import { migrateDatabase } from '../storage/migrate.ts';
import { ObligationsRepository } from '../storage/obligations-repository.ts';

/** The adapters every role shares: database, repositories, blob store, queue. */
export interface AppContext<Q extends JobQueue = JobQueue> {
  config: Config;
  database: Database;
  documents: DocumentsRepository;
  runs: ExtractionRepository;
  obligations: ObligationsRepository;
  blobs: BlobStore;
  queue: Q;
  /** Records a job's permanent failure on its document. */
  onJobFailure: <N extends JobName>(name: N, payload: JobPayload<N>, error: Error) => Promise<void>;
  close(): Promise<void>;
}

async function openStorage(config: Config, databaseUrl: string) {
  const database = await openDatabase(databaseUrl);
  await migrateDatabase(databaseUrl, database);
  const documents = new DocumentsRepository(database.db);
  const onJobFailure = async <N extends JobName>(name: N, payload: JobPayload<N>, error: Error) => {
    await documents.setStatus(payload.documentId, 'failed', `${name}: ${error.message}`);
  };
  return {
    config, database, documents, onJobFailure,
    runs: new ExtractionRepository(database.db),
    obligations: new ObligationsRepository(database.db),
    blobs: new BlobStore(path.resolve(config.dataDir)),
  };
}

/** Services: Postgres + BullMQ on Redis. Migrations run at start under an advisory lock. */
export async function createServiceContext(config: Config): Promise<AppContext<BullmqJobQueue>> {
  const storage = await openStorage(config, config.databaseUrl);
  const queue = new BullmqJobQueue({ redisUrl: config.redisUrl, prefix: config.redisPrefix, attempts: config.jobAttempts });
  return {
    ...storage, queue,
    close: async () => {
      await queue.close();
      await storage.database.close();
    },
  };
}

/**
 * `obligato extract`: no services needed. Embedded PGlite under DATA_DIR (unless DATABASE_URL
 * explicitly names one) and an in-process queue calling the same handlers.
 */
export async function createEmbeddedContext(
  config: Config, options: { databaseUrl?: string; onProgress?: ConstructorParameters<typeof InlineJobQueue>[0]['onProgress'] } = {},
): Promise<AppContext<InlineJobQueue>> {
  const url = options.databaseUrl ?? `pglite:${path.join(config.dataDir, 'pglite')}`;
  const storage = await openStorage(config, url);
  const queue = new InlineJobQueue({
    attempts: config.jobAttempts, onFailure: storage.onJobFailure, onProgress: options.onProgress,
  });
  return {
    ...storage, queue,
    close: async () => {
      await queue.close();
      await storage.database.close();
    },
  };
}
