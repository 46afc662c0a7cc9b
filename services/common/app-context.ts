import path from 'node:path';
import type { Config } from '../../schemas/config.ts';
import type { JobName, JobPayload } from '../../schemas/jobs.ts';
import { ApiKeyService } from '../auth/api-keys.ts';
import { errorCodeOf } from '../core/errors.ts';
import { DocumentService } from '../documents/document-service.ts';
import { ReviewService } from '../documents/review-service.ts';
import { BlobStore } from '../ingest/intake/blob-store.ts';
import { createTextRuntime, type TextRuntime } from '../ingest/text-runtime.ts';
import { BullmqJobQueue } from '../queue/bullmq.ts';
import { InlineJobQueue } from '../queue/inline-queue.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import { ApiKeysRepository } from '../storage/api-keys-repository.ts';
import { openDatabase, pingDatabase, type Database } from '../storage/database.ts';
import { DocumentsRepository } from '../storage/documents-repository.ts';
import { ExtractionRepository } from '../storage/extraction-repository.ts';
import { migrateDatabase } from '../storage/migrate.ts';
import { ObligationSearch } from '../storage/obligation-search.ts';
import { ObligationsRepository } from '../storage/obligations-repository.ts';
import { ReviewRepository } from '../storage/review-repository.ts';

/**
 * The adapters every role shares: database, repositories, blob store, queue, the OCR pool and PDF
 * sandbox (created here and closed with the context, not module singletons), and the use cases
 * built on them (documents, API keys). The composition root: routes, CLI commands and workers get
 * everything from here.
 */
export interface AppContext<Q extends JobQueue = JobQueue> {
  config: Config;
  database: Database;
  documents: DocumentsRepository;
  runs: ExtractionRepository;
  obligations: ObligationsRepository;
  search: ObligationSearch;
  blobs: BlobStore;
  queue: Q;
  text: TextRuntime;
  service: DocumentService;
  apiKeys: ApiKeyService;
  /** Analyst review of obligations (issue 11). */
  reviews: ReviewService;
  /** True when the database answers (health checks). */
  pingDatabase(): Promise<boolean>;
  /** Records a job's permanent failure on its document, with the catalogued error code. */
  onJobFailure: <N extends JobName>(name: N, payload: JobPayload<N>, error: Error) => Promise<void>;
  close(): Promise<void>;
}

async function openStorage(config: Config, databaseUrl: string) {
  const database = await openDatabase(databaseUrl);
  await migrateDatabase(databaseUrl, database);
  const documents = new DocumentsRepository(database.db);
  const onJobFailure = async <N extends JobName>(name: N, payload: JobPayload<N>, error: Error) => {
    await documents.setStatus(payload.tenantId, payload.documentId, 'failed', { code: errorCodeOf(error), message: `${name}: ${error.message}` });
  };
  const runs = new ExtractionRepository(database.db);
  const obligations = new ObligationsRepository(database.db);
  const search = new ObligationSearch(database.db);
  const blobs = new BlobStore(path.resolve(config.dataDir));
  return {
    config, database, documents, onJobFailure, runs, obligations, search, blobs,
    apiKeys: new ApiKeyService(new ApiKeysRepository(database.db)),
    reviews: new ReviewService({ reviews: new ReviewRepository(database.db), search }),
    pingDatabase: () => pingDatabase(database.db),
    text: createTextRuntime(config),
  };
}

function assemble<Q extends JobQueue>(storage: Awaited<ReturnType<typeof openStorage>>, queue: Q): AppContext<Q> {
  const service = new DocumentService({ ...storage, queue });
  return {
    ...storage, queue, service,
    close: async () => {
      await queue.close();
      await storage.text.close();
      await storage.database.close();
    },
  };
}

/** Services: Postgres + BullMQ on Redis. Migrations run at start under an advisory lock. */
export async function createServiceContext(config: Config): Promise<AppContext<BullmqJobQueue>> {
  const storage = await openStorage(config, config.databaseUrl);
  const queue = new BullmqJobQueue({
    redisUrl: config.redisUrl, prefix: config.redisPrefix, attempts: config.jobAttempts, commandTimeoutMs: config.redisTimeoutMs,
  });
  return assemble(storage, queue);
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
  return assemble(storage, queue);
}
