import type { Config } from '../../schemas/config.ts';
import type { Engine } from '../../schemas/obligation.ts';
import type { Extractor } from './extractor.ts';
import { createRulesExtractor } from './engines/rules/rules-extractor.ts';

export interface ExtractorChoice {
  extractor: Extractor;
  /** Segments to keep in flight: parallel sequences for the LLM, a small batch for rules. */
  concurrency: number;
  /** A line for the operator explaining the choice, when it was not explicit. */
  notice: string | null;
}

/**
 * Picks the engine: explicit `--engine`, else the LLM when a MODEL is configured, else rules.
 * The model is loaded here, once per process.
 */
export async function createExtractor(config: Config, engine?: Engine): Promise<ExtractorChoice> {
  const chosen = engine ?? (config.model ? 'llm' : 'rules');
  if (chosen === 'rules') {
    const notice = config.model || engine
      ? null
      : 'No MODEL configured: using the rules engine (deontic triggers, no LLM). Set MODEL or --model to a Qwen GGUF for LLM extraction.';
    return { extractor: createRulesExtractor(), concurrency: 4, notice };
  }
  if (!config.model) throw new Error('The llm engine needs a model: set MODEL or pass --model <path.gguf | hf:URI>');
  // Imported lazily so the rules path never loads the native llama.cpp binding.
  const { createLlmExtractor } = await import('./engines/llm/llm-extractor.ts');
  const extractor = await createLlmExtractor({
    model: config.model,
    modelsDir: config.modelsDir,
    threads: config.llmThreads,
    gpuLayers: config.gpuLayers,
    contextSize: config.llmContextSize,
    sequences: config.llmSequences,
    maxTokens: config.llmMaxTokens,
  });
  return { extractor, concurrency: config.llmSequences, notice: null };
}
