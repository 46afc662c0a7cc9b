import type { Config } from '../../schemas/config.ts';
import type { Engine } from '../../schemas/obligation.ts';
import type { Extractor } from './extractor.ts';
import { createRulesExtractor } from './engines/rules/rules-extractor.ts';
import { parsePrefilterPolicy, type PrefilterPolicy } from './prefilter.ts';

export interface ExtractorChoice {
  extractor: Extractor;
  /** Segments to keep in flight per document: parallel sequences for the LLM, a small batch for rules. */
  concurrency: number;
  /**
   * Documents one extract worker takes at once (its BullMQ concurrency). For the LLM, as many as
   * it has sequences: all of them feed one pool of sequences per model context, so a batch of
   * one-article documents still keeps every sequence busy.
   */
  documents: number;
  /** A line for the operator explaining the choice, when it was not explicit. */
  notice: string | null;
  /** Which languages' trigger-less segments skip the LLM (PREFILTER_LANGUAGES). */
  prefilter: PrefilterPolicy;
  /** Small model asked first (TRIAGE_MODEL); segments where it finds nothing skip the extractor. */
  triage: Extractor | null;
}

/**
 * Picks the engine: explicit `--engine`, else the LLM when a MODEL is configured, else rules.
 * The model is loaded here, once per process.
 */
export async function createExtractor(config: Config, engine?: Engine): Promise<ExtractorChoice> {
  const chosen = engine ?? (config.model ? 'llm' : 'rules');
  const prefilter = parsePrefilterPolicy(config.prefilterLanguages);
  if (chosen === 'rules') {
    const notice = config.model || engine
      ? null
      : 'No MODEL configured: using the rules engine (deontic triggers, no LLM). Set MODEL or --model to a Qwen GGUF for LLM extraction.';
    return { extractor: createRulesExtractor(), concurrency: 4, documents: 1, notice, prefilter, triage: null };
  }
  if (!config.model) throw new Error('The llm engine needs a model: set MODEL or pass --model <path.gguf | hf:URI>');
  // Imported lazily so the rules path never loads the native llama.cpp binding.
  const { createLlmExtractor } = await import('./engines/llm/llm-extractor.ts');
  const options = (model: string) => ({
    model,
    modelsDir: config.modelsDir,
    threads: config.llmThreads,
    gpuLayers: config.gpuLayers,
    contextSize: config.llmContextSize,
    sequences: config.llmSequences,
    maxTokens: config.llmMaxTokens,
  });
  // Loaded before the worker takes jobs: a missing or corrupt model fails the start, not the jobs.
  const extractor = await createLlmExtractor({ ...options(config.model), packTokens: config.llmPackTokens });
  let triage: Extractor | null = null;
  if (config.triageModel) {
    try {
      triage = await createLlmExtractor(options(config.triageModel));
    } catch (error) {
      await extractor.close();
      throw new Error(`Triage model: ${(error as Error).message}`);
    }
  }
  // Callers own one extractor; closing it also frees the triage model.
  const withTriage: Extractor = triage
    ? { info: extractor.info, tokens: extractor.tokens, extractSegment: (i, s) => extractor.extractSegment(i, s),
      close: async () => { await triage.close(); await extractor.close(); } }
    : extractor;
  return { extractor: withTriage, concurrency: config.llmSequences, documents: Math.max(1, config.llmSequences), notice: null, prefilter, triage };
}
