import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getLlama, LlamaChatSession, readGgufFileInfo, type Llama, type LlamaModel } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_QWEN_25M, tinyQwenModelPath, writeTinyQwenGguf } from './support/tiny-qwen-gguf.ts';

let dir: string;
let modelPath: string;
let llama: Llama;
let model: LlamaModel;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'obligato-'));
  modelPath = await tinyQwenModelPath(dir);
  // One thread: a model this small spends its time in thread synchronisation, not math.
  llama = await getLlama({ gpu: false, maxThreads: 1, build: 'never' });
  model = await llama.loadModel({ modelPath });
}, 30_000);

afterAll(async () => {
  await model?.dispose();
  await llama?.dispose();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('tiny Qwen3 GGUF writer', () => {
  it('writes GGUF v3 metadata and aligned tensors that node-llama-cpp parses', async () => {
    const info = await readGgufFileInfo(modelPath);
    expect(info.version).toBe(3);
    expect(info.metadata.general.architecture).toBe('qwen3');
    const md = info.metadata as unknown as Record<string, Record<string, unknown>>;
    expect(md.qwen3).toMatchObject({ embedding_length: 64, block_count: 2, feed_forward_length: 128 });
    expect(info.metadata.tokenizer.ggml.model).toBe('gpt2');
    expect(info.metadata.tokenizer.chat_template).toContain('<|im_start|>');
    const tensors = info.tensorInfo ?? [];
    expect(tensors).toHaveLength(3 + 11 * 2);
    for (const t of tensors) expect(Number(t.offset) % 32).toBe(0);
    expect(tensors.find((t) => t.name === 'blk.1.attn_k.weight')?.dimensions.map(Number)).toEqual([64, 32]);
  });

  it('caches the file per option set', async () => {
    const again = await tinyQwenModelPath(dir);
    expect(again).toBe(modelPath);
    expect(await tinyQwenModelPath(dir, { seed: 7 })).not.toBe(modelPath);
  });

  it('round-trips text, including CJK and emoji, through the byte-level BPE tokenizer', () => {
    for (const text of ['The controller shall notify the authority.', '控制者应当在72小时内通知监管机构。', 'Ünïcødé — 🎉 ok']) {
      const tokens = model.tokenize(text);
      expect(tokens.length).toBeGreaterThan(0);
      expect(model.detokenize(tokens)).toBe(text);
    }
    // Merges apply: " shall" is a single token.
    expect(model.tokenize(' shall')).toHaveLength(1);
    // Control tokens are single tokens when special-token parsing is on.
    expect(model.tokenize('<|im_start|>', true)).toHaveLength(1);
    expect(model.tokens.eos).toBe(model.tokenize('<|im_end|>', true)[0]);
  });

  it('answers a chat prompt through the auto-resolved Qwen chat wrapper', async () => {
    const context = await model.createContext({ contextSize: 1024, threads: 1 });
    try {
      const session = new LlamaChatSession({ contextSequence: context.getSequence() });
      expect(session.chatWrapper.wrapperName).toBe('Qwen');
      const answer = await session.prompt('Hello, 你好', { maxTokens: 16 });
      expect(typeof answer).toBe('string');
    } finally {
      await context.dispose();
    }
  }, 30_000);

  it('offers a ~25M-parameter F16 variant', async () => {
    const file = path.join(dir, 'bench.gguf');
    await writeTinyQwenGguf(file, TINY_QWEN_25M);
    const info = await readGgufFileInfo(file);
    const params = (info.tensorInfo ?? []).reduce((sum, t) => sum + t.dimensions.reduce<number>((a, d) => a * Number(d), 1), 0);
    expect(params).toBeGreaterThan(24e6);
    expect(params).toBeLessThan(27e6);
    expect((await stat(file)).size).toBeLessThan(params * 2.1);
    const big = await llama.loadModel({ modelPath: file });
    try {
      expect(big.detokenize(big.tokenize('ok 好'))).toBe('ok 好');
    } finally {
      await big.dispose();
    }
  }, 30_000);
});
