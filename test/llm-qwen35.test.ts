import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { extractionRuns } from '../schemas/tables.ts';
import { createExtractor } from '../workers/extract/create-extractor.ts';
import { disposeLlamaRuntime } from '../workers/extract/engines/llm/model-runtime.ts';
import { useEmbeddedTestContext } from './support/embedded-test-context.ts';
import { tinyQwenModelPath, type TinyQwenArchitecture } from './support/tiny-qwen-gguf.ts';

/**
 * Qwen3.5 is the family this product is built around: its hybrid layout (gated delta-net linear
 * attention in three of four layers, gated full attention in the fourth) and its MoE variant go
 * through the real path here: node-llama-cpp's bundled llama.cpp loads the generated GGUF, the
 * Qwen 3.5 chat wrapper renders the prompt, the JSON-schema grammar constrains the answer, and
 * grounding and storage keep what it cites.
 */
const SENTENCES = [
  'The operator shall keep a register of all incidents.',
  'The authority may inspect the register at any time.',
];
const DOCUMENT = `Article 1 Register\n${SENTENCES.join(' ')}\n`;

const world = useEmbeddedTestContext();
afterAll(() => disposeLlamaRuntime());

describe.each<TinyQwenArchitecture>(['qwen35', 'qwen35moe'])('tiny %s model through the llm engine', (architecture) => {
  it('extracts grounded obligations and stores them with the run', async () => {
    const model = await tinyQwenModelPath(world.env.dir, { architecture });
    const choice = await createExtractor({
      ...world.env.config, model, llmThreads: 1, llmSequences: 2, llmContextSize: 16_384, llmMaxTokens: 512, gpuLayers: 0,
      prefilterLanguages: 'none', llmPackTokens: 0,
    }, 'llm');
    try {
      expect(choice.extractor.info.runtime).toMatchObject({ architecture, gpu: false });
      expect(choice.extractor.info.params).toMatchObject({ chatWrapper: 'Qwen', contextSize: 16_384 });
      const doc = await world.extract(choice, DOCUMENT, `${architecture}-doc`);
      const obligations = await world.ctx.obligations.forDocument('t', doc.id);
      // The generated model's baked-in prior answers one obligation per call.
      expect(obligations.length).toBeGreaterThan(0);
      for (const o of obligations) {
        expect(o.engine).toBe('llm');
        // Grounded: the quote is one of the document's sentences (as written above), or part of one.
        expect(SENTENCES.some((s) => s.includes(o.quote))).toBe(true);
        expect(o.quote.length).toBeGreaterThan(10);
      }
      const [run] = await world.ctx.database.db.select().from(extractionRuns).where(eq(extractionRuns.id, doc.currentRunId!));
      expect(run).toMatchObject({ engine: 'llm', status: 'done', modelSha256: choice.extractor.info.modelSha256, segmentsFailed: 0 });
      expect(run!.runtime).toMatchObject({ architecture, threads: 1, sequences: 2 });
      expect(run!.promptTokens).toBeGreaterThan(0);
      expect(run!.completionTokens).toBeGreaterThan(0);
    } finally {
      await choice.extractor.close();
    }
  }, 180_000);
});
