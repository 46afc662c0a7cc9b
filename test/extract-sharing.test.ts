import { afterAll, describe, expect, it } from 'vitest';
import { buildHandlers } from '../services/common/handlers.ts';
import { createExtractor } from '../workers/extract/create-extractor.ts';
import type { LlmExtractor } from '../workers/extract/engines/llm/llm-extractor.ts';
import { disposeLlamaRuntime } from '../workers/extract/engines/llm/model-runtime.ts';
import type { Extractor } from '../workers/extract/extractor.ts';
import { useEmbeddedTestContext } from './support/embedded-test-context.ts';
import { tinyQwenModelPath } from './support/tiny-qwen-gguf.ts';

/**
 * An extract worker takes several documents at once and all of them feed the one pool of
 * sequences of the model's context. Each document here is one short article, so on its own it
 * makes one call at a time: two sequences busy at once can only be two documents sharing them.
 */
const world = useEmbeddedTestContext();
afterAll(() => disposeLlamaRuntime());

describe('documents share the sequences of one model context', () => {
  it('runs calls of two documents on two sequences at the same time', async () => {
    const model = await tinyQwenModelPath(world.env.dir);
    const choice = await createExtractor({
      ...world.env.config, model, llmThreads: 1, llmSequences: 2, llmContextSize: 16_384, llmMaxTokens: 512, gpuLayers: 0,
      prefilterLanguages: 'none', llmPackTokens: 1024,
    }, 'llm');
    const llm = choice.extractor as LlmExtractor;
    // Which documents (by their text) have a call in flight, and the most seen at once.
    const inFlight = new Map<string, number>();
    let peakDocuments = 0;
    let calls = 0;
    const counting: Extractor = {
      info: llm.info, tokens: llm.tokens, close: () => llm.close(),
      async extractSegment(input, signal) {
        const key = input.sentences.join(' ');
        calls += 1;
        inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
        peakDocuments = Math.max(peakDocuments, [...inFlight.values()].filter((n) => n > 0).length);
        try {
          return await llm.extractSegment(input, signal);
        } finally {
          inFlight.set(key, inFlight.get(key)! - 1);
        }
      },
    };
    try {
      expect(choice.documents).toBe(2);
      const { ctx } = world;
      ctx.queue.setConcurrency('extract', choice.documents);
      ctx.queue.handlers = buildHandlers(ctx, { ingest: true, extract: { ...choice, extractor: counting } });
      // Both documents reach the extract stage before it starts, as a nightly batch would.
      ctx.queue.pause('extract');
      const ids: string[] = [];
      for (const [k, heading] of ['Register', 'Reporting'].entries()) {
        const text = `Article ${k + 1} ${heading}\nThe operator shall keep the ${heading.toLowerCase()} records.\n`;
        const { document } = await ctx.service.upload({ tenantId: 't', bytes: Buffer.from(text), filename: `share-${k}.txt` });
        ids.push(document.id);
      }
      await ctx.queue.drain();
      ctx.queue.resume('extract');
      await ctx.queue.drain();
      for (const id of ids) expect((await ctx.documents.get('t', id))?.status).toBe('done');
      // One packed call per document, both in flight together on the two sequences.
      expect(calls).toBe(2);
      expect(peakDocuments).toBe(2);
      expect(llm.load()).toMatchObject({ sequences: 2, busy: 0, peakBusy: 2 });
    } finally {
      await choice.extractor.close();
    }
  }, 240_000);
});
