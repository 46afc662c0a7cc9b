import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtractReport } from '../services/cli/commands/extract.ts';
import { runCli } from './support/cli.ts';
import { createTestEnv, type TestEnv } from './support/test-env.ts';
import { tinyQwenModelPath } from './support/tiny-qwen-gguf.ts';

/**
 * A forced cut-off through the real command: with an answer budget too small for any obligation,
 * the segment that reaches the model fails (after splitting down to one sentence), the document
 * ends `partial` and the command exits 2. A rerun retries it (still partial), `--allow-failures`
 * exits 0, and a budget that fits completes the document.
 */
let env: TestEnv;
let doc: string;
let model: string;

const extract = (maxTokens: number, ...flags: string[]) => runCli([
  'extract', doc, '--json', '--model', model, '--threads', '1', '--gpu-layers', '0', '--sequences', '1', ...flags,
], {
  timeoutMs: 240_000,
  env: {
    DATA_DIR: env.dir, LLM_MAX_TOKENS: String(maxTokens), LLM_PACK_TOKENS: '0', PREFILTER_LANGUAGES: 'eng', LLM_CONTEXT_SIZE: '16384',
    DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', REDIS_URL: 'redis://127.0.0.1:1',
  },
});

describe('obligato extract with answers cut off', () => {
  beforeAll(async () => {
    env = await createTestEnv();
    model = await tinyQwenModelPath(env.dir);
    doc = path.join(env.dir, 'cutoff.txt');
    // Article 1 reaches the model; Article 2 has no deontic trigger and is prefiltered (English).
    await writeFile(doc, 'Article 1 Duties\nThe operator shall keep a register.\n\nArticle 2 Scope\nThis Regulation applies to harbours.\n');
  });
  afterAll(async () => {
    await env?.cleanup();
  });

  it('ends partial and exits 2; a rerun retries and stays partial; a budget that fits completes it', async () => {
    const first = await extract(24);
    expect(first.code, first.stderr).toBe(2);
    const [partial] = (JSON.parse(first.stdout) as ExtractReport).documents;
    expect(partial).toMatchObject({ status: 'partial', segmentsFailed: 1 });
    expect(partial!.error).toMatch(/^1 of \d+ segments failed: .*answer cut off at maxTokens=24/);

    const again = await extract(24, '--allow-failures');
    expect(again.code, again.stderr).toBe(0);
    const [retried] = (JSON.parse(again.stdout) as ExtractReport).documents;
    expect(retried).toMatchObject({ id: partial!.id, status: 'partial', segmentsFailed: 1 });

    const fits = await extract(512);
    expect(fits.code, fits.stderr).toBe(0);
    const [done] = (JSON.parse(fits.stdout) as ExtractReport).documents;
    expect(done).toMatchObject({ id: partial!.id, status: 'done', segmentsFailed: 0, error: null });
    expect(done!.obligations.length).toBeGreaterThan(0);
  }, 600_000);
});
