import type { Command } from 'commander';
import { buildServer } from '../../api/server.ts';
import { createServiceContext } from '../../common/app-context.ts';
import { buildHandlers } from '../../common/handlers.ts';
import { startBullmqWorkers } from '../../queue/bullmq.ts';
import { createExtractor } from '../../../workers/extract/create-extractor.ts';
import { addConfigOptions, configFromFlags, type ConfigFlags } from '../config-options.ts';
import { redactUrl } from './migrate.ts';
import { startInboxScheduler } from '../../schedule/inbox-scheduler.ts';
import { disposeTextRuntime } from '../../ingest/text-runtime.ts';
import { errorFields, createLogger } from '../../observability/logger.ts';
import { captureStrayOutput } from '../../observability/stray-output.ts';
import { Metrics } from '../../observability/metrics.ts';
import { startMetricsServer } from '../../observability/metrics-server.ts';
import { observeWorkers } from '../../observability/job-events.ts';
import { shutdown, type Stoppable } from '../../lifecycle/shutdown.ts';
import { Reconciler } from '../../queue/reconciler.ts';
import { JobStatsRepository } from '../../storage/job-stats.ts';
import { UnfinishedDocumentsRepository } from '../../storage/unfinished-documents.ts';

const ROLES = ['api', 'ingest', 'extract', 'all'] as const;
type Role = (typeof ROLES)[number];

interface ServeFlags extends ConfigFlags { role: string; port?: string; host?: string }

/** One process per role scales out across hosts; `all` runs the whole pipeline in one process. */
export function registerServeCommand(program: Command): void {
  addConfigOptions(program.command('serve').description('run the REST API and/or queue workers against Postgres + Redis'))
    .option('--role <role>', `one of ${ROLES.join(', ')}`, 'all')
    .option('--port <port>', 'API port (env PORT)')
    .option('--host <host>', 'API host (env HOST)')
    .action(async (flags: ServeFlags) => {
      if (!ROLES.includes(flags.role as Role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
      const role = flags.role as Role;
      const config = configFromFlags(flags);
      if (flags.port) config.port = Number(flags.port);
      if (flags.host) config.host = flags.host;
      const log = createLogger(config.logLevel, { role });
      // Raw text from libraries (tesseract, llama.cpp) becomes JSON records too: one parseable line each.
      const restoreOutput = captureStrayOutput(log);
      const ctx = await createServiceContext(config);
      const runs = (r: Role) => role === 'all' || role === r;

      let extract: Awaited<ReturnType<typeof createExtractor>> | null = null;
      try {
        extract = runs('extract') ? await createExtractor(config) : null;
      } catch (error) {
        // A bad model must end the process with its error (jobs stay queued for a good worker);
        // the open Postgres pool and Redis connection would otherwise keep it alive, silent.
        // The CLI prints that error as one plain line on stderr, where a supervisor looks for it,
        // not as a captured "library output" record.
        await ctx.close();
        restoreOutput();
        throw error;
      }
      if (extract?.notice) log.warn({ component: 'extract' }, extract.notice);
      const metrics = new Metrics();
      metrics.watchQueues([...ctx.queue.queues.values()], config.redisTimeoutMs);
      const textRuntime: Stoppable[] = runs('ingest') ? [{ name: 'text runtime', close: () => disposeTextRuntime() }] : [];
      const base: Stoppable[] = [
        ...(extract ? [{ name: 'extractor', close: () => extract.extractor.close() }] : []), ...textRuntime,
        { name: 'context', close: () => ctx.close() },
      ];

      // The API listens first: a port in use ends the process (exit 1) before any worker takes a job,
      // instead of leaving a worker-only process that a supervisor sees "up".
      const api = runs('api') ? await buildServer(ctx, { logger: true, log, metrics }) : null;
      if (api) {
        try {
          await api.listen({ port: config.port, host: config.host });
        } catch (error) {
          log.fatal({ component: 'lifecycle', ...errorFields(error) }, `cannot listen on ${config.host}:${config.port}`);
          await shutdown({ workers: [], api: null, resources: base, timeoutMs: Math.min(config.shutdownTimeoutMs, 5000), log });
          process.exit(1);
        }
      }
      const metricsServer = !api && config.metricsPort !== undefined
        ? await startMetricsServer(metrics, { host: config.host, port: config.metricsPort, token: config.metricsToken })
        : null;
      if (metricsServer && !config.metricsToken) {
        log.warn({ component: 'metrics' }, 'METRICS_PORT is set but METRICS_TOKEN is not: /livez only, /metrics refused');
      }

      const handlers = buildHandlers(ctx, { ingest: runs('ingest'), extract });
      const workers = startBullmqWorkers(handlers, {
        redisUrl: config.redisUrl, prefix: config.redisPrefix, attempts: config.jobAttempts,
        concurrency: { ingest: 2, extract: extract?.documents ?? 1 }, onFailure: ctx.onJobFailure, log,
      });
      observeWorkers(workers, { metrics, stats: new JobStatsRepository(ctx.database.db), log });
      // The nightly inbox scan runs where ingest runs; BullMQ makes it one run per tick across hosts.
      const scheduler = runs('ingest') ? await startInboxScheduler(ctx) : null;
      // Postgres decides which work is owed: jobs Redis lost are re-queued (one host at a time).
      const reconciler = new Reconciler(new UnfinishedDocumentsRepository(ctx.database.db), ctx.queue, {
        graceMs: config.reconcileGraceMs, intervalMs: config.reconcileIntervalMs, lockName: `obligato:reconcile:${config.redisPrefix}`, log,
      });
      reconciler.start();
      log.info({
        component: 'lifecycle', role, db: redactUrl(config.databaseUrl), redis: redactUrl(config.redisUrl), prefix: config.redisPrefix,
        ...(scheduler ? { inbox: config.inboxDir, cron: config.inboxCron } : {}), ...(extract ? { engine: extract.extractor.info.engine } : {}),
        ...(api ? { api: `http://${config.host}:${config.port}` } : {}), ...(metricsServer ? { metricsPort: config.metricsPort } : {}),
      }, `obligato serve: role=${role}${api ? ` api=http://${config.host}:${config.port}` : ''}`);

      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        log.info({ component: 'lifecycle', signal }, 'stop requested');
        // A last resort should a step ignore its bound: the process never outlives the timeout by much.
        setTimeout(() => {
          log.error({ component: 'lifecycle' }, 'shutdown overran SHUTDOWN_TIMEOUT_MS; exiting');
          process.exit(1);
        }, config.shutdownTimeoutMs + 10_000).unref();
        const resources: Stoppable[] = [
          { name: 'reconciler', close: () => reconciler.stop() },
          ...(scheduler ? [{ name: 'scheduler', close: () => scheduler.close() }] : []),
          ...(metricsServer ? [{ name: 'metrics', close: () => new Promise<void>((r) => metricsServer.close(() => r())) }] : []),
          ...base,
        ];
        await shutdown({ workers, api, resources, timeoutMs: config.shutdownTimeoutMs, log });
        process.exit(0);
      };
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));
    });
}
