import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { ExtractedObligation } from '../schemas/obligation.ts';
import { runSegments, segments as segmentsTable } from '../schemas/tables.ts';
import { createExtractor, type ExtractorChoice } from '../workers/extract/create-extractor.ts';
import { buildUserMessage } from '../workers/extract/engines/llm/prompt.ts';
import type { Extractor, SegmentInput } from '../workers/extract/extractor.ts';
import { packInput, planPacks, shareTokens, unpackObligations } from '../workers/extract/packs.ts';
import { useEmbeddedTestContext } from './support/embedded-test-context.ts';
import { tinyQwenModelPath } from './support/tiny-qwen-gguf.ts';

const norm = (sentenceIds: number[], subjectEn = 's'): ExtractedObligation => ({
  sentenceIds, modality: 'obligation', subject: 's', action: 'a', object: null, condition: null, exceptions: null,
  deadline: null, penalty: null, crossReferences: [], subjectEn, actionEn: 'a', confidence: 0.5, span: null,
});

describe('planPacks', () => {
  it('keeps order, respects the budget and never packs an item over it', () => {
    const costs = [30, 40, 50, 500, 20, 20, 90, 10];
    const packs = planPacks(costs, 100);
    expect(packs).toEqual([[0, 1], [2], [3], [4, 5], [6, 7]]);
    expect(packs.flat()).toEqual(costs.map((_, i) => i));
    for (const p of packs) if (p.length > 1) expect(p.reduce((a, i) => a + costs[i]!, 0)).toBeLessThanOrEqual(100);
  });

  it('puts every item alone when packing is off', () => {
    expect(planPacks([1, 2, 3], 0)).toEqual([[0], [1], [2]]);
  });
});

describe('packed input', () => {
  const a: SegmentInput = { citation: 'Article 1', heading: 'Duties', language: 'eng', sentences: ['The operator shall report.', 'Definitions follow.'] };
  const b: SegmentInput = { citation: 'Article 2', heading: null, context: 'Chapter I', language: 'eng', sentences: ['The authority may inspect.'] };
  const c: SegmentInput = { citation: 'Article 3', heading: 'Fees', language: 'eng', sentences: ['A fee is due.', 'It shall be paid.'] };

  it('numbers ids across the pack under one citation line per segment', () => {
    const packed = packInput([a, b, c]);
    expect(packed.sentences).toHaveLength(5);
    expect(packed.parts?.map((p) => p.firstSentence)).toEqual([0, 2, 3]);
    expect(buildUserMessage(packed)).toContain([
      '## Segment: Article 1 | Heading: Duties | Language: eng', '[0] The operator shall report.', '[1] Definitions follow.',
      '## Segment: Article 2 | Heading: (none) | Part of: Chapter I | Language: eng', '[2] The authority may inspect.',
      '## Segment: Article 3 | Heading: Fees | Language: eng', '[3] A fee is due.', '[4] It shall be paid.',
    ].join('\n'));
    // One segment keeps its unpacked prompt.
    expect(packInput([a])).toBe(a);
  });

  it('maps ids back to their segment; a norm spanning two goes to its first sentence\'s segment', () => {
    const packed = packInput([a, b, c]);
    const [one, two, three] = unpackObligations([norm([0]), norm([4, 3], 'x'), norm([1, 2], 'span'), norm([2])], packed);
    expect(one!.map((o) => o.sentenceIds)).toEqual([[0], [1]]);
    expect(one![1]!.subjectEn).toBe('span');
    expect(two!.map((o) => o.sentenceIds)).toEqual([[0]]);
    expect(three!.map((o) => o.sentenceIds)).toEqual([[0, 1]]);
  });

  it('shares tokens in proportion and without loss', () => {
    expect(shareTokens(100, [1, 1, 2])).toEqual([25, 25, 50]);
    const shares = shareTokens(101, [3, 3, 3]);
    expect(shares.reduce((x, y) => x + y, 0)).toBe(101);
  });
});

/** Ten short articles: each would be one call unpacked. */
const DOCUMENT = Array.from({ length: 10 }, (_, i) =>
  `Article ${i + 1} Duty ${i + 1}\nThe operator shall keep record ${i + 1} for five years. The authority may inspect record ${i + 1}.\n`).join('\n');

const world = useEmbeddedTestContext();

/** Counts the engine's calls; `pack: false` turns packing off on the same loaded model. */
function counting(extractor: Extractor, pack: boolean) {
  const stats = { calls: 0, promptTokens: 0, completionTokens: 0 };
  const tokens = extractor.tokens && (pack ? extractor.tokens : { ...extractor.tokens, packBudget: 0 });
  const wrapped: Extractor = {
    info: extractor.info, tokens,
    async extractSegment(input, signal) {
      const result = await extractor.extractSegment(input, signal);
      stats.calls += 1;
      stats.promptTokens += result.promptTokens;
      stats.completionTokens += result.completionTokens;
      return result;
    },
    close: () => Promise.resolve(),
  };
  return { wrapped, stats };
}

async function extractDocument(choice: ExtractorChoice, marker: string) {
  const doc = await world.extract(choice, DOCUMENT, marker);
  const run = (await world.ctx.runs.getRun(doc.tenantId, doc.currentRunId!))!;
  const segs = await world.ctx.documents.segments(doc.tenantId, doc.id);
  const rows = await world.ctx.database.db.select({ segmentId: runSegments.segmentId, status: runSegments.status, promptTokens: runSegments.promptTokens })
    .from(runSegments).innerJoin(segmentsTable, eq(segmentsTable.id, runSegments.segmentId)).where(eq(runSegments.runId, run.id));
  const obligations = await world.ctx.obligations.list({ tenantId: 't', documentId: doc.id, limit: 200 });
  return { doc, run, segs, rows, obligations };
}

describe('packing short segments with the tiny model', () => {
  it('extracts ten short articles in fewer calls, every segment stored and every quote grounded', async () => {
    const model = await tinyQwenModelPath(world.env.dir);
    const config = {
      ...world.env.config, model, llmThreads: 1, llmSequences: 2, llmContextSize: 16_384, llmMaxTokens: 512, gpuLayers: 0 as const,
      prefilterLanguages: 'none', llmPackTokens: 1024,
    };
    const choice = await createExtractor(config, 'llm');
    try {
      expect(choice.extractor.info.params).toMatchObject({ packTokens: 1024 });
      const single = counting(choice.extractor, false);
      const packed = counting(choice.extractor, true);
      const before = await extractDocument({ ...choice, extractor: single.wrapped }, 'single');
      const after = await extractDocument({ ...choice, extractor: packed.wrapped }, 'packed');
      console.log(`packing: ${after.segs.length} segments; calls ${single.stats.calls} -> ${packed.stats.calls}; prompt tokens `
        + `${single.stats.promptTokens} -> ${packed.stats.promptTokens}; completion tokens ${single.stats.completionTokens} -> ${packed.stats.completionTokens}`);
      expect(after.segs.length).toBeGreaterThanOrEqual(10);
      expect(single.stats.calls).toBeGreaterThanOrEqual(10);
      expect(packed.stats.calls).toBeLessThan(after.segs.length);
      // Every segment has its own row, and the rows add up to what the calls cost.
      expect(new Set(after.rows.map((r) => r.segmentId))).toEqual(new Set(after.segs.map((s) => s.id)));
      expect(after.rows.reduce((a, r) => a + r.promptTokens, 0)).toBe(packed.stats.promptTokens);
      expect(after.obligations.length).toBeGreaterThan(0);
      // Quotes against the document as written above, not a slice of the stored offsets.
      for (const o of [...before.obligations, ...after.obligations]) {
        expect(DOCUMENT).toContain(o.quote);
        if (o.alignment === 'sentence' || o.alignment === 'fallback') expect(o.quote).toMatch(/^The .*\.$/);
      }
    } finally {
      await choice.extractor.close();
    }
  }, 300_000);
});
