import { readdir, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import cliProgress from 'cli-progress';
import Table from 'cli-table3';
import type { Command } from 'commander';
import { addConfigOptions, configFromFlags, type ConfigFlags } from '../config-options.ts';

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

  addConfigOptions(models.command('pull').description('download a model (hf:owner/repo:quant or an https URL) into MODELS_DIR'))
    .argument('<uri>', 'hf: URI or URL of a GGUF')
    .action(async (uri: string, flags: ConfigFlags) => {
      const dir = modelsDirOf(flags);
      // Imported lazily: listing needs no native binding.
      const { createModelDownloader } = await import('node-llama-cpp');
      const bar = new cliProgress.SingleBar({
        format: ' {bar} {percentage}% | {value}/{total} MiB | {file}', stream: process.stderr, hideCursor: true,
      }, cliProgress.Presets.shades_classic);
      let started = false;
      const mib = (n: number) => Math.round(n / 2 ** 20);
      const downloader = await createModelDownloader({
        modelUri: uri, dirPath: dir, skipExisting: true, showCliProgress: false,
        onProgress: ({ totalSize, downloadedSize }) => {
          if (!started) {
            bar.start(mib(totalSize), 0, { file: uri });
            started = true;
          }
          bar.update(mib(downloadedSize));
        },
      });
      try {
        const file = await downloader.download();
        if (started) bar.stop();
        process.stdout.write(`${file}\nUse it with MODEL=${uri}${flags.modelsDir ? ` MODELS_DIR=${dir}` : ''} or MODEL=${file}\n`);
      } catch (error) {
        if (started) bar.stop();
        throw new Error(`Download of ${uri} failed: ${(error as Error).message}`);
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
  const out: ListedModel[] = [];
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith('.gguf')) continue;
    const file = path.join(e.parentPath, e.name);
    const st = await stat(file);
    const info = await readGgufFileInfo(file, { readTensorInfo: false }).catch(() => null);
    const sidecar = await readFile(`${file}.sha256`, 'utf8').then((s) => JSON.parse(s) as { sha256?: string; size?: number }).catch(() => null);
    out.push({
      file: path.relative(dir, file), bytes: st.size, architecture: info?.metadata.general?.architecture ?? null,
      sha256: sidecar?.size === st.size ? sidecar.sha256 ?? null : null,
    });
  }
  return out.sort((a, b) => a.file.localeCompare(b.file));
}
