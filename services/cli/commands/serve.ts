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
      const ctx = await createServiceContext(config);
      const runs = (r: Role) => role === 'all' || role === r;

      let extract: Awaited<ReturnType<typeof createExtractor>> | null = null;
      try {
        extract = runs('extract') ? await createExtractor(config) : null;
      } catch (error) {
        // A bad model must end the process with its error (jobs stay queued for a good worker);
        // the open Postgres pool and Redis connection would otherwise keep it alive, silent.
        await ctx.close();
        throw error;
      }
      if (extract?.notice) console.warn(extract.notice);
      const handlers = buildHandlers(ctx, { ingest: runs('ingest'), extract });
      const workers = startBullmqWorkers(handlers, {
        redisUrl: config.redisUrl, prefix: config.redisPrefix, attempts: config.jobAttempts,
        concurrency: { ingest: 2, extract: extract?.documents ?? 1 }, onFailure: ctx.onJobFailure,
      });
      // The nightly inbox scan runs where ingest runs; BullMQ makes it one run per tick across hosts.
      const scheduler = runs('ingest') ? await startInboxScheduler(ctx) : null;
      const api = runs('api') ? await buildServer(ctx, { logger: true }) : null;
      if (api) await api.listen({ port: config.port, host: config.host });
      console.log(`obligato serve: role=${role} db=${redactUrl(config.databaseUrl)} redis=${config.redisUrl} prefix=${config.redisPrefix}` +
        (scheduler ? ` inbox=${config.inboxDir} cron="${config.inboxCron}"` : '') + (extract ? ` engine=${extract.extractor.info.engine}` : '') + (api ? ` api=http://${config.host}:${config.port}` : ''));

      let stopping = false;
      const stop = async () => {
        if (stopping) return;
        stopping = true;
        // Workers first: in-flight jobs finish (or their locks lapse and another worker resumes them).
        await Promise.all(workers.map((w) => w.close()));
        await scheduler?.close();
        await api?.close();
        await extract?.extractor.close();
        // The OCR and PDF worker threads the ingest jobs used (a no-op where none started).
        if (runs('ingest')) await disposeTextRuntime();
        await ctx.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop());
      process.on('SIGTERM', () => void stop());
    });
}
