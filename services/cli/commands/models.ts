import { readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import cliProgress from 'cli-progress';
import Table from 'cli-table3';
import type { Command } from 'commander';
import { addConfigOptions, configFromFlags, type ConfigFlags } from '../config-options.ts';
import { pullModel } from '../pull-model.ts';

interface PullFlags extends ConfigFlags { connectTimeout: string; attempts: string; stallTimeout: string }

/**
 * node-llama-cpp's own default (its `cliModelsDirectory`, not exported from the package root), so
 * `pull` and `MODEL=hf:...` resolution agree on one folder.
 */
function modelsDirOf(flags: ConfigFlags): string {
  const config = configFromFlags(flags);
  return config.modelsDir ? path.resolve(config.modelsDir) : path.join(os.homedir(), '.node-llama-cpp', 'models');
}

export function registerModelsCommand(program: Command): void {
  const models = program.command('models').description('download and list GGUF models');

  addConfigOptions(models.command('pull').description('download a model (hf:owner/repo:quant or an http(s) URL) into MODELS_DIR'))
    .argument('<uri>', 'hf: URI or URL of a GGUF')
    .option('--connect-timeout <seconds>', 'per attempt, to reach the host and start the download', '10')
    .option('--attempts <n>', 'attempts to reach the host before giving up', '3')
    .option('--stall-timeout <seconds>', 'abort when no data arrives for this long', '60')
    .action(async (uri: string, flags: PullFlags) => {
      const dir = modelsDirOf(flags);
      const progress = pullProgress(uri);
      try {
        const { file, sha256 } = await pullModel({
          uri, dir, connectTimeoutMs: seconds(flags.connectTimeout, '--connect-timeout') * 1000,
          attempts: positiveInt(flags.attempts, '--attempts'), stallTimeoutMs: seconds(flags.stallTimeout, '--stall-timeout') * 1000,
          onProgress: progress.update,
        });
        progress.stop(true);
        process.stdout.write(`${file}\nsha256 ${sha256}\nUse it with MODEL=${uri}${flags.modelsDir ? ` MODELS_DIR=${dir}` : ''} or MODEL=${file}\n`);
      } catch (error) {
        progress.stop(false);
        // An abandoned download leaves ipull's retry timers running (up to ~12 minutes), which
        // would keep the process alive after the error: report and exit here.
        process.stderr.write(`obligato: ${(error as Error).message}\n`);
        process.exit(1);
      }
    });

  addConfigOptions(models.command('list').description('list the GGUF files in MODELS_DIR'))
    .option('--json', 'print JSON')
    .action(async (flags: ConfigFlags & { json?: boolean }) => {
      const dir = modelsDirOf(flags);
      const rows = await listModels(dir);
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ dir, models: rows }, null, 2)}\n`);
        return;
      }
      if (!rows.length) {
        process.stdout.write(`No GGUF models in ${dir}. Pull one: obligato models pull hf:Qwen/Qwen3-4B-GGUF:Q4_K_M\n`);
        return;
      }
      const table = new Table({ head: ['file', 'MiB', 'architecture', 'sha256'] });
      for (const r of rows) table.push([r.file, (r.bytes / 2 ** 20).toFixed(0), r.architecture ?? '?', r.sha256 ?? '(hashed on first load)']);
      process.stdout.write(`${dir}\n${table.toString()}\n`);
    });
}

export interface ListedModel { file: string; bytes: number; architecture: string | null; sha256: string | null }

/** GGUF files (recursively) with their architecture from the header and the cached sha256, if any. */
export async function listModels(dir: string): Promise<ListedModel[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const { readGgufFileInfo } = await import('node-llama-cpp');
  const { cachedSha256 } = await import('../../../workers/extract/engines/llm/model-runtime.ts');
  const out: ListedModel[] = [];
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith('.gguf')) continue;
    const file = path.join(e.parentPath, e.name);
    const st = await stat(file);
    const info = await readGgufFileInfo(file, { readTensorInfo: false }).catch(() => null);
    out.push({
      file: path.relative(dir, file), bytes: st.size, architecture: info?.metadata.general?.architecture ?? null,
      sha256: await cachedSha256(file),
    });
  }
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

function seconds(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} must be a positive number of seconds, got "${value}"`);
  return n;
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a positive integer, got "${value}"`);
  return n;
}

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

/**
 * A bar on a terminal; without one (CI logs, scripts) bars cannot redraw, so a plain line goes
 * to stderr every 5 s and once at the end. stdout carries only the result.
 */
function pullProgress(uri: string) {
  let last = { downloadedBytes: 0, totalBytes: 0 };
  if (!process.stderr.isTTY) {
    let lastLine = 0;
    const line = () => {
      const pct = last.totalBytes ? Math.floor((100 * last.downloadedBytes) / last.totalBytes) : 0;
      process.stderr.write(`pull: ${uri} ${mib(last.downloadedBytes)}/${mib(last.totalBytes)} MiB ${pct}%\n`);
    };
    return {
      update: (p: typeof last) => {
        last = p;
        if (Date.now() - lastLine < 5000) return;
        lastLine = Date.now();
        line();
      },
      stop: (ok: boolean) => { if (ok) line(); },
    };
  }
  const bar = new cliProgress.SingleBar({
    format: ' {bar} {percentage}% | {done}/{size} MiB | {file}', stream: process.stderr, hideCursor: true,
  }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update: (p: typeof last) => {
      last = p;
      if (!started) {
        bar.start(Math.max(1, p.totalBytes), 0, { file: uri, done: mib(0), size: mib(p.totalBytes) });
        started = true;
      }
      bar.update(p.downloadedBytes, { done: mib(p.downloadedBytes), size: mib(p.totalBytes) });
    },
    stop: (_ok: boolean) => { if (started) bar.stop(); },
  };
}
