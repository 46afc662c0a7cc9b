import { stat, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { Engine } from '../../../schemas/obligation.ts';
import { createExtractor } from '../../../workers/extract/create-extractor.ts';
import { loadEvalSet } from '../../../workers/eval/builtin-sets.ts';
import { runEval } from '../../../workers/eval/run-eval.ts';
import { addConfigOptions, configFromFlags, type ConfigFlags } from '../config-options.ts';

interface EvalFlags extends ConfigFlags { engine: string; set: string; limit?: string; languages?: string; out?: string; maxTokens?: string }

/** Below this size a GGUF cannot hold a model that reads law (the generated test models are a few MB). */
const PLUMBING_BYTES = 200 * 1024 * 1024;

export function registerEvalCommand(program: Command): void {
  addConfigOptions(program.command('eval').description('score an engine on an eval set and print JSON'))
    .requiredOption('--set <name|path.jsonl>', 'robaldo | gdpr | a JSONL file of {lang, label, text, actor?, group?}')
    .option('--engine <engine>', 'rules | llm', 'rules')
    .option('--limit <n>', 'evenly spread sample of n items (GDPR: n articles in every language)')
    .option('--languages <codes>', 'GDPR only: comma list of languages (default: all 24)')
    .option('--max-tokens <n>', 'answer budget per call (env LLM_MAX_TOKENS)')
    .option('--out <file>', 'also write the JSON report here')
    .action(async (flags: EvalFlags) => {
      const engine = Engine.parse(flags.engine);
      const config = configFromFlags(flags);
      if (flags.maxTokens) config.llmMaxTokens = Number(flags.maxTokens);
      const set = await loadEvalSet(flags.set, {
        limit: flags.limit ? Number(flags.limit) : undefined,
        languages: flags.languages?.split(',').map((l) => l.trim()),
      });
      const choice = await createExtractor(config, engine);
      try {
        const report = await runEval({
          set, extractor: choice.extractor, concurrency: choice.concurrency,
          plumbingOnly: engine === 'llm' ? await plumbingNotice(choice.extractor.info.modelName, config.model) : null,
          prefilter: config.prefilterLanguages,
        });
        const json = `${JSON.stringify(report, null, 2)}\n`;
        process.stdout.write(json);
        if (flags.out) await writeFile(flags.out, json);
      } finally {
        await choice.extractor.close();
      }
    });
}

async function plumbingNotice(name: string | null, model: string | undefined): Promise<string | null> {
  const size = model ? (await stat(model).catch(() => null))?.size : undefined;
  if (size === undefined || size >= PLUMBING_BYTES) return null;
  return `${name ?? 'the model'} is ${(size / 2 ** 20).toFixed(1)} MiB: too small to read law (e.g. the generated random tiny Qwen). `
    + 'This run checks plumbing only (loading, grammar, parallel sequences, grounding, scoring); its scores mean nothing about extraction quality.';
}
