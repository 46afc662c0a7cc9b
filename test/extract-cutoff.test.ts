import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { ExtractedObligation } from '../schemas/obligation.ts';
import { extractionRuns, runSegments } from '../schemas/tables.ts';
import { buildHandlers } from '../services/common/handlers.ts';
import { parsePrefilterPolicy } from '../workers/extract/prefilter.ts';
import type { ExtractorChoice } from '../workers/extract/create-extractor.ts';
import { extractWindows } from '../workers/extract/extract-handler.ts';
import { AnswerCutOffError, type Extractor, type SegmentInput, type SegmentResult } from '../workers/extract/extractor.ts';
import { useEmbeddedTestContext } from './support/embedded-test-context.ts';

/**
 * An engine whose answer holds at most `budget` norms: a call whose sentences state more is cut
 * off (AnswerCutOffError, charging the tokens it spent), like an LLM answer hitting maxTokens.
 * Each sentence states as many norms as it has "shall"s. Every charged token is summed in `spent`.
 */
function budgetedEngine(budget: number, params: Record<string, unknown> = {}) {
  const calls: SegmentInput[] = [];
  const spent = { prompt: 0, completion: 0 };
  const norms = (s: string) => (s.match(/\bshall\b/g) ?? []).length;
  const engine: Extractor & { calls: SegmentInput[]; spent: typeof spent } = {
    calls, spent,
    info: { engine: 'llm', modelName: 'budgeted.gguf', modelSha256: 'b'.repeat(64), promptVersion: 'test', params: { budget, ...params } },
    tokens: {
      promptTokens: (input) => 50 + input.sentences.join(' ').length,
      sentenceTokens: (s) => s.length + 1,
      sentenceBudget: 100_000,
      packBudget: 10_000,
    },
    extractSegment(input): Promise<SegmentResult> {
      calls.push(input);
      const promptTokens = 50 + input.sentences.join(' ').length;
      const wanted = input.sentences.reduce((a, s) => a + norms(s), 0);
      if (wanted > budget) {
        spent.prompt += promptTokens;
        spent.completion += budget * 10;
        return Promise.reject(new AnswerCutOffError(`answer cut off at maxTokens=${budget * 10}`, promptTokens, budget * 10));
      }
      const obligations: ExtractedObligation[] = input.sentences.flatMap((s, i) => Array.from({ length: norms(s) }, (_, k) => ({
        sentenceIds: [i], modality: 'obligation' as const, subject: `party ${k}`, action: 'act', object: null, condition: null,
        exceptions: null, deadline: null, penalty: null, crossReferences: [], subjectEn: `party ${k}`, actionEn: 'act',
        confidence: 0.9, span: null,
      })));
      spent.prompt += promptTokens;
      spent.completion += wanted * 10 + 1;
      return Promise.resolve({ obligations, promptTokens, completionTokens: wanted * 10 + 1 });
    },
    close: () => Promise.resolve(),
  };
  return engine;
}

const choice = (extractor: Extractor): ExtractorChoice => ({
  extractor, concurrency: 2, documents: 1, notice: null, prefilter: parsePrefilterPolicy('none'), triage: null,
});

describe('split on cut-off', () => {
  it('halves a window whose answer is cut off, down to what fits, and keeps every norm with segment ids', async () => {
    const engine = budgetedEngine(2);
    const input: SegmentInput = {
      citation: 'Article 9', heading: null, language: 'eng',
      sentences: Array.from({ length: 6 }, (_, i) => `Party ${i} shall act.`),
    };
    const result = await extractWindows(engine, input);
    expect(result.obligations.map((o) => o.sentenceIds)).toEqual([[0], [1], [2], [3], [4], [5]]);
    // 6 sentences -> cut; 3 + 3 -> each cut; 2 + 1 per half: never the same call twice.
    expect(engine.calls.map((c) => c.sentences.length)).toEqual([6, 3, 2, 1, 3, 2, 1]);
    expect(new Set(engine.calls.map((c) => c.sentences.join('|'))).size).toBe(engine.calls.length);
    // The three cut-off calls are counted too.
    expect(result.promptTokens).toBe(engine.spent.prompt);
    expect(result.completionTokens).toBe(engine.spent.completion);
  });

  it('fails with a clear reason when one sentence alone holds more than an answer can', async () => {
    const engine = budgetedEngine(2);
    const input: SegmentInput = {
      citation: 'Article 3', heading: null, language: 'eng',
      sentences: ['The operator shall log, the auditor shall review and the board shall sign.', 'Nothing else.'],
    };
    await expect(extractWindows(engine, input)).rejects.toThrow(
      /Segment "Article 3" sentence 0: the answer for one sentence does not fit the answer budget \(answer cut off at maxTokens=20\)/,
    );
  });
});

describe('honest outcomes through the extract handler', () => {
  const world = useEmbeddedTestContext();

  async function run(engine: Extractor, text: string, marker: string) {
    const { ctx } = world;
    ctx.queue.handlers = buildHandlers(ctx, { ingest: true, extract: choice(engine) });
    const { document } = await ctx.service.upload({ tenantId: 't', bytes: Buffer.from(`${text}\n${marker}\n`), filename: `${marker}.txt` });
    await ctx.queue.drain();
    return (await ctx.documents.get('t', document.id))!;
  }

  const ARTICLES = [
    'Article 1', 'The operator shall keep a register.',
    'Article 2', 'The operator shall report incidents. The authority shall acknowledge them.',
    'Article 3', 'The importer shall label the goods.',
    'Article 4', 'The seller shall refund, the carrier shall deliver and the buyer shall pay.',
  ].join('\n');

  it('a pack whose answer is cut off is halved, and failed calls count in the run totals', async () => {
    const engine = budgetedEngine(3);
    const doc = await run(engine, ARTICLES, 'pack-split');
    expect(doc.status, doc.error ?? '').toBe('done');
    // The first call packs all four articles (7 norms > 3): cut off, then halves.
    expect(engine.calls[0]!.parts?.length).toBe(4);
    expect(engine.calls.length).toBeGreaterThan(2);
    const { db } = world.ctx.database;
    const [runRow] = await db.select().from(extractionRuns).where(eq(extractionRuns.id, doc.currentRunId!));
    expect(runRow!.status).toBe('done');
    expect(runRow!.promptTokens).toBe(engine.spent.prompt);
    expect(runRow!.completionTokens).toBe(engine.spent.completion);
    const obligations = await world.ctx.obligations.forDocument('t', doc.id);
    expect(obligations).toHaveLength(7);
  });

  it('ends partial with the count and reason, is retried in the same run, and completes after a budget change', async () => {
    const tight = budgetedEngine(2);
    const first = await run(tight, ARTICLES, 'partial');
    expect(first.status).toBe('partial');
    expect(first.segmentsFailed).toBe(1);
    expect(first.errorCode).toBe('segments_failed');
    expect(first.error).toMatch(/^1 of \d+ segments failed: Segment "Article 4" sentence 0: the answer for one sentence does not fit/);
    const runId = first.currentRunId!;
    const { db } = world.ctx.database;
    const failedRows = await db.select().from(runSegments).where(and(eq(runSegments.runId, runId), eq(runSegments.status, 'failed')));
    expect(failedRows).toHaveLength(1);
    // The failed segment's calls were charged to it.
    expect(failedRows[0]!.promptTokens).toBeGreaterThan(0);
    expect(failedRows[0]!.completionTokens).toBeGreaterThan(0);
    const [before] = await db.select().from(extractionRuns).where(eq(extractionRuns.id, runId));
    expect(before!.status).toBe('partial');

    // Rerun (reprocess): an extract job in the same run, asking only for the failed segment.
    tight.calls.length = 0;
    world.ctx.queue.handlers = buildHandlers(world.ctx, { ingest: true, extract: choice(tight) });
    await world.ctx.service.reprocess('t', first.id);
    await world.ctx.queue.drain();
    const second = (await world.ctx.documents.get('t', first.id))!;
    expect(second.status).toBe('partial');
    expect(second.currentRunId).toBe(runId);
    expect(tight.calls.length).toBeGreaterThan(0);
    // Only Article 4 (the failed segment; the marker line ends it) is asked again.
    const asked = tight.calls.flatMap((c) => c.sentences).join(' ');
    expect(asked).toContain('The seller shall refund');
    expect(asked).not.toMatch(/operator|authority|importer/);
    const [after] = await db.select().from(extractionRuns).where(eq(extractionRuns.id, runId));
    expect(after!.segmentsFailed).toBe(1);
    expect(after!.promptTokens).toBeGreaterThan(before!.promptTokens);

    // A larger answer budget is another run: it completes.
    const roomy = budgetedEngine(8);
    world.ctx.queue.handlers = buildHandlers(world.ctx, { ingest: true, extract: choice(roomy) });
    await world.ctx.service.reprocess('t', first.id);
    await world.ctx.queue.drain();
    const third = (await world.ctx.documents.get('t', first.id))!;
    expect(third.status, third.error ?? '').toBe('done');
    expect(third.segmentsFailed).toBe(0);
    expect(third.error).toBeNull();
    expect(third.currentRunId).not.toBe(runId);
    expect(await world.ctx.obligations.forDocument('t', first.id)).toHaveLength(7);
  });
});
