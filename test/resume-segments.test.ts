import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { jobIds, type JobContext } from '../services/core/jobs.ts';
import { buildHandlers } from '../services/common/handlers.ts';
import { submitDocument } from '../services/ingest/intake/submit-document.ts';
import { createExtractHandler, runKeyOf } from '../workers/extract/extract-handler.ts';
import type { Extractor, SegmentInput } from '../workers/extract/extractor.ts';
import { parsePrefilterPolicy } from '../workers/extract/prefilter.ts';
import { useEmbeddedTestContext } from './support/embedded-test-context.ts';
import { fakeLlm } from './support/fake-extractor.ts';
import { waitFor } from './support/test-env.ts';

/**
 * Segment-level resume: an extraction interrupted after some segments (the engine never answers
 * again, as when a worker is killed mid-call) is rerun by a fresh worker with the same engine.
 * The rerun must resume the same run (same run id) and ask the engine only about the segments
 * the first pass did not finish. A run key that differs per call starts a new run instead and
 * re-reads every segment, which fails here.
 */
const world = useEmbeddedTestContext();

const SENTENCES = [
  'The operator shall keep a register.',
  'The carrier shall notify the authority.',
  'The importer shall label the goods.',
  'The seller shall refund the buyer.',
  'The auditor shall sign the report.',
  'The agent shall record every call.',
];
const DOCUMENT = SENTENCES.map((s, i) => `Article ${i + 1}\n${s}`).join('\n\n');

const jobContext: JobContext = { attempt: 1, finalAttempt: false, reportProgress: () => Promise.resolve() };

/** The fake engine, except that after `answered` calls it never answers again. */
function stallingEngine(answered: number): Extractor & { calls: SegmentInput[] } {
  const inner = fakeLlm();
  return {
    ...inner,
    extractSegment(input) {
      if (inner.calls.length >= answered) {
        inner.calls.push(input);
        return new Promise(() => {});
      }
      return inner.extractSegment(input);
    },
  };
}

function handlerFor(extractor: Extractor) {
  return createExtractHandler({
    documents: world.ctx.documents, runs: world.ctx.runs, extractor, concurrency: 1, prefilter: parsePrefilterPolicy('none'),
  });
}

async function scalar(query: ReturnType<typeof sql>): Promise<number> {
  // Both drivers (pg, PGlite) answer execute() with { rows }.
  const result: unknown = await world.ctx.database.db.execute(query);
  return Number((result as { rows: { n: number | string }[] }).rows[0]!.n);
}

describe('an interrupted extraction resumes its run', () => {
  it('same run id, and the engine is called only for the unfinished segments', async () => {
    world.ctx.queue.handlers = buildHandlers(world.ctx, { ingest: true, extract: null });
    const { document } = await submitDocument(world.ctx, { tenantId: 't', bytes: Buffer.from(DOCUMENT), filename: 'resume.txt' });
    await world.ctx.queue.drain();
    const segments = await world.ctx.documents.segments('t', document.id);
    expect(segments.map((s) => s.citation)).toEqual(SENTENCES.map((_, i) => `Article ${i + 1}`));

    // First pass: three segments answered and committed, the fourth call hangs (the "kill").
    const first = stallingEngine(3);
    void handlerFor(first)({ tenantId: 't', documentId: document.id }, jobContext);
    await waitFor(async () => (first.calls.length === 4 ? true : undefined), 30_000, 'the fourth engine call');
    const runIds = async () => {
      const result: unknown = await world.ctx.database.db.execute(sql`select id from extraction_runs where document_id = ${document.id}`);
      return (result as { rows: { id: string }[] }).rows.map((r) => r.id);
    };
    const [runId] = await runIds();
    expect(runId).toBeDefined();
    expect(await scalar(sql`select count(*) as n from run_segments where run_id = ${runId}`)).toBe(3);

    // Second pass: a fresh worker with the same engine identity.
    const second = fakeLlm();
    await handlerFor(second)({ tenantId: 't', documentId: document.id }, jobContext);

    expect(await runIds()).toEqual([runId]);
    expect(second.calls.map((c) => c.sentences)).toEqual([[SENTENCES[3]], [SENTENCES[4]], [SENTENCES[5]]]);
    const doc = await world.ctx.documents.get('t', document.id);
    expect(doc?.status).toBe('done');
    expect(doc?.currentRunId).toBe(runId);
    // One obligation per segment, none twice, each quoting its sentence.
    const stored = await world.ctx.obligations.forDocument('t', document.id);
    expect(stored.map((o) => o.quote)).toEqual(SENTENCES);
    expect(new Set(stored.map((o) => o.runId))).toEqual(new Set([runId]));
  });

  it('a rerun after a finished run asks the engine nothing', async () => {
    world.ctx.queue.handlers = buildHandlers(world.ctx, { ingest: true, extract: null });
    const { document } = await submitDocument(world.ctx, { tenantId: 't', bytes: Buffer.from(`${DOCUMENT}\n\nArticle 7\nThe end.`), filename: 'again.txt' });
    await world.ctx.queue.drain();
    const engine = fakeLlm();
    await handlerFor(engine)({ tenantId: 't', documentId: document.id }, jobContext);
    expect(engine.calls.length).toBe(SENTENCES.length + 1);
    const again = fakeLlm();
    await handlerFor(again)({ tenantId: 't', documentId: document.id }, jobContext);
    expect(again.calls).toEqual([]);
    expect((await world.ctx.obligations.forDocument('t', document.id)).map((o) => o.quote)).toEqual(SENTENCES);
  });
});

describe('idempotency keys', () => {
  const info = { engine: 'llm' as const, modelName: 'm.gguf', modelSha256: 'a'.repeat(64), promptVersion: 'v1', params: { temperature: 0 } };

  it('the run key is a stable 32-hex digest of engine, model, prompt version and params', () => {
    const key = runKeyOf(info);
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(runKeyOf({ ...info })).toBe(key);
    expect(runKeyOf({ ...info, params: { temperature: 0 } })).toBe(key);
    expect(runKeyOf({ ...info, modelName: 'renamed.gguf' })).toBe(key);
    for (const other of [
      { ...info, engine: 'rules' as const }, { ...info, modelSha256: 'b'.repeat(64) }, { ...info, promptVersion: 'v2' },
      { ...info, params: { temperature: 0.1 } }, { ...info, params: {} },
    ]) expect(runKeyOf(other)).not.toBe(key);
  });

  it('job ids name the job, the document and its generation', () => {
    expect(jobIds.ingest('d1', 0)).toBe('ingest-d1-g0');
    expect(jobIds.extract('d1', 3)).toBe('extract-d1-g3');
    expect(jobIds.extract('d1', 3)).not.toBe(jobIds.extract('d1', 4));
  });
});
