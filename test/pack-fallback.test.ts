import { describe, expect, it } from 'vitest';
import type { JobContext } from '../services/core/jobs.ts';
import { buildHandlers } from '../services/common/handlers.ts';
import { submitDocument } from '../services/ingest/intake/submit-document.ts';
import { createExtractHandler } from '../workers/extract/extract-handler.ts';
import type { Extractor, SegmentInput } from '../workers/extract/extractor.ts';
import { parsePrefilterPolicy } from '../workers/extract/prefilter.ts';
import { useEmbeddedTestContext } from './support/embedded-test-context.ts';
import { fakeLlm } from './support/fake-extractor.ts';

/**
 * Packed-call fallback: short segments are packed into one engine call; when the packed call
 * fails (an unusable answer), its segments are retried in smaller calls, so a pack never fails a
 * segment that succeeds on its own. The engine here refuses every packed input.
 */
const world = useEmbeddedTestContext();

const SENTENCES = ['The operator shall keep a register.', 'The carrier shall notify the authority.', 'The importer shall label the goods.', 'The seller shall refund the buyer.'];
const jobContext: JobContext = { attempt: 1, finalAttempt: false, reportProgress: () => Promise.resolve() };

function refusesPacks(): Extractor & { calls: SegmentInput[] } {
  const inner = fakeLlm();
  return {
    ...inner,
    tokens: { ...inner.tokens!, packBudget: 100_000 },
    extractSegment(input) {
      if ((input.parts?.length ?? 0) > 1) {
        inner.calls.push(input);
        return Promise.reject(new Error('unusable packed answer'));
      }
      return inner.extractSegment(input);
    },
  };
}

describe('packed-call fallback', () => {
  it('retries the segments of a failed pack on their own; every segment is stored, none failed', async () => {
    world.ctx.queue.handlers = buildHandlers(world.ctx, { ingest: true, extract: null });
    const text = SENTENCES.map((s, i) => `Article ${i + 1}\n${s}`).join('\n\n');
    const { document } = await submitDocument(world.ctx, { tenantId: 't', bytes: Buffer.from(text), filename: 'packs.txt' });
    await world.ctx.queue.drain();

    const engine = refusesPacks();
    await createExtractHandler({
      documents: world.ctx.documents, runs: world.ctx.runs, extractor: engine, concurrency: 1, prefilter: parsePrefilterPolicy('none'),
    })({ tenantId: 't', documentId: document.id }, jobContext);

    // The first call was the whole document packed; the segments were then read alone.
    expect(engine.calls[0]!.parts?.map((p) => p.citation)).toEqual(['Article 1', 'Article 2', 'Article 3', 'Article 4']);
    const single = engine.calls.filter((c) => !c.parts || c.parts.length <= 1).map((c) => c.sentences);
    expect(single).toEqual(SENTENCES.map((s) => [s]));
    const doc = await world.ctx.documents.get('t', document.id);
    expect(doc?.status).toBe('done');
    const run = (await world.ctx.runs.getRun('t', doc!.currentRunId!))!;
    expect(run).toMatchObject({ segmentsDone: 4, segmentsFailed: 0 });
    expect((await world.ctx.obligations.forDocument('t', document.id)).map((o) => [o.citation, o.quote]))
      .toEqual(SENTENCES.map((s, i) => [`Article ${i + 1}`, s]));
  });
});
