import { performance } from 'node:perf_hooks';
import {
  LlamaChatSession, resolveChatWrapper, type ChatHistoryItem, type GbnfJsonSchema, type LlamaContextSequence, type LlamaGrammar, type LlamaModel,
} from 'node-llama-cpp';
import pLimit from 'p-limit';
import type { SegmentInput } from '../workers/extract/extractor.ts';
import { segmentGrammarSchema } from '../workers/extract/engines/llm/json-schema.ts';
import { qwenChatWrapperFor } from '../workers/extract/engines/llm/llm-extractor.ts';
import type { LoadedModel } from '../workers/extract/engines/llm/model-runtime.ts';
import { buildUserMessage, FEW_SHOTS, SYSTEM_PROMPT } from '../workers/extract/engines/llm/prompt.ts';

/** Bare node-llama-cpp, no Obligato code on the hot path: the references the bench compares against. */

export interface Throughput { tokens: number; seconds: number; tokensPerSecond: number }

/**
 * Greedy decode of up to `maxTokens` tokens per prompt (fewer when the model emits an
 * end-of-generation token; greedy, so the same count however the prompts are scheduled):
 * `parallel` sequences of one context evaluated together (node-llama-cpp batches their decodes),
 * or one sequence taking the prompts in turn when parallel is 1.
 */
export async function decodeThroughput(
  model: LlamaModel, threads: number, prompts: readonly string[], maxTokens: number, parallel: number,
): Promise<Throughput> {
  const tokenized = prompts.map((p) => model.tokenize(p));
  const longest = Math.max(...tokenized.map((t) => t.length));
  const context = await model.createContext({ contextSize: longest + maxTokens + 64, sequences: parallel, threads });
  try {
    const free = Array.from({ length: parallel }, () => context.getSequence());
    const limit = pLimit(parallel);
    const started = performance.now();
    let tokens = 0;
    await Promise.all(tokenized.map((prompt) => limit(async () => {
      const seq = free.pop()!;
      try {
        await seq.clearHistory();
        let n = 0;
        for await (const _token of seq.evaluate(prompt, { temperature: 0 })) {
          if (++n >= maxTokens) break;
        }
        tokens += n;
      } finally {
        free.push(seq);
      }
    })));
    const seconds = (performance.now() - started) / 1000;
    return { tokens, seconds, tokensPerSecond: tokens / seconds };
  } finally {
    await context.dispose();
  }
}

/** The few-shot history llm-extractor builds, rebuilt here from the same prompt module. */
function baseHistory(): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = [{ type: 'system', text: SYSTEM_PROMPT }];
  for (const shot of FEW_SHOTS) {
    history.push({ type: 'user', text: buildUserMessage(shot.input) }, { type: 'model', response: [JSON.stringify(shot.output)] });
  }
  return history;
}

export interface RawExtraction { seconds: number; promptTokens: number; completionTokens: number; answers: string[] }

export interface RawExtractor { run(inputs: readonly SegmentInput[]): Promise<RawExtraction>; close(): Promise<void> }

/**
 * The extraction prompts sent straight to LlamaChatSession with the same chat wrapper, history,
 * grammar and sampling as the LLM engine, `sequences` at a time on one long-lived context (as the
 * engine keeps one): what the pipeline would cost if it were nothing but node-llama-cpp.
 */
export async function createRawExtractor(
  loaded: LoadedModel, opts: { contextSize: number; sequences: number; maxTokens: number },
): Promise<RawExtractor> {
  const { model, llama } = loaded;
  const context = await model.createContext({ contextSize: opts.contextSize, sequences: opts.sequences, threads: loaded.threads });
  const chatWrapper = qwenChatWrapperFor(loaded.architecture) ?? resolveChatWrapper(model);
  const history = baseHistory();
  const free: LlamaContextSequence[] = Array.from({ length: opts.sequences }, () => context.getSequence());
  // One grammar per sentence count, built once, as the engine caches them.
  const grammars = new Map<number, Promise<LlamaGrammar>>();
  const grammarFor = (n: number) => {
    if (!grammars.has(n)) grammars.set(n, llama.createGrammarForJsonSchema<GbnfJsonSchema>(segmentGrammarSchema(n)));
    return grammars.get(n)!;
  };
  return {
    async run(inputs) {
      await Promise.all(inputs.map((input) => grammarFor(input.sentences.length)));
      const limit = pLimit(opts.sequences);
      const answers: string[] = new Array<string>(inputs.length);
      let completionTokens = 0;
      let promptTokens = 0;
      const started = performance.now();
      await Promise.all(inputs.map((input, i) => limit(async () => {
        const grammar = await grammarFor(input.sentences.length);
        const seq = free.pop()!;
        const session = new LlamaChatSession({ contextSequence: seq, chatWrapper, autoDisposeSequence: false });
        try {
          session.setChatHistory(history);
          const before = seq.tokenMeter.getState();
          const answer = await session.promptWithMeta(buildUserMessage(input), {
            grammar, maxTokens: opts.maxTokens, temperature: 0, seed: 42, repeatPenalty: false, budgets: { thoughtTokens: 0 },
          });
          const used = seq.tokenMeter.diff(before);
          completionTokens += used.usedOutputTokens;
          promptTokens += used.usedInputTokens;
          answers[i] = answer.responseText;
        } finally {
          session.dispose({ disposeSequence: false });
          free.push(seq);
        }
      })));
      return { seconds: (performance.now() - started) / 1000, promptTokens, completionTokens, answers };
    },
    close: () => context.dispose(),
  };
}
