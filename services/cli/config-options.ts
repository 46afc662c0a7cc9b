import type { Command } from 'commander';
import { loadConfig, type Config } from '../../schemas/config.ts';

/** CLI flags that override the env-var config; names mirror the env vars. */
export function addConfigOptions(cmd: Command): Command {
  return cmd
    .option('--database-url <url>', 'Postgres URL, or pglite:<dir> (env DATABASE_URL)')
    .option('--redis-url <url>', 'Redis URL (env REDIS_URL)')
    .option('--redis-prefix <prefix>', 'BullMQ key prefix (env REDIS_PREFIX)')
    .option('--data-dir <dir>', 'where originals and embedded data live (env DATA_DIR)')
    .option('--model <gguf>', 'GGUF path or hf: URI (env MODEL)')
    .option('--models-dir <dir>', 'where hf: models are downloaded (env MODELS_DIR)')
    .option('--threads <n>', 'LLM CPU threads (env LLM_THREADS)')
    .option('--gpu-layers <n|auto>', 'layers offloaded to the GPU (env GPU_LAYERS)')
    .option('--sequences <n>', 'parallel sequences per LLM context (env LLM_SEQUENCES)')
    .option('--context-size <n>', 'LLM context size in tokens (env LLM_CONTEXT_SIZE)')
    .option('--prefilter <langs>', 'languages whose trigger-less segments skip the LLM: all | none | eng,deu | all,-ell (env PREFILTER_LANGUAGES)')
    .option('--triage-model <gguf>', 'small model asked first; segments where it finds no norm skip the extraction model (env TRIAGE_MODEL)');
}

export interface ConfigFlags {
  databaseUrl?: string; redisUrl?: string; redisPrefix?: string; dataDir?: string; model?: string;
  modelsDir?: string; threads?: string; gpuLayers?: string; sequences?: string; contextSize?: string;
  prefilter?: string; triageModel?: string;
}

export function configFromFlags(flags: ConfigFlags): Config {
  return loadConfig(process.env, {
    databaseUrl: flags.databaseUrl, redisUrl: flags.redisUrl, redisPrefix: flags.redisPrefix, dataDir: flags.dataDir,
    model: flags.model, modelsDir: flags.modelsDir, llmThreads: flags.threads, gpuLayers: flags.gpuLayers,
    llmSequences: flags.sequences, llmContextSize: flags.contextSize,
    prefilterLanguages: flags.prefilter, triageModel: flags.triageModel,
  });
}
