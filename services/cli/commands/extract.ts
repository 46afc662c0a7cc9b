import fs from 'node:fs/promises';
import cliProgress from 'cli-progress';
import Table from 'cli-table3';
import type { Command } from 'commander';
import { Engine } from '../../../schemas/obligation.ts';
import type { JobProgress } from '../../../schemas/jobs.ts';
import { createExtractor } from '../../../workers/extract/create-extractor.ts';
import { runInfoOf, runKeyOf } from '../../../workers/extract/extract-handler.ts';
import { createEmbeddedContext } from '../../common/app-context.ts';
import { buildHandlers } from '../../common/handlers.ts';
import { collectFiles } from '../../batch/sources.ts';
import { disposeTextRuntime } from '../../ingest/text-runtime.ts';
import { addConfigOptions, configFromFlags, type ConfigFlags } from '../config-options.ts';

interface ExtractFlags extends ConfigFlags { engine?: string; json?: boolean; allowFailures?: boolean; includeRecitals?: boolean }

export interface ExtractReport {
  documents: {
    file: string; id: string; status: string; error: string | null; language: string | null;
    /** Segments whose extraction failed (the document is then `partial`, or `failed` when all did). */
    segmentsFailed: number;
    obligations: { modality: string; subject: string; action: string; citation: string; quote: string; start: number; end: number; page: number }[];
  }[];
}

export { collectFiles };

export function registerExtractCommand(program: Command): void {
  addConfigOptions(program.command('extract').description('extract obligations from files or folders, no services needed'))
    .argument('<paths...>', 'files or directories (PDF, images, text, HTML/XHTML, XML such as Formex and Akoma Ntoso, DOCX)')
    .option('--engine <engine>', 'rules | llm (default: llm when a model is configured, else rules)')
    .option('--json', 'print JSON instead of tables')
    .option('--allow-failures', 'exit 0 even when documents failed or ended partial')
    .option('--include-recitals', 'also extract recitals, preamble and other non-binding text (rows marked binding=false)')
    .action(async (paths: string[], flags: ExtractFlags) => {
      const engine = flags.engine === undefined ? undefined : Engine.parse(flags.engine);
      const config = configFromFlags(flags);
      const files = await collectFiles(paths);
      const report = await runExtract(config, files, engine, {
        json: Boolean(flags.json), databaseUrl: flags.databaseUrl, includeRecitals: Boolean(flags.includeRecitals),
      });
      if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else printTables(report);
      // A partial document is not a success: some of its segments were never read.
      if (!flags.allowFailures && report.documents.some((d) => d.status === 'failed' || d.status === 'partial')) process.exitCode = 2;
    });
}

/**
 * The in-process pipeline: same intake, handlers and storage as the services, with PGlite and an
 * inline queue. Progress goes to stderr so --json output stays clean.
 */
export async function runExtract(
  config: ReturnType<typeof configFromFlags>, files: string[], engine: Engine | undefined,
  options: { json: boolean; databaseUrl?: string; includeRecitals?: boolean },
): Promise<ExtractReport> {
  const progress = extractProgress(files.length);
  const ctx = await createEmbeddedContext(config, {
    // Only an explicit --database-url replaces the embedded database; DATABASE_URL is for services.
    databaseUrl: options.databaseUrl,
    onProgress: (_name, _payload, p: JobProgress) => {
      if (p.stage === 'extracting') progress.segments(p.done, p.total);
    },
  });
  try {
    const choice = await createExtractor(config, engine);
    if (choice.notice) console.error(choice.notice);
    ctx.queue.handlers = buildHandlers(ctx, { ingest: true, extract: choice });
    const runKey = runKeyOf(runInfoOf(choice.extractor, choice.prefilter, choice.triage));
    const ids: { file: string; id: string }[] = [];
    for (const file of files) {
      const bytes = new Uint8Array(await fs.readFile(file));
      const { document, created } = await ctx.service.upload({
        tenantId: config.tenant, bytes, filename: file, includeRecitals: options.includeRecitals ?? false,
      });
      ids.push({ file, id: document.id });
      if (!created && await needsRerun(ctx, document.currentRunId, document.status, runKey)) {
        await ctx.service.reprocess(config.tenant, document.id);
      }
      await ctx.queue.drain();
      progress.documentDone(file);
    }
    progress.stop();
    await choice.extractor.close();
    const documents = [];
    for (const { file, id } of ids) {
      const doc = (await ctx.documents.get(config.tenant, id))!;
      const obligations = await ctx.obligations.forDocument(config.tenant, id);
      documents.push({
        file, id, status: doc.status, error: doc.error, language: doc.language, segmentsFailed: doc.segmentsFailed,
        obligations: obligations.map((o) => ({
          modality: o.modality, subject: o.subject, action: o.action, citation: o.citation, quote: o.quote,
          start: o.quoteStart, end: o.quoteEnd, page: o.page,
        })),
      });
    }
    return { documents };
  } finally {
    progress.stop();
    // OCR and PDF worker threads would otherwise outlive the run.
    await disposeTextRuntime();
    await ctx.close();
  }
}

/**
 * Bars on a terminal; elsewhere (CI logs, pipes) one line per finished document, since cli-progress
 * renders bars it never started when output is not a TTY.
 */
function extractProgress(total: number) {
  if (!process.stderr.isTTY) {
    let done = 0;
    return {
      segments: (_done: number, _total: number) => undefined,
      documentDone: (file: string) => process.stderr.write(`[${++done}/${total}] ${file}\n`),
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.MultiBar({
    format: ' {bar} {percentage}% | {value}/{total} {label}', stream: process.stderr, hideCursor: true, clearOnComplete: false,
  }, cliProgress.Presets.shades_classic);
  const docs = bar.create(total, 0, { label: 'documents' });
  const segs = bar.create(1, 0, { label: 'segments (current document)' });
  return {
    segments: (done: number, of: number) => {
      segs.setTotal(Math.max(1, of));
      segs.update(done);
    },
    documentDone: (_file: string) => docs.increment(),
    stop: () => bar.stop(),
  };
}

/**
 * Already stored: re-run unless it finished with this engine, model and prompt. The in-process
 * queue keeps nothing across runs, so anything unfinished (an earlier run was killed) starts again;
 * a `partial` document is re-run too, which resumes its run and retries the failed segments.
 */
async function needsRerun(
  ctx: Awaited<ReturnType<typeof createEmbeddedContext>>, currentRunId: string | null, status: string, runKey: string,
): Promise<boolean> {
  if (status !== 'done' || !currentRunId) return true;
  const run = await ctx.runs.getRun(ctx.config.tenant, currentRunId);
  return run?.runKey !== runKey;
}

function printTables(report: ExtractReport): void {
  const summary = new Table({ head: ['file', 'status', 'language', 'obligations', 'failed segments', 'error'] });
  for (const d of report.documents) {
    summary.push([d.file, d.status, d.language ?? '', String(d.obligations.length), String(d.segmentsFailed), d.error ?? '']);
  }
  console.log(summary.toString());
  for (const d of report.documents) {
    if (!d.obligations.length) continue;
    console.log(`\n${d.file}`);
    const table = new Table({ head: ['modality', 'citation', 'subject', 'action', 'page'], colWidths: [13, 16, 28, 60, 6], wordWrap: true });
    for (const o of d.obligations) table.push([o.modality, o.citation, o.subject, o.action, String(o.page)]);
    console.log(table.toString());
  }
}
