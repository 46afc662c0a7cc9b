import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SegmentExtraction } from '../schemas/obligation.ts';
import type { Extractor, SegmentInput } from '../workers/extract/extractor.ts';
import { segmentGrammarSchema } from '../workers/extract/engines/llm/json-schema.ts';
import { AnswerCutOffError, ContextOverflowError } from '../workers/extract/extractor.ts';
import { maxObligationsPerCall } from '../workers/extract/engines/llm/json-schema.ts';
import { runInfoOf, runKeyOf } from '../workers/extract/extract-handler.ts';
import { createLlmExtractor, qwenChatWrapperFor, type LlmExtractorOptions } from '../workers/extract/engines/llm/llm-extractor.ts';
import { cachedSha256, disposeLlamaRuntime } from '../workers/extract/engines/llm/model-runtime.ts';
import { FEW_SHOTS, PROMPT_VERSION, buildUserMessage } from '../workers/extract/engines/llm/prompt.ts';
import { tinyQwenModelPath } from './support/tiny-qwen-gguf.ts';

const ENGLISH: SegmentInput = {
  citation: 'Article 12(1)',
  heading: 'Duties of the operator',
  language: 'eng',
  sentences: [
    'The operator shall keep a register of all incidents.',
    'The operator must not disclose the register to third parties.',
    'The authority may inspect the register at any time.',
  ],
};
const CHINESE: SegmentInput = {
  citation: '第二十一条',
  heading: null,
  language: 'cmn',
  sentences: ['网络运营者应当在七十二小时内报告安全事件。', '个人可以要求删除其个人信息。'],
};

let dir: string;
let modelPath: string;
let extractor: Extractor;

/**
 * threads: 1 because a 64-wide model is dominated by thread synchronisation: on 2 cores it
 * measured about 5x faster than 2 threads. maxTokens 512 fits the tiny model's ~220-token answer.
 */
const base = (): LlmExtractorOptions => ({ model: modelPath, gpu: false, gpuLayers: 0, threads: 1, contextSize: 16_384, maxTokens: 512 });

function expectValid(input: SegmentInput, result: Awaited<ReturnType<Extractor['extractSegment']>>) {
  expect(() => SegmentExtraction.parse({ obligations: result.obligations })).not.toThrow();
  for (const o of result.obligations) {
    for (const id of o.sentenceIds) {
      expect(Number.isInteger(id)).toBe(true);
      expect(id).toBeGreaterThanOrEqual(0);
      expect(id).toBeLessThan(input.sentences.length);
    }
  }
  expect(result.promptTokens).toBeGreaterThan(0);
  expect(result.completionTokens).toBeGreaterThan(0);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'obligato-'));
  modelPath = await tinyQwenModelPath(dir);
  extractor = await createLlmExtractor({ ...base(), sequences: 4 });
}, 60_000);

afterAll(async () => {
  await extractor?.close();
  await disposeLlamaRuntime();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('prompt and grammar', () => {
  it('few-shot answers satisfy the zod schema and cite existing sentences', () => {
    for (const shot of FEW_SHOTS) {
      expect(() => SegmentExtraction.parse(shot.output)).not.toThrow();
      for (const o of shot.output.obligations) for (const id of o.sentenceIds) expect(id).toBeLessThan(shot.input.sentences.length);
    }
  });

  it('lists sentences one per line with their ids', () => {
    const msg = buildUserMessage({ ...ENGLISH, sentences: ['First\nline.', 'Second.'] });
    expect(msg).toContain('[0] First line.\n[1] Second.');
    expect(msg).toContain('Citation: Article 12(1)');
  });

  it('narrows sentence ids and keeps every bound the grammar can enforce', () => {
    const text = JSON.stringify(segmentGrammarSchema(3));
    expect(text).toContain('"sentenceIds":{"type":"array","items":{"enum":[0,1,2]},"minItems":1,"maxItems":8}');
    expect(text).toContain('"maxItems":24');
    expect(text).toContain('"oneOf":[{"type":"string","maxLength":300},{"type":"null"}]');
  });
});

describe('chat wrapper', () => {
  it('renders an empty think block so the JSON answer is the visible response', () => {
    for (const [arch, variation] of [['qwen3', '3'], ['qwen35', '3.5'], ['qwen3moe', '3']] as const) {
      const wrapper = qwenChatWrapperFor(arch);
      expect(wrapper).toMatchObject({ thoughts: 'discourage', variation });
      const { contextText } = wrapper!.generateContextState({
        chatHistory: [{ type: 'system', text: 'S' }, { type: 'user', text: 'U' }, { type: 'model', response: [] }],
      });
      expect(contextText.toString()).toMatch(/<\|im_start\|>assistant\n<think>\n\n<\/think>\n\n$/);
    }
    expect(qwenChatWrapperFor('qwen2')).toBeNull();
    expect(qwenChatWrapperFor('llama')).toBeNull();
  });
});

describe('llm extractor on a tiny random Qwen3 model', () => {
  it('identifies the model and prompt', async () => {
    expect(extractor.info.engine).toBe('llm');
    expect(extractor.info.modelName).toBe(path.basename(modelPath));
    expect(extractor.info.modelSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(extractor.info.promptVersion).toBe(PROMPT_VERSION);
    expect(extractor.info.params).toEqual({ temperature: 0, seed: 42, maxTokens: 512, contextSize: 16_384, packTokens: 0, chatWrapper: 'Qwen' });
    expect(extractor.info.runtime).toMatchObject({ sequences: 4, threads: 1, gpuLayers: 0, gpu: false, trainContextSize: 32_768 });
    // The digest is cached for the next process, outside the models directory (often read-only).
    expect(await cachedSha256(modelPath)).toBe(extractor.info.modelSha256);
    expect(await readFile(`${modelPath}.sha256`, 'utf8').catch(() => null)).toBeNull();
  });

  it('returns schema-valid obligations for English and Chinese segments', async () => {
    for (const input of [ENGLISH, CHINESE]) {
      const result = await extractor.extractSegment(input);
      expectValid(input, result);
      // The tiny model's baked-in prior yields one obligation, so the id handling really runs.
      expect(result.obligations.length).toBeGreaterThan(0);
    }
  });

  it('runs four segments concurrently on four sequences', async () => {
    const inputs = [ENGLISH, CHINESE, CHINESE, ENGLISH];
    const results = await Promise.all(inputs.map((i) => extractor.extractSegment(i)));
    results.forEach((r, k) => expectValid(inputs[k]!, r));
    // Greedy decoding: the same segment gives the same answer on any sequence.
    expect(results[3]!.obligations).toEqual(results[0]!.obligations);
  });

  it('stops on abort and keeps the sequence usable', async () => {
    const controller = new AbortController();
    const pending = extractor.extractSegment(ENGLISH, controller.signal);
    // Aborted as soon as the call is under way (no wall-clock delay: a fast machine could finish
    // a fixed 50 ms before the abort).
    setImmediate(() => controller.abort(new Error('stop now')));
    await expect(pending).rejects.toThrow('stop now');
    expectValid(ENGLISH, await extractor.extractSegment(ENGLISH));
  });

  it('returns nothing for a segment without sentences', async () => {
    expect(await extractor.extractSegment({ ...ENGLISH, sentences: [] })).toEqual({ obligations: [], promptTokens: 0, completionTokens: 0 });
  });

  it('throws ContextOverflowError when the prompt does not fit', async () => {
    const small = await createLlmExtractor({ ...base(), contextSize: 2048 });
    try {
      await expect(small.extractSegment(ENGLISH)).rejects.toBeInstanceOf(ContextOverflowError);
    } finally {
      await small.close();
    }
  });

  it('reports a cut-off answer as AnswerCutOffError with the tokens it spent, without repeating the call', async () => {
    const cut = await createLlmExtractor({ ...base(), maxTokens: 24 });
    try {
      const error = await cut.extractSegment(ENGLISH).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AnswerCutOffError);
      expect((error as Error).message).toMatch(/answer cut off at maxTokens=24 for 3 sentences of "Article 12\(1\)"/);
      // One attempt: greedy decoding would cut the same answer off again.
      expect((error as AnswerCutOffError).completionTokens).toBe(24);
      expect((error as AnswerCutOffError).promptTokens).toBeGreaterThan(0);
    } finally {
      await cut.close();
    }
  });

  it('derives the answer budget from the schema and caps the context at the trained context', async () => {
    const derived = await createLlmExtractor({ ...base(), maxTokens: 0, contextSize: 65_536 });
    try {
      // The tiny model is trained for 32,768 tokens: a larger request is capped.
      expect(derived.info.params.contextSize).toBe(32_768);
      expect(derived.info.runtime).toMatchObject({ requestedContextSize: 65_536, trainContextSize: 32_768 });
      const perObligation = derived.info.runtime?.tokensPerObligation as number;
      // Byte-level vocabulary: the longest few-shot obligation (~740 bytes of JSON) is ~740 tokens.
      expect(perObligation).toBeGreaterThan(300);
      // 24 of them, capped at 60% of what the fixed prompt leaves.
      const fixed = derived.info.runtime?.fixedPromptTokens as number;
      const available = 32_768 - fixed - 16 - 256;
      const expected = Math.min(maxObligationsPerCall() * perObligation + 16, Math.floor(available * 0.6));
      expect(derived.info.params.maxTokens).toBe(expected);
      expect(derived.tokens!.sentenceBudget).toBe(available - expected);
      const capped = await createLlmExtractor({ ...base(), maxTokens: 0 });
      try {
        // In 16,384 tokens the 24 obligations do not fit: the cap applies.
        const left = 16_384 - fixed - 16 - 256;
        expect(maxObligationsPerCall() * perObligation + 16).toBeGreaterThan(Math.floor(left * 0.6));
        expect(capped.info.params.maxTokens).toBe(Math.floor(left * 0.6));
      } finally {
        await capped.close();
      }
    } finally {
      await derived.close();
    }
  });

  it('close() aborts generations in flight instead of waiting for them', async () => {
    const closing = await createLlmExtractor({ ...base(), maxTokens: 2000 });
    // Plain random weights run strings to their maxLength: a long answer if nothing stops it.
    const pending = closing.extractSegment(ENGLISH).then(() => 'finished', (e: unknown) => e);
    await new Promise((r) => setImmediate(r));
    await closing.close();
    const outcome = await pending;
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).message).toMatch(/closed|abort/i);
  });

  it('rejects calls after close', async () => {
    const other = await createLlmExtractor(base());
    await other.close();
    await expect(other.extractSegment(ENGLISH)).rejects.toThrow(/closed/);
  });
});

describe('model loading errors', () => {
  it('names a missing model file', async () => {
    const missing = path.join(dir, 'nope.gguf');
    await expect(createLlmExtractor({ ...base(), model: missing })).rejects.toThrow(`Cannot load model "${missing}": file not found`);
  });

  it('names a corrupt model file', async () => {
    const corrupt = path.join(dir, 'corrupt.gguf');
    await writeFile(corrupt, randomBytes(4096));
    await expect(createLlmExtractor({ ...base(), model: corrupt })).rejects.toThrow(/Cannot load model ".*corrupt\.gguf": not a valid GGUF file/);
  });

  it('passes on llama.cpp\'s reason for an unknown architecture', async () => {
    const alien = path.join(dir, 'alien.gguf');
    // Same-length rename keeps every offset valid: only the architecture becomes unknown.
    await writeFile(alien, Buffer.from((await readFile(modelPath)).toString('latin1').replaceAll('qwen3', 'qwenx'), 'latin1'));
    await expect(createLlmExtractor({ ...base(), model: alien })).rejects.toThrow(/Cannot load model ".*alien\.gguf": unknown model architecture: 'qwenx'/);
  });
});

// Last: a second thread count creates a second llama.cpp binding, whose log hook would take over
// the load-error capture the tests above rely on.
describe('run identity', () => {
  it('keeps the run key when only threads or sequences change, and changes it with the answer budget', async () => {
    const other = await createLlmExtractor({ ...base(), threads: 2, sequences: 2 });
    const budget = await createLlmExtractor({ ...base(), maxTokens: 256 });
    try {
      expect(other.info.runtime).toMatchObject({ threads: 2, sequences: 2 });
      expect(runKeyOf(runInfoOf(other, undefined))).toBe(runKeyOf(runInfoOf(extractor, undefined)));
      expect(runKeyOf(runInfoOf(budget, undefined))).not.toBe(runKeyOf(runInfoOf(extractor, undefined)));
    } finally {
      await other.close();
      await budget.close();
    }
  });
});
