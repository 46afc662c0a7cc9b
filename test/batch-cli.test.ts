import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchSummary } from '../services/batch/run-batch.ts';
import { globToRegExp, resolveSources } from '../services/batch/sources.ts';
import { openDatabase, queryRows, type Database } from '../services/storage/database.ts';
import { createTestEnv, waitFor, type TestEnv } from './support/test-env.ts';

const ROOT = path.join(import.meta.dirname, '..');
const N = 40;

/** A distinct little regulation per index: two obligations each, so totals are exact. */
const regulation = (i: number) => `Article 1\nThe operator of berth ${i} shall keep a register of vessels.\n` +
  `Article 2\nThe operator of berth ${i} must not disclose crew records.\n`;

function runCli(args: string[], env: TestEnv) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: env.dir, LLM_THREADS: '1' };
  // No REDIS_URL: the batch runs in-process, against the test's Postgres database.
  delete childEnv.REDIS_URL;
  delete childEnv.MODEL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/cli/main.ts', 'batch', ...args, '--database-url', env.config.databaseUrl], {
    cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

let env: TestEnv;
let db: Database;
let inbox: string;

const count = async (query: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(db.db, query))[0]!.n;

describe('obligato batch (in-process, Postgres)', () => {
  beforeAll(async () => {
    env = await createTestEnv();
    inbox = path.join(env.dir, 'in');
    await fs.mkdir(path.join(inbox, 'sub'), { recursive: true });
    for (let i = 0; i < N; i++) await fs.writeFile(path.join(inbox, i % 2 ? 'sub' : '', `reg-${String(i).padStart(3, '0')}.txt`), regulation(i));
    db = await openDatabase(env.config.databaseUrl);
  });
  afterAll(async () => {
    await db?.close();
    await env?.cleanup();
  });

  it('survives kill -9 midway and completes on rerun with no duplicates', async () => {
    const first = runCli([inbox, '--json'], env);
    // Tables appear once the child has migrated; then wait for part of the folder to finish.
    await waitFor(async () => {
      const n = await count(sql`select count(*)::int as n from documents where status = 'done'`).catch(() => 0);
      // Killed once two are done: the other 38 cannot all finish in the poll interval, so the
      // kill lands mid-batch on any machine (a later threshold raced the batch's end).
      return n >= 2 ? n : undefined;
    }, 90_000, 'a few documents to finish');
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    const before = await count(sql`select count(*)::int as n from documents where status = 'done'`);
    expect(before).toBeLessThan(N);

    const second = await runCli([inbox, '--json'], env).done;
    expect(second.code, second.stderr).toBe(0);
    const summary = JSON.parse(second.stdout) as BatchSummary;
    expect(summary).toMatchObject({ mode: 'in-process', total: N, done: N, failed: 0, pending: 0 });
    expect(summary.skipped).toBeGreaterThanOrEqual(before);
    expect(summary.submitted + summary.skipped + summary.resumed).toBe(N);
    expect(await count(sql`select count(*)::int as n from documents`)).toBe(N);
    expect(await count(sql`select count(*)::int as n from obligations`)).toBe(2 * N);
    expect(await count(sql`select count(*)::int as n from (select distinct document_id, quote_start from obligations) d`)).toBe(2 * N);
    // Non-TTY progress lines carry documents, pages, segments and an ETA.
    expect(second.stderr).toMatch(/batch: \d+\/40 documents, \d+ pages, \d+\/\d+ segments, ETA/);

    const third = await runCli([inbox, '--json'], env).done;
    expect(JSON.parse(third.stdout)).toMatchObject({ total: N, skipped: N, submitted: 0 });
  });

  it('exits 2 when a document fails (with its reason), 0 with --allow-failures; reads manifests and globs', async () => {
    const extra = path.join(env.dir, 'extra');
    await fs.mkdir(extra);
    await fs.writeFile(path.join(extra, 'empty.txt'), '');
    await fs.writeFile(path.join(extra, 'fr.txt'), "Article 1\nL'exploitant doit tenir un registre des navires.\n");
    await fs.writeFile(path.join(extra, 'manifest.jsonl'), `${JSON.stringify({ path: 'fr.txt', series: 'PORTS', language: 'fra' })}\n`);

    const failing = await runCli([path.join(extra, '*.txt')], env).done;
    expect(failing.code).toBe(2);
    expect(failing.stdout).toContain('File is empty');
    const allowed = await runCli([path.join(extra, 'empty.txt'), '--allow-failures', '--json'], env).done;
    expect(allowed.code).toBe(0);
    expect((JSON.parse(allowed.stdout) as BatchSummary).failures).toEqual([{ file: path.join(extra, 'empty.txt'), reason: expect.stringContaining('empty') as string }]);

    const items = await resolveSources([path.join(extra, 'manifest.jsonl'), extra]);
    expect(items.find((i) => i.file.endsWith('fr.txt'))).toMatchObject({ series: 'PORTS', language: 'fra' });
    expect(items.filter((i) => i.file.endsWith('fr.txt'))).toHaveLength(1);
  });

  it('matches globs by segment', () => {
    expect(globToRegExp('in/**/*.pdf').test('in/a/b/c.pdf')).toBe(true);
    expect(globToRegExp('in/**/*.pdf').test('in/c.pdf')).toBe(true);
    expect(globToRegExp('in/*.pdf').test('in/a/c.pdf')).toBe(false);
    expect(globToRegExp('in/reg-00[0-4].txt').test('in/reg-003.txt')).toBe(true);
  });
});
