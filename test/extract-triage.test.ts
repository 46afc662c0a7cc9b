import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { runSegments, segments } from '../schemas/tables.ts';
import { createExtractor, type ExtractorChoice } from '../workers/extract/create-extractor.ts';
import { fileSha256 } from '../workers/extract/engines/llm/model-runtime.ts';
import { choiceOf, fakeLlm } from './support/fake-extractor.ts';
import { useEmbeddedTestContext } from './support/embedded-test-context.ts';
import { tinyQwenModelPath } from './support/tiny-qwen-gguf.ts';

/**
 * TRIAGE_MODEL: a small model is asked first; a segment where it finds no norm never reaches the
 * extraction model, is stored as skipped with the reason and the prompt tokens it saved, and the
 * run records the triage model. Deterministic stand-ins decide what the triage "finds"; a second
 * test wires two real (tiny) models through createExtractor as `serve` does.
 */
const world = useEmbeddedTestContext();

const TEXT = `Article 1 Duties
The operator shall keep a register.

Article 2 Definitions
A register is a list of vessels.

Article 3 Rights
The authority may inspect the register.
`;

async function extractWith(choice: ExtractorChoice, marker: string) {
  const document = await world.extract(choice, TEXT, marker);
  const run = (await world.ctx.runs.getRun(document.tenantId, document.currentRunId!))!;
  const perSegment = await world.ctx.database.db
    .select({ citation: segments.citation, status: runSegments.status, skipReason: runSegments.skipReason, tokensSaved: runSegments.tokensSaved })
    .from(runSegments).innerJoin(segments, eq(segments.id, runSegments.segmentId)).where(eq(runSegments.runId, run.id));
  const obligations = await world.ctx.obligations.list({ tenantId: 't', documentId: document.id, limit: 50 });
  return { run, perSegment, obligations };
}


describe('TRIAGE_MODEL', () => {
  it('skips segments where the triage model finds nothing, with a reason, and records it on the run', async () => {
    const main = fakeLlm({ modelName: 'extract.gguf' });
    // The triage stand-in only recognises "shall": Articles 2 and 3 are "empty" to it.
    const triage = fakeLlm({ modelName: 'triage.gguf', modelSha256: 'c'.repeat(64) }, /\bshall\b/);
    const { run, perSegment, obligations } = await extractWith(choiceOf(main, triage), 'fake');

    expect(triage.calls.map((c) => c.citation).sort()).toEqual(['Article 1', 'Article 2', 'Article 3']);
    expect(main.calls.map((c) => c.citation)).toEqual(['Article 1']);
    const byCitation = Object.fromEntries(perSegment.map((s) => [s.citation, s]));
    expect(byCitation['Article 1']).toMatchObject({ status: 'done', skipReason: null });
    for (const c of ['Article 2', 'Article 3']) {
      expect(byCitation[c]).toMatchObject({ status: 'skipped', skipReason: 'triage: no norm found by the triage model' });
      expect(byCitation[c]!.tokensSaved).toBeGreaterThan(100);
    }
    expect(run.params).toMatchObject({ triage: { model: 'triage.gguf', sha256: 'c'.repeat(64) } });
    expect(run).toMatchObject({ segmentsSkipped: 2, segmentsFailed: 0 });
    expect(run.tokensSaved).toBe(byCitation['Article 2']!.tokensSaved + byCitation['Article 3']!.tokensSaved);
    // Triage tokens count: three triage calls plus one extraction call.
    const promptOf = (citation: string) => triage.calls.find((c) => c.citation === citation)!;
    const expected = ['Article 1', 'Article 2', 'Article 3'].reduce((a, c) => a + triage.tokens!.promptTokens(promptOf(c)), 0)
      + main.tokens!.promptTokens(main.calls[0]!);
    expect(run.promptTokens).toBe(expected);
    expect(obligations.map((o) => o.citation)).toEqual(['Article 1']);
  });

  it('is loaded from TRIAGE_MODEL by createExtractor and recorded with its sha256', async () => {
    const model = await tinyQwenModelPath(world.env.dir);
    const triageModel = await tinyQwenModelPath(world.env.dir, { seed: 7 });
    const choice = await createExtractor({
      ...world.env.config, model, triageModel, llmThreads: 1, llmSequences: 2, llmContextSize: 16_384, llmMaxTokens: 512, gpuLayers: 0,
      // One call per segment: the tiny model answers one norm per call, which is what the
      // assertions below rely on (a pack of three would get one norm for three segments).
      prefilterLanguages: 'none', llmPackTokens: 0,
    });
    try {
      expect(choice.triage?.info).toMatchObject({ engine: 'llm', modelSha256: await fileSha256(triageModel) });
      const { run, perSegment } = await extractWith(choice, 'tiny');
      expect(run.params).toMatchObject({ triage: { model: choice.triage!.info.modelName, sha256: await fileSha256(triageModel) } });
      expect(run.modelSha256).toBe(await fileSha256(model));
      expect(perSegment).toHaveLength(3);
      // The tiny model's JSON prior always "finds" one norm, so every segment reaches extraction;
      // the triage call's tokens are in the run on top of the extraction's.
      expect(perSegment.every((s) => s.status === 'done')).toBe(true);
      expect(run.promptTokens).toBeGreaterThan(2 * 3 * 1000);
    } finally {
      await choice.extractor.close();
    }
  });
});
