import cliProgress from 'cli-progress';
import Table from 'cli-table3';
import type { Command } from 'commander';
import { Engine } from '../../../schemas/obligation.ts';
import { createExtractor } from '../../../workers/extract/create-extractor.ts';
import { runBatch, type BatchProgress, type BatchSummary } from '../../batch/run-batch.ts';
import { resolveSources } from '../../batch/sources.ts';
import { createEmbeddedContext, createServiceContext } from '../../common/app-context.ts';
import { buildHandlers } from '../../common/handlers.ts';
import { disposeTextRuntime } from '../../ingest/text-runtime.ts';
import { addConfigOptions, configFromFlags, type ConfigFlags } from '../config-options.ts';

interface BatchFlags extends ConfigFlags {
  wait?: boolean; json?: boolean; allowFailures?: boolean; retryFailed?: boolean; series?: string; language?: string; engine?: string;
  includeRecitals?: boolean;
}

/** Exit codes: 0 all done (or queued without --wait), 2 some document failed or ended partial, 1 usage or system error. */
export const EXIT_FAILURES = 2;

export function registerBatchCommand(program: Command): void {
  addConfigOptions(program.command('batch').description('process a folder, glob or manifest.jsonl; queued with Redis, in-process without'))
    .argument('<sources...>', 'directories, globs ("in/**/*.pdf") or manifest.jsonl files ({"path","series","language"} per line)')
    .option('--wait', 'queue mode: wait until every document is done or failed (in-process always waits)')
    .option('--json', 'print the summary as JSON on stdout (progress stays on stderr)')
    .option('--allow-failures', 'exit 0 even when documents failed or ended partial')
    .option('--retry-failed', 're-run documents that failed in an earlier run')
    .option('--include-recitals', 'also extract recitals, preamble and other non-binding text (rows marked binding=false)')
    .option('--series <name>', 'series for files without one in the manifest')
    .option('--language <code>', 'language hint for files without one in the manifest')
    .option('--engine <engine>', 'in-process only: rules | llm')
    .action(async (sources: string[], flags: BatchFlags) => {
      const config = configFromFlags(flags);
      const items = await resolveSources(sources, { series: flags.series, language: flags.language });
      // Redis named explicitly (flag or REDIS_URL) means services: enqueue for the workers.
      const queueMode = Boolean(flags.redisUrl ?? process.env.REDIS_URL);
      const bars = progressBars(items.length);
      let summary: BatchSummary;
      if (queueMode) {
        const ctx = await createServiceContext(config);
        try {
          summary = await runBatch(ctx, items, { tenantId: config.tenant, wait: Boolean(flags.wait), retryFailed: flags.retryFailed, includeRecitals: Boolean(flags.includeRecitals), onProgress: bars.update });
        } finally {
          bars.stop();
          await ctx.close();
        }
      } else {
        const ctx = await createEmbeddedContext(config, { databaseUrl: flags.databaseUrl, onProgress: (_n, _p, jp) => bars.segment(jp.done, jp.total) });
        const choice = await createExtractor(config, flags.engine === undefined ? undefined : Engine.parse(flags.engine));
        if (choice.notice) process.stderr.write(`${choice.notice}\n`);
        ctx.queue.handlers = buildHandlers(ctx, { ingest: true, extract: choice });
        try {
          summary = await runBatch(ctx, items, {
            tenantId: config.tenant, wait: true, retryFailed: flags.retryFailed, includeRecitals: Boolean(flags.includeRecitals),
            drain: () => ctx.queue.drain(), onProgress: bars.update,
          });
        } finally {
          bars.stop();
          await choice.extractor.close();
          // In-process ingest started OCR and PDF worker threads; end them so the run exits.
          await disposeTextRuntime();
          await ctx.close();
        }
      }
      if (flags.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      else printSummary(summary);
      if ((summary.failed > 0 || summary.partial > 0) && !flags.allowFailures) process.exitCode = EXIT_FAILURES;
    });
}

/**
 * Documents with ETA, plus pages and segments, on stderr so --json stays parseable. Without a TTY
 * (cron, CI logs) bars cannot redraw, so a plain line is printed every few seconds instead.
 */
function progressBars(total: number) {
  const started = Date.now();
  const etaOf = (p: BatchProgress) => {
    const elapsed = (Date.now() - started) / 1000;
    return p.documents.settled ? `${Math.round((elapsed / p.documents.settled) * (p.documents.total - p.documents.settled))}s` : '-';
  };
  if (!process.stderr.isTTY) {
    let lastLine = 0;
    return {
      update: (p: BatchProgress) => {
        if (Date.now() - lastLine < 5000 && p.documents.settled < p.documents.total) return;
        lastLine = Date.now();
        process.stderr.write(`batch: ${p.documents.settled}/${p.documents.total} documents, ${p.pages} pages, ` +
          `${p.segments.done}/${p.segments.total} segments, ETA ${etaOf(p)}\n`);
      },
      segment: (_done: number, _total: number) => undefined,
      stop: () => undefined,
    };
  }
  const multi = new cliProgress.MultiBar({
    stream: process.stderr, hideCursor: true, clearOnComplete: false, format: ' {bar} {value}/{total} {label} | {extra}',
  }, cliProgress.Presets.shades_classic);
  const docs = multi.create(total, 0, { label: 'documents', extra: 'ETA -' });
  const segs = multi.create(1, 0, { label: 'segments', extra: '' });
  let base = { done: 0, total: 0 };
  return {
    update: (p: BatchProgress) => {
      base = p.segments;
      docs.update(p.documents.settled, { extra: `${p.pages} pages | ETA ${etaOf(p)}` });
      segs.setTotal(Math.max(1, p.segments.total));
      segs.update(p.segments.done);
    },
    /** In-process: segments of the running document arrive between document boundaries. */
    segment: (done: number, ofTotal: number) => {
      segs.setTotal(Math.max(1, base.total + ofTotal));
      segs.update(base.done + done);
    },
    stop: () => multi.stop(),
  };
}

function printSummary(s: BatchSummary): void {
  const counts = new Table({ head: ['mode', 'total', 'submitted', 'skipped', 'resumed', 'done', 'partial', 'failed', 'pending', 'time'] });
  counts.push([s.mode, s.total, s.submitted, s.skipped, s.resumed, s.done, s.partial, s.failed, s.pending, `${(s.durationMs / 1000).toFixed(1)} s`].map(String));
  console.log(counts.toString());
  if (s.failures.length) {
    const failures = new Table({ head: ['failed or partial file', 'reason'], colWidths: [50, 70], wordWrap: true });
    for (const f of s.failures) failures.push([f.file, f.reason]);
    console.log(failures.toString());
  }
}
