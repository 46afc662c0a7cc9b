import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentDetail, ObligationList, UploadResponse } from '../schemas/api.ts';
import { makeTextPdf } from './support/make-pdf.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { createTestEnv, waitFor, type TestEnv } from './support/test-env.ts';
import { tinyQwenModelPath } from './support/tiny-qwen-gguf.ts';
import { PROMPT_VERSION } from '../workers/extract/engines/llm/prompt.ts';

let env: TestEnv;
let stack: TestStack;

/**
 * The LLM path end to end with the generated tiny Qwen3 model: real loading, chat template,
 * grammar, parallel sequences and storage. Its text is gibberish; what must hold is that every
 * stored row is schema-valid and grounded, and the run records the model and prompt.
 */
describe('REST service with BullMQ workers (llm engine, tiny generated model)', () => {
  beforeAll(async () => {
    env = await createTestEnv();
    env.config.model = await tinyQwenModelPath(env.dir);
    // One thread: a 64-wide model is dominated by thread synchronisation (measured 5x faster).
    Object.assign(env.config, { llmThreads: 1, llmSequences: 2, llmContextSize: 16_384, llmMaxTokens: 512, gpuLayers: 0 });
    stack = await startTestStack(env, 'llm');
  });
  afterAll(async () => {
    await stack?.close();
    await env?.cleanup();
  });

  it('turns an uploaded text PDF into grounded obligations with a recorded run', async () => {
    const pdf = await makeTextPdf([
      ['Article 1', 'The operator shall keep a register.', 'The register must be kept for five years.'],
      ['Article 2', 'The operator must not sell the register.'],
      ['Article 3', 'The authority may inspect it.'],
    ]);
    const res = await stack.fetch(`${stack.baseUrl}/v1/documents?filename=llm.pdf`, {
      method: 'POST', body: Buffer.from(pdf), headers: { 'content-type': 'application/pdf' },
    });
    expect(res.status).toBe(202);
    const { id } = UploadResponse.parse(await res.json());
    const doc = await waitFor(async () => {
      const d = DocumentDetail.parse(await (await stack.fetch(`${stack.baseUrl}/v1/documents/${id}`)).json());
      return d.status === 'done' || d.status === 'failed' ? d : undefined;
    }, 120_000, 'llm extraction');
    expect(doc.status, doc.error ?? '').toBe('done');
    expect(doc.run).toMatchObject({ engine: 'llm', promptVersion: PROMPT_VERSION, segmentsFailed: 0 });
    expect(doc.run?.modelSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.run?.promptTokens).toBeGreaterThan(0);
    expect(doc.run?.completionTokens).toBeGreaterThan(0);
    // Output-affecting parameters make the run; threads and sequences are recorded apart (not in the run key).
    expect(doc.run?.params).toMatchObject({ temperature: 0 });
    expect(doc.run?.params).not.toHaveProperty('threads');
    expect(doc.run?.runtime).toMatchObject({ sequences: 2, threads: 1 });

    const { items } = ObligationList.pick({ items: true }).parse(
      await (await stack.fetch(`${stack.baseUrl}/v1/documents/${id}/obligations`)).json());
    const { text } = (await (await stack.fetch(`${stack.baseUrl}/v1/documents/${id}/text`)).json()) as { text: string };
    expect(items.length).toBeGreaterThan(0);
    for (const o of items) {
      expect(o.engine).toBe('llm');
      // The written sentences, not a slice of the stored offsets: the tiny model cites sentences
      // (or a span inside them), so every quote lies inside the text as written.
      const written = ['The operator shall keep a register.', 'The register must be kept for five years.', 'The operator must not sell the register.', 'The authority may inspect it.'];
      expect(written.some((s) => s.includes(o.quote)) || written.join(' ').includes(o.quote), o.quote).toBe(true);
      expect(text.indexOf(o.quote)).toBeGreaterThanOrEqual(0);
      expect(o.quote.length).toBeGreaterThan(0);
      expect(['Article 1', 'Article 2', 'Article 3']).toContain(o.citation);
    }
  });
});
