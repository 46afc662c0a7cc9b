import {
  LlamaChatSession, QwenChatWrapper, resolveChatWrapper,
  type ChatHistoryItem, type ChatWrapper, type GbnfJsonSchema, type LlamaContext, type LlamaContextSequence, type LlamaGrammar,
} from 'node-llama-cpp';
import { SegmentExtraction, type ExtractedObligation } from '../../../../schemas/obligation.ts';
import {
  ContextOverflowError, type Extractor, type ExtractorInfo, type SegmentInput, type SegmentResult, type TokenAccounting,
} from '../../extractor.ts';
import { segmentGrammarSchema } from './json-schema.ts';
import { acquireModel, type LoadedModel, type ModelRuntimeOptions } from './model-runtime.ts';
import { buildRetryMessage, buildUserMessage, FEW_SHOTS, PROMPT_VERSION, sentenceLine, SYSTEM_PROMPT } from './prompt.ts';

export interface LlmExtractorOptions extends ModelRuntimeOptions {
  /** Tokens per sequence (prompt + answer). Defaults to 8192. */
  contextSize?: number;
  /** Segments evaluated in parallel as sequences of one context. Defaults to 1. */
  sequences?: number;
  /** 0 = greedy. Defaults to 0. */
  temperature?: number;
  /** Only matters when temperature > 0. Defaults to 42. */
  seed?: number;
  /** Answer budget per attempt. Defaults to 1024, like the `llmMaxTokens` config. */
  maxTokens?: number;
  /**
   * Tokens of segment text that short consecutive segments may share in one call (LLM_PACK_TOKENS);
   * capped by what the context leaves after the fixed prompt and answer budget. Defaults to 0 (off).
   */
  packTokens?: number;
}

/** The segment's prompt plus the answer budget does not fit one sequence: split it and retry. */
export class PromptOverflowError extends ContextOverflowError {
  constructor(readonly promptTokens: number, readonly maxTokens: number, readonly contextSize: number) {
    super(`Prompt of ${promptTokens} tokens plus ${maxTokens} answer tokens exceeds the context of ${contextSize} tokens per sequence`);
  }
}

/** Room for tokens the chat wrapper may add beyond the rendered history (BOS, a trailing newline). */
const CONTEXT_MARGIN = 16;
/** Room for citation, heading and context lines and the retry reminder when planning windows. */
const PLANNING_HEADROOM = 256;

/** Hands out each context sequence to one segment at a time. */
class SequencePool {
  private readonly waiters: { resolve: (s: LlamaContextSequence) => void; reject: (e: unknown) => void }[] = [];
  constructor(private readonly free: LlamaContextSequence[]) {}

  acquire(signal?: AbortSignal): Promise<LlamaContextSequence> {
    signal?.throwIfAborted();
    const seq = this.free.pop();
    if (seq) return Promise.resolve(seq);
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve: (s: LlamaContextSequence) => { signal?.removeEventListener('abort', onAbort); resolve(s); },
        reject,
      };
      const onAbort = () => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(signal?.reason instanceof Error ? signal.reason : new Error('Extraction aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  release(seq: LlamaContextSequence): void {
    const next = this.waiters.shift();
    if (next) next.resolve(seq);
    else this.free.push(seq);
  }

  rejectWaiters(err: Error): void {
    for (const w of this.waiters.splice(0)) w.reject(err);
  }
}

/**
 * Qwen3 / Qwen3.5 models get the Qwen wrapper with thinking discouraged. Without it the Qwen3.5
 * template force-opens a <think> block and the grammar-constrained JSON lands inside it, leaving
 * an empty answer; 'discourage' renders the empty "<think>\n\n</think>\n\n" prefix that Qwen's
 * own enable_thinking=false produces. Other models (Qwen2.5 has no thinking) return null.
 */
export function qwenChatWrapperFor(architecture: string | undefined): QwenChatWrapper | null {
  if (!architecture?.startsWith('qwen3')) return null;
  return new QwenChatWrapper({ thoughts: 'discourage', variation: architecture.startsWith('qwen35') ? '3.5' : '3' });
}

function chatWrapperFor(loaded: LoadedModel): ChatWrapper {
  return qwenChatWrapperFor(loaded.architecture) ?? resolveChatWrapper(loaded.model);
}

/** System prompt and few-shot turns: identical for every call, so each sequence reuses their KV cache. */
function baseHistory(): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = [{ type: 'system', text: SYSTEM_PROMPT }];
  for (const shot of FEW_SHOTS) {
    history.push({ type: 'user', text: buildUserMessage(shot.input) });
    history.push({ type: 'model', response: [JSON.stringify(shot.output)] });
  }
  return history;
}

/** Keeps only ids that exist in the segment, deduplicated and sorted; drops obligations left empty. */
function groundIds(obligations: ExtractedObligation[], sentenceCount: number): ExtractedObligation[] {
  const out: ExtractedObligation[] = [];
  for (const o of obligations) {
    const ids = [...new Set(o.sentenceIds)].filter((id) => Number.isInteger(id) && id >= 0 && id < sentenceCount).sort((a, b) => a - b);
    if (ids.length > 0) out.push({ ...o, sentenceIds: ids });
  }
  return out;
}

type Parsed = { ok: true; obligations: ExtractedObligation[] } | { ok: false; reason: string };

function parseAnswer(text: string, stopReason: string, maxTokens: number): Parsed {
  if (stopReason === 'maxTokens') return { ok: false, reason: `answer cut off at maxTokens=${maxTokens}` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: `invalid JSON (${(err as Error).message})` };
  }
  const result = SegmentExtraction.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { ok: false, reason: `schema violation at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'unknown'}` };
  }
  return { ok: true, obligations: result.data.obligations };
}

export async function createLlmExtractor(opts: LlmExtractorOptions): Promise<Extractor> {
  const sequences = opts.sequences ?? 1;
  const contextSize = opts.contextSize ?? 8192;
  const temperature = opts.temperature ?? 0;
  const seed = opts.seed ?? 42;
  const maxTokens = opts.maxTokens ?? 1024;
  const packTokens = opts.packTokens ?? 0;
  if (!Number.isInteger(packTokens) || packTokens < 0) throw new Error(`packTokens must be a non-negative integer, got ${packTokens}`);
  if (!Number.isInteger(sequences) || sequences < 1) throw new Error(`sequences must be a positive integer, got ${sequences}`);

  const loaded = await acquireModel(opts);
  let context: LlamaContext;
  try {
    context = await loaded.model.createContext({ contextSize, sequences, threads: loaded.threads });
  } catch (err) {
    await loaded.release();
    throw new Error(`Cannot create a context of ${contextSize} tokens x ${sequences} sequences for "${loaded.modelName}": ${(err as Error).message}`);
  }
  const { model, llama } = loaded;
  const pool = new SequencePool(Array.from({ length: sequences }, () => context.getSequence()));
  const chatWrapper = chatWrapperFor(loaded);
  const history = baseHistory();
  const grammars = new Map<number, Promise<LlamaGrammar>>();
  const grammarFor = (n: number) => {
    let g = grammars.get(n);
    if (!g) {
      g = llama.createGrammarForJsonSchema<GbnfJsonSchema>(segmentGrammarSchema(n));
      grammars.set(n, g);
    }
    return g;
  };

  const countPromptTokens = (userMessage: string) =>
    chatWrapper.generateContextState({
      chatHistory: [...history, { type: 'user', text: userMessage }, { type: 'model', response: [] }],
    }).contextText.tokenize(model.tokenizer).length;

  const fixedPromptTokens = countPromptTokens(buildUserMessage({ citation: '', heading: null, language: null, sentences: [] }));
  const sentenceBudget = Math.max(0, context.contextSize - maxTokens - CONTEXT_MARGIN - fixedPromptTokens - PLANNING_HEADROOM);
  const tokens: TokenAccounting = {
    promptTokens: (input) => countPromptTokens(buildUserMessage(input)),
    // +1 for the line break that joins sentence lines.
    sentenceTokens: (sentence, id) => model.tokenizer(sentenceLine(sentence, id)).length + 1,
    sentenceBudget,
    // The answer budget (maxTokens) and margin are already out of sentenceBudget, so a pack never
    // squeezes the room the answer needs.
    packBudget: Math.min(packTokens, sentenceBudget),
  };

  const info: ExtractorInfo = {
    engine: 'llm',
    modelName: loaded.modelName,
    modelSha256: loaded.modelSha256,
    promptVersion: PROMPT_VERSION,
    params: {
      temperature, seed, contextSize: context.contextSize, sequences, threads: loaded.threads,
      gpuLayers: model.gpuLayers, maxTokens, packTokens, gpu: llama.gpu, chatWrapper: chatWrapper.wrapperName,
    },
  };

  let closed = false;
  const inFlight = new Set<Promise<unknown>>();

  async function run(input: SegmentInput, signal?: AbortSignal): Promise<SegmentResult> {
    const n = input.sentences.length;
    if (n === 0) return { obligations: [], promptTokens: 0, completionTokens: 0 };
    const grammar = await grammarFor(n);
    const seq = await pool.acquire(signal);
    try {
      let promptTokens = 0;
      let completionTokens = 0;
      let reason = '';
      for (let attempt = 0; attempt < 2; attempt++) {
        const userMessage = attempt === 0 ? buildUserMessage(input) : buildRetryMessage(input, reason);
        const tokens = countPromptTokens(userMessage);
        if (tokens + maxTokens + CONTEXT_MARGIN > seq.contextSize) {
          throw new PromptOverflowError(tokens, maxTokens, seq.contextSize);
        }
        // A fresh session per attempt: the chat history is exactly system + examples + this
        // segment, while the sequence keeps the KV cache of the shared prefix and node-llama-cpp
        // erases everything after the first differing token before evaluating.
        const session = new LlamaChatSession({ contextSequence: seq, chatWrapper, autoDisposeSequence: false });
        const before = seq.tokenMeter.getState();
        let answer: Awaited<ReturnType<LlamaChatSession['promptWithMeta']>>;
        try {
          session.setChatHistory(history);
          answer = await session.promptWithMeta(userMessage, {
            grammar, maxTokens, temperature, seed, signal,
            repeatPenalty: false, // JSON repeats quotes and commas by design
            budgets: { thoughtTokens: 0 }, // even if a model opens a thought segment, spend nothing on it
          });
        } finally {
          session.dispose({ disposeSequence: false });
        }
        promptTokens += tokens;
        completionTokens += seq.tokenMeter.diff(before).usedOutputTokens;
        if (answer.stopReason === 'abort') throw signal?.reason ?? new Error('Extraction aborted');
        const parsed = parseAnswer(answer.responseText, answer.stopReason, maxTokens);
        if (parsed.ok) return { obligations: groundIds(parsed.obligations, n), promptTokens, completionTokens };
        reason = parsed.reason;
      }
      throw new Error(`LLM answer for segment "${input.citation || '(no citation)'}" unusable after one retry: ${reason}`);
    } finally {
      pool.release(seq);
    }
  }

  return {
    info,
    tokens,
    extractSegment(input, signal) {
      if (closed) return Promise.reject(new Error('LLM extractor is closed'));
      const p = run(input, signal);
      inFlight.add(p);
      void p.catch(() => undefined).finally(() => inFlight.delete(p));
      return p;
    },
    async close() {
      if (closed) return;
      closed = true;
      pool.rejectWaiters(new Error('LLM extractor is closed'));
      await Promise.allSettled([...inFlight]);
      await context.dispose();
      await loaded.release();
    },
  };
}
