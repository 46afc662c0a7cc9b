import type { Command } from 'commander';
import { Engine } from '../../../schemas/obligation.ts';
import { RULES_PROMPT_VERSION } from '../../../workers/extract/engines/rules/rules-extractor.ts';
import { enqueueReextract, type CurrentVersion } from '../../../workers/extract/reextract.ts';
import { createServiceContext } from '../../common/app-context.ts';
import { addConfigOptions, configFromFlags, type ConfigFlags } from '../config-options.ts';

interface ReextractFlags extends ConfigFlags { engine?: string; dryRun?: boolean }

export function registerReextractCommand(program: Command): void {
  addConfigOptions(program.command('reextract')
    .description('queue extract jobs for documents whose run used another engine, prompt version or model than the current one'))
    .option('--engine <engine>', 'rules | llm (default: llm when a model is configured, else rules)')
    .option('--dry-run', 'list the documents without queueing')
    .action(async (flags: ReextractFlags) => {
      const config = configFromFlags(flags);
      const engine = flags.engine ? Engine.parse(flags.engine) : config.model ? 'llm' : 'rules';
      const current = await currentVersion(engine, config.model, config.modelsDir);
      const ctx = await createServiceContext(config);
      try {
        const stale = flags.dryRun
          ? await ctx.documents.findStale(config.tenant, current)
          : await enqueueReextract({ documents: ctx.documents, queue: ctx.queue }, config.tenant, current);
        for (const d of stale) process.stdout.write(`${d.id}\t${d.filename}\t${d.engine} ${d.promptVersion} ${d.modelSha256?.slice(0, 12) ?? '-'}\n`);
        process.stdout.write(`${stale.length} document(s) ${flags.dryRun ? 'would be queued' : 'queued'} for ${current.engine} ${current.promptVersion} ${current.modelSha256?.slice(0, 12) ?? ''}\n`);
      } finally {
        await ctx.close();
      }
    });
}

/** The version a new run would record, without loading the model: its file's sha256 is enough. */
async function currentVersion(engine: Engine, model: string | undefined, modelsDir: string | undefined): Promise<CurrentVersion> {
  if (engine === 'rules') return { engine, promptVersion: RULES_PROMPT_VERSION, modelSha256: null };
  if (!model) throw new Error('The llm engine needs a model: set MODEL or pass --model');
  const { resolveModelPath, fileSha256 } = await import('../../../workers/extract/engines/llm/model-runtime.ts');
  const { PROMPT_VERSION } = await import('../../../workers/extract/engines/llm/prompt.ts');
  const { modelPath } = await resolveModelPath(model, modelsDir);
  return { engine, promptVersion: PROMPT_VERSION, modelSha256: await fileSha256(modelPath) };
}
