import type { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentRow } from '../schemas/tables.ts';
import { createServiceContext, type AppContext } from '../services/common/app-context.ts';
import { submitDocument } from '../services/ingest/intake/submit-document.ts';
import type { BullmqJobQueue } from '../services/queue/bullmq.ts';
import { fileSha256 } from '../workers/extract/engines/llm/model-runtime.ts';
import { PROMPT_VERSION } from '../workers/extract/engines/llm/prompt.ts';
import type { ExtractorInfo } from '../workers/extract/extractor.ts';
import { runCli } from './support/cli.ts';
import { choiceOf, fakeLlm, startWorkers } from './support/fake-extractor.ts';
import { createTestEnv, waitFor, type TestEnv } from './support/test-env.ts';
import { tinyQwenModelPath } from './support/tiny-qwen-gguf.ts';

/**
 * `obligato reextract` against Postgres + BullMQ: runs made with an older prompt version or
 * another model file are re-queued and re-extracted by the running workers; current runs are left
 * alone; --dry-run only lists. The engine is a deterministic stand-in carrying the identity the
 * tiny model file would give (its sha256, the current prompt version): what is under test is the
 * versioning and the queueing, not the model.
 */
let env: TestEnv;
let ctx: AppContext<BullmqJobQueue>;
let model: string;
let currentSha: string;
let workers: Worker[] = [];

const TEXT = (n: string) => `Article 1 Duties\nThe operator ${n} shall keep a register.\n\nArticle 2 Rights\nThe authority may inspect it.\n`;

async function stopWorkers(): Promise<void> {
  await Promise.all(workers.map((w) => w.close()));
  workers = [];
}

/** Extracts one new document with an engine claiming `info`, then stops its workers. */
async function extractWith(name: string, info: Partial<ExtractorInfo>): Promise<DocumentRow> {
  workers = startWorkers(ctx, { ingest: true, extract: choiceOf(fakeLlm(info)) });
  const { document } = await submitDocument(ctx, { tenantId: env.config.tenant, bytes: Buffer.from(TEXT(name)), filename: `${name}.txt` });
  const done = await waitFor(async () => {
    const d = await ctx.documents.get(env.config.tenant, document.id);
    return d?.status === 'done' || d?.status === 'failed' ? d : undefined;
  }, 30_000, `${name} extracted`);
  await stopWorkers();
  expect(done.status, done.error ?? '').toBe('done');
  return done;
}

const reextract = (...extra: string[]) => runCli([
  'reextract', '--engine', 'llm', '--model', model, '--database-url', env.config.databaseUrl,
  '--redis-url', env.config.redisUrl, '--redis-prefix', env.config.redisPrefix, ...extra,
], { timeoutMs: 60_000, env: { TENANT: env.config.tenant } });

const extractJobs = async () => ctx.queue.queues.get('extract')!.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed');

describe('obligato reextract', () => {
  let oldPrompt: DocumentRow;
  let oldModel: DocumentRow;
  let current: DocumentRow;

  beforeAll(async () => {
    env = await createTestEnv();
    ctx = await createServiceContext(env.config);
    model = await tinyQwenModelPath(env.dir);
    currentSha = await fileSha256(model);
    oldPrompt = await extractWith('old-prompt', { promptVersion: 'obligations-v0', modelSha256: currentSha });
    oldModel = await extractWith('old-model', { promptVersion: PROMPT_VERSION, modelSha256: 'b'.repeat(64) });
    current = await extractWith('current', { promptVersion: PROMPT_VERSION, modelSha256: currentSha });
  });
  afterAll(async () => {
    await stopWorkers();
    await ctx?.close();
    await env?.cleanup();
  });

  it('--dry-run lists the stale documents and queues nothing', async () => {
    const before = await extractJobs();
    const r = await reextract('--dry-run');
    expect(r.code, r.stderr).toBe(0);
    const listed = r.stdout.split('\n').filter((l) => l.includes('\t')).map((l) => l.split('\t')[0]);
    expect(listed.sort()).toEqual([oldPrompt.id, oldModel.id].sort());
    expect(r.stdout).toContain(`2 document(s) would be queued for llm ${PROMPT_VERSION} ${currentSha.slice(0, 12)}`);
    expect(await extractJobs()).toEqual(before);
    for (const d of [oldPrompt, oldModel, current]) {
      const now = await ctx.documents.get(env.config.tenant, d.id);
      expect(now).toMatchObject({ status: 'done', generation: d.generation, currentRunId: d.currentRunId });
    }
  });

  it('re-queues and re-extracts the stale documents with the current version; current ones are untouched', async () => {
    const engine = fakeLlm({ promptVersion: PROMPT_VERSION, modelSha256: currentSha });
    workers = startWorkers(ctx, { ingest: true, extract: choiceOf(engine) });
    const r = await reextract();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2 document(s) queued');

    for (const stale of [oldPrompt, oldModel]) {
      const redone = await waitFor(async () => {
        const d = await ctx.documents.get(env.config.tenant, stale.id);
        return d?.status === 'done' && d.currentRunId !== stale.currentRunId ? d : undefined;
      }, 30_000, `${stale.filename} re-extracted`);
      expect(redone.generation).toBe(stale.generation + 1);
      const run = await ctx.runs.getRun(redone.tenantId, redone.currentRunId!);
      expect(run).toMatchObject({ engine: 'llm', promptVersion: PROMPT_VERSION, modelSha256: currentSha, status: 'done' });
      const items = await ctx.obligations.list({ tenantId: env.config.tenant, documentId: stale.id, limit: 50 });
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((o) => o.runId === redone.currentRunId)).toBe(true);
    }
    // Only the stale documents' segments reached the engine (2 segments each).
    expect(engine.calls).toHaveLength(4);
    const untouched = await ctx.documents.get(env.config.tenant, current.id);
    expect(untouched).toMatchObject({ status: 'done', generation: current.generation, currentRunId: current.currentRunId });
    expect(untouched?.updatedAt).toEqual(current.updatedAt);

    const again = await reextract('--dry-run');
    expect(again.stdout).toContain('0 document(s) would be queued');
  });
});
