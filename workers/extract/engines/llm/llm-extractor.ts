import {
  LlamaChatSession, QwenChatWrapper, resolveChatWrapper,
  type ChatHistoryItem, type ChatWrapper, type GbnfJsonSchema, type LlamaContext, type LlamaContextSequence, type LlamaGrammar,
} from 'node-llama-cpp';
import { SegmentExtraction, type ExtractedObligation } from '../../../../schemas/obligation.ts';
import {
  AnswerCutOffError, ContextOverflowError, ExtractionCallError,
  type Extractor, type ExtractorInfo, type SegmentInput, type SegmentResult, type TokenAccounting,
} from '../../extractor.ts';
import { maxObligationsPerCall, segmentGrammarSchema } from './json-schema.ts';
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
  /**
   * Answer budget per call. 0 or absent: derived from what one call may return (the schema's
   * obligations per call x the measured tokens of one obligation), capped at half the context.
   * A positive value is used as given (LLM_MAX_TOKENS).
   */
  maxTokens?: number;
  /**
   * Tokens of segment text that short consecutive segments may share in one call (LLM_PACK_TOKENS);
   * capped by what the context leaves after the fixed prompt and answer budget. Defaults to 0 (off).
   */
  packTokens?: number;
}

/** The segment's prompt plus the answer budget does not fit one sequence: split it and retry. */
export class PromptOverflowError extends ContextOverflowError {
  constructor(
    readonly promptLength: number, readonly maxTokens: number, readonly contextSize: number, spentPrompt = 0, spentCompletion = 0,
  ) {
    super(
      `Prompt of ${promptLength} tokens plus ${maxTokens} answer tokens exceeds the context of ${contextSize} tokens per sequence`,
      spentPrompt, spentCompletion,
    );
  }
}

/**
 * Tokens one obligation takes in an answer, measured with the model's tokenizer on the few-shot
 * answers (the longest one, plus its separator): the schema's real fields at realistic lengths.
 */
export function tokensPerObligation(tokenize: (text: string) => number): number {
  const lengths = FEW_SHOTS.flatMap((shot) => shot.output.obligations.map((o) => tokenize(JSON.stringify(o)) + 1));
  return Math.max(1, ...lengths);
}

/** The answer's envelope: `{"obligations": [` … `]}` and the end-of-turn token. */
const ANSWER_ENVELOPE = 16;
/** Of what the context leaves after the fixed prompt, the derived answer budget takes at most this share. */
const MAX_ANSWER_SHARE = 0.6;

/**
 * The answer budget of one call: what the schema lets one call return (obligations per call x
 * tokens per obligation), capped at a share of what the context leaves after the fixed prompt
 * (system text and few-shots), so sentences keep room. An explicit budget (LLM_MAX_TOKENS) wins.
 * Measured: the longest few-shot obligation is 736 characters of JSON, ~180 Qwen tokens, so 24
 * of them need ~4.3k tokens; the old fixed 1,024 held 5-10. A call that still runs out is split.
 */
export function answerBudget(opts: { explicit?: number; perObligation: number; perCall: number; available: number }): number {
  if (opts.explicit && opts.explicit > 0) return opts.explicit;
  const wanted = opts.perCall * opts.perObligation + ANSWER_ENVELOPE;
  return Math.max(ANSWER_ENVELOPE, Math.min(wanted, Math.floor(opts.available * MAX_ANSWER_SHARE)));
}

/** Room for tokens the chat wrapper may add beyond the rendered history (BOS, a trailing newline). */
const CONTEXT_MARGIN = 16;
/** Room for citation, heading and context lines and the retry reminder when planning windows. */
const PLANNING_HEADROOM = 256;

/** How busy the sequences of one context have been: for benchmarks and tests of sharing. */
export interface SequenceLoad {
  sequences: number;
  /** Sequences generating right now. */
  busy: number;
  /** Most sequences busy at once since the extractor was created. */
  peakBusy: number;
  /** Sum over time of busy sequences (sequence-milliseconds) since creation. */
  busyMs: number;
}

/**
 * Hands out each context sequence to one call at a time, first come first served, to every
 * caller of the extractor: documents extracted at once share one pool per model context.
 */
class SequencePool {
  private readonly waiters: { resolve: (s: LlamaContextSequence) => void; reject: (e: unknown) => void }[] = [];
  private busy = 0;
  private peak = 0;
  private busyMs = 0;
  private since = performance.now();
  constructor(private readonly free: LlamaContextSequence[], private readonly size: number) {}

  private account(delta: number): void {
    const now = performance.now();
    this.busyMs += this.busy * (now - this.since);
    this.since = now;
    this.busy += delta;
    this.peak = Math.max(this.peak, this.busy);
  }

  load(): SequenceLoad {
    this.account(0);
    return { sequences: this.size, busy: this.busy, peakBusy: this.peak, busyMs: this.busyMs };
  }

  acquire(signal?: AbortSignal): Promise<LlamaContextSequence> {
    signal?.throwIfAborted();
    const seq = this.free.pop();
    if (seq) {
      this.account(1);
      return Promise.resolve(seq);
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve: (s: LlamaContextSequence) => { signal?.removeEventListener('abort', onAbort); this.account(1); resolve(s); },
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
    this.account(-1);
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

function parseAnswer(text: string): Parsed {
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

/** An LLM extractor also reports how busy its sequences are (benchmarks, sharing tests). */
export interface LlmExtractor extends Extractor {
  load(): SequenceLoad;
}

export async function createLlmExtractor(opts: LlmExtractorOptions): Promise<LlmExtractor> {
  const sequences = opts.sequences ?? 1;
  const requestedContext = opts.contextSize ?? 8192;
  const temperature = opts.temperature ?? 0;
  const seed = opts.seed ?? 42;
  const packTokens = opts.packTokens ?? 0;
  if (!Number.isInteger(packTokens) || packTokens < 0) throw new Error(`packTokens must be a non-negative integer, got ${packTokens}`);
  if (!Number.isInteger(sequences) || sequences < 1) throw new Error(`sequences must be a positive integer, got ${sequences}`);
  if (opts.maxTokens !== undefined && (!Number.isInteger(opts.maxTokens) || opts.maxTokens < 0)) {
    throw new Error(`maxTokens must be a non-negative integer, got ${opts.maxTokens}`);
  }

  const loaded = await acquireModel(opts);
  // Beyond the trained context the model's attention is untested (llama.cpp warns n_ctx_seq >
  // n_ctx_train); a larger request is capped, and the cap is part of the run's params.
  const trained = loaded.model.trainContextSize;
  const contextSize = trained > 0 ? Math.min(requestedContext, trained) : requestedContext;
  let context: LlamaContext;
  try {
    context = await loaded.model.createContext({ contextSize, sequences, threads: loaded.threads });
  } catch (err) {
    await loaded.release();
    throw new Error(`Cannot create a context of ${contextSize} tokens x ${sequences} sequences for "${loaded.modelName}": ${(err as Error).message}`);
  }
  const { model, llama } = loaded;
  const pool = new SequencePool(Array.from({ length: sequences }, () => context.getSequence()), sequences);
  const chatWrapper = chatWrapperFor(loaded);
  const history = baseHistory();
  const grammars = new Map<number, Promise<LlamaGrammar>>();
  const grammarFor = (n: number) => {
    let g = grammars.get(n);
    if (!g) {
      const created = llama.createGrammarForJsonSchema<GbnfJsonSchema>(segmentGrammarSchema(n));
      // A rejected promise is not kept: the next call builds the grammar again.
      created.catch(() => { if (grammars.get(n) === created) grammars.delete(n); });
      grammars.set(n, created);
      g = created;
    }
    return g;
  };

  const countPromptTokens = (userMessage: string) =>
    chatWrapper.generateContextState({
      chatHistory: [...history, { type: 'user', text: userMessage }, { type: 'model', response: [] }],
    }).contextText.tokenize(model.tokenizer).length;

  const perObligation = tokensPerObligation((text) => model.tokenizer(text).length);
  const fixedPromptTokens = countPromptTokens(buildUserMessage({ citation: '', heading: null, language: null, sentences: [] }));
  const maxTokens = answerBudget({
    explicit: opts.maxTokens, perObligation, perCall: maxObligationsPerCall(),
    available: context.contextSize - fixedPromptTokens - CONTEXT_MARGIN - PLANNING_HEADROOM,
  });
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
    // What changes answers: sampling, the context (it decides windows and packs), the answer and
    // pack budgets, the chat rendering.
    params: {
      temperature, seed, contextSize: context.contextSize, maxTokens, packTokens, chatWrapper: chatWrapper.wrapperName,
    },
    // What changes only speed: never in the run key.
    runtime: {
      architecture: loaded.architecture ?? null, threads: loaded.threads, sequences, gpuLayers: model.gpuLayers, gpu: llama.gpu, batchSize: context.batchSize,
      requestedContextSize: requestedContext, trainContextSize: trained, tokensPerObligation: perObligation, fixedPromptTokens,
    },
  };

  let closed = false;
  /** Aborted by close(): every generation in flight stops at its next token. */
  const closing = new AbortController();

  async function run(input: SegmentInput, callerSignal?: AbortSignal): Promise<SegmentResult> {
    const n = input.sentences.length;
    if (n === 0) return { obligations: [], promptTokens: 0, completionTokens: 0 };
    const signal = callerSignal ? AbortSignal.any([callerSignal, closing.signal]) : closing.signal;
    const grammar = await grammarFor(n);
    const seq = await pool.acquire(signal);
    let promptTokens = 0;
    let completionTokens = 0;
    try {
      let reason = '';
      for (let attempt = 0; attempt < 2; attempt++) {
        const userMessage = attempt === 0 ? buildUserMessage(input) : buildRetryMessage(input, reason);
        const length = countPromptTokens(userMessage);
        if (length + maxTokens + CONTEXT_MARGIN > seq.contextSize) {
          throw new PromptOverflowError(length, maxTokens, seq.contextSize, promptTokens, completionTokens);
        }
        // A fresh session per attempt: the chat history is exactly system + examples + this
        // segment, while the sequence keeps the KV cache of the shared prefix and node-llama-cpp
        // erases everything after the first differing token before evaluating.
        const session = new LlamaChatSession({ contextSequence: seq, chatWrapper, autoDisposeSequence: false });
        const before = seq.tokenMeter.getState();
        let answer: Awaited<ReturnType<LlamaChatSession['promptWithMeta']>> | null = null;
        try {
          session.setChatHistory(history);
          answer = await session.promptWithMeta(userMessage, {
            grammar, maxTokens, temperature, seed, signal,
            repeatPenalty: false, // JSON repeats quotes and commas by design
            budgets: { thoughtTokens: 0 }, // even if a model opens a thought segment, spend nothing on it
          });
        } finally {
          // Counted even when generation throws: the tokens were spent.
          promptTokens += length;
          completionTokens += seq.tokenMeter.diff(before).usedOutputTokens;
          session.dispose({ disposeSequence: false });
        }
        if (answer.stopReason === 'abort') throw signal.reason instanceof Error ? signal.reason : new Error('Extraction aborted');
        // Greedy decoding would cut the same answer off again: the caller splits the input instead.
        if (answer.stopReason === 'maxTokens') {
          throw new AnswerCutOffError(
            `answer cut off at maxTokens=${maxTokens} for ${n} sentences of "${input.citation || '(no citation)'}"`,
            promptTokens, completionTokens,
          );
        }
        const parsed = parseAnswer(answer.responseText);
        if (parsed.ok) return { obligations: groundIds(parsed.obligations, n), promptTokens, completionTokens };
        reason = parsed.reason;
      }
      throw new ExtractionCallError(
        `LLM answer for segment "${input.citation || '(no citation)'}" unusable after one retry: ${reason}`, promptTokens, completionTokens,
      );
    } catch (error) {
      if (error instanceof ExtractionCallError) throw error;
      // Any other failure (abort, a native error) still carries what the call spent.
      throw new ExtractionCallError((error as Error).message, promptTokens, completionTokens);
    } finally {
      pool.release(seq);
    }
  }

  const inFlight = new Set<Promise<unknown>>();
  return {
    info,
    tokens,
    load: () => pool.load(),
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
      const reason = new Error('LLM extractor is closed');
      pool.rejectWaiters(reason);
      // Generations in flight stop at their next token instead of running to their budget.
      closing.abort(reason);
      await Promise.allSettled([...inFlight]);
      await context.dispose();
      await loaded.release();
    },
  };
}
