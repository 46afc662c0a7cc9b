import type { Worker } from 'bullmq';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceContext, type AppContext } from '../services/common/app-context.ts';
import { submitDocument } from '../services/ingest/intake/submit-document.ts';
import type { BullmqJobQueue } from '../services/queue/bullmq.ts';
import { createExtractor, type ExtractorChoice } from '../workers/extract/create-extractor.ts';
import { fileSha256 } from '../workers/extract/engines/llm/model-runtime.ts';
import { runCli } from './support/cli.ts';
import { startWorkers } from './support/fake-extractor.ts';
import { createTestEnv, waitFor, type TestEnv } from './support/test-env.ts';
import { tinyQwenModelPath } from './support/tiny-qwen-gguf.ts';

/**
 * A bad model at extract-worker start: `obligato serve --role extract` exits with a clear error
 * (it does not hang, and it takes no job), the extract job stays waiting in BullMQ with the
 * document at 'extracting', and a worker started afterwards with a good model finishes it.
 */
let env: TestEnv;
let ctx: AppContext<BullmqJobQueue>;
let good: string;
let ingestWorkers: Worker[] = [];
let extractWorkers: Worker[] = [];
let extract: ExtractorChoice | null = null;
let documentId: string;

const extractJobs = () => ctx.queue.queues.get('extract')!.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed');

/** The real worker start, as a process: `serve --role extract` with MODEL (and TRIAGE_MODEL) from the env. */
const serveExtract = (env2: Record<string, string>) => runCli([
  'serve', '--role', 'extract', '--database-url', env.config.databaseUrl, '--redis-url', env.config.redisUrl,
  '--redis-prefix', env.config.redisPrefix, '--threads', '1', '--gpu-layers', '0',
], { timeoutMs: 60_000, env: { TENANT: env.config.tenant, ...env2 } });

describe('bad model at extract-worker start', () => {
  beforeAll(async () => {
    env = await createTestEnv();
    ctx = await createServiceContext(env.config);
    good = await tinyQwenModelPath(env.dir);
    const bytes = await readFile(good);
    // Same layout, every "qwen3" key and the architecture renamed: a valid GGUF llama.cpp cannot run.
    await writeFile(path.join(env.dir, 'unknown-arch.gguf'), Buffer.from(bytes.toString('latin1').replaceAll('qwen3', 'qwenx'), 'latin1'));
    await writeFile(path.join(env.dir, 'corrupt.gguf'), Buffer.concat([Buffer.from('GGUF'), Buffer.alloc(4096, 0xa7)]));
    await writeFile(path.join(env.dir, 'truncated.gguf'), bytes.subarray(0, bytes.length >> 1));

    // Ingest only: the document gets its text and segments and its extract job is queued.
    ingestWorkers = startWorkers(ctx, { ingest: true, extract: null });
    const text = 'Article 1 Duties\nThe operator shall keep a register.\n\nArticle 2 Rights\nThe authority may inspect it.\n';
    const { document } = await submitDocument(ctx, { tenantId: env.config.tenant, bytes: Buffer.from(text), filename: 'faults.txt' });
    documentId = document.id;
    // Every job carries a lane priority, so a queued job is in BullMQ's 'prioritized' state.
    await waitFor(async () => ((await extractJobs()).prioritized === 1 ? true : undefined), 30_000, 'extract job queued');
  });
  afterAll(async () => {
    await Promise.all([...ingestWorkers, ...extractWorkers].map((w) => w.close()));
    await extract?.extractor.close();
    await ctx?.close();
    await env?.cleanup();
  });

  const cases: [string, () => Record<string, string>, RegExp][] = [
    ['missing file', () => ({ MODEL: path.join(env.dir, 'missing.gguf') }), /Cannot load model ".*missing\.gguf": file not found/],
    ['corrupt file', () => ({ MODEL: path.join(env.dir, 'corrupt.gguf') }), /Cannot load model ".*corrupt\.gguf": not a valid GGUF file/],
    ['truncated file', () => ({ MODEL: path.join(env.dir, 'truncated.gguf') }), /Cannot load model ".*truncated\.gguf": /],
    ['unknown architecture', () => ({ MODEL: path.join(env.dir, 'unknown-arch.gguf') }), /Cannot load model ".*unknown-arch\.gguf": unknown model architecture: 'qwenx'/],
    ['missing triage model', () => ({ MODEL: good, TRIAGE_MODEL: path.join(env.dir, 'nope.gguf') }), /Triage model: Cannot load model ".*nope\.gguf": file not found/],
  ];
  for (const [name, modelEnv, message] of cases) {
    it(`${name}: the worker exits with a clear error and the job stays queued`, async () => {
      const r = await serveExtract(modelEnv());
      expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.ms).toBeLessThan(45_000);
      expect(await extractJobs()).toMatchObject({ prioritized: 1, active: 0, completed: 0, failed: 0 });
      expect(await ctx.documents.get(env.config.tenant, documentId)).toMatchObject({ status: 'extracting', currentRunId: null });
    });
  }

  it('a worker started afterwards with a good model processes the queued job: nothing lost', async () => {
    const config = { ...env.config, model: good, llmThreads: 1, llmSequences: 2, llmContextSize: 16_384, llmMaxTokens: 512, gpuLayers: 0 as const };
    extract = await createExtractor(config, 'llm');
    extractWorkers = startWorkers(ctx, { ingest: false, extract });
    const doc = await waitFor(async () => {
      const d = await ctx.documents.get(env.config.tenant, documentId);
      return d?.status === 'done' || d?.status === 'failed' ? d : undefined;
    }, 120_000, 'queued job processed');
    expect(doc.status, doc.error ?? '').toBe('done');
    const run = await ctx.runs.getRun(doc.tenantId, doc.currentRunId!);
    expect(run).toMatchObject({ engine: 'llm', modelSha256: await fileSha256(good), segmentsFailed: 0, status: 'done' });
    expect(await extractJobs()).toMatchObject({ waiting: 0, prioritized: 0, active: 0, completed: 1, failed: 0 });
  });
});
