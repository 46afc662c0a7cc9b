import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServer } from '../services/api/server.ts';
import { runBatch } from '../services/batch/run-batch.ts';
import { createServiceContext } from '../services/common/app-context.ts';
import { buildHandlers } from '../services/common/handlers.ts';
import { startBullmqWorkers } from '../services/queue/bullmq.ts';
import { jobIds } from '../services/queue/job-queue.ts';
import type { InboxReport } from '../services/schedule/inbox-scan.ts';
import { startInboxScheduler } from '../services/schedule/inbox-scheduler.ts';
import { createExtractor } from '../workers/extract/create-extractor.ts';
import { apiClient } from './support/api-client.ts';
import { startTestStack } from './support/stack.ts';
import { createTestEnv, waitFor, type TestEnv } from './support/test-env.ts';

const envs: TestEnv[] = [];
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  for (const env of envs) await env.cleanup();
});

/** Drop a file the way a pipeline should: write under a hidden name, then rename into place. */
async function drop(dir: string, name: string, content: string) {
  await fs.writeFile(path.join(dir, `.${name}.part`), content);
  await fs.rename(path.join(dir, `.${name}.part`), path.join(dir, name));
}

describe('nightly inbox schedule (BullMQ job scheduler)', () => {
  it('picks up files dropped into the inbox, archives or fails them with a reason, and writes a report', async () => {
    const probe = await createTestEnv();
    const env = await createTestEnv({ inboxDir: path.join(probe.dir, 'inbox'), inboxCron: '*/2 * * * * *' });
    envs.push(probe, env);
    const stack = await startTestStack(env, 'rules');
    closers.push(() => stack.close());
    const reports: InboxReport[] = [];
    const scheduler = (await startInboxScheduler(stack.ctx, { pollMs: 200, onReport: (r) => reports.push(r) }))!;
    closers.unshift(() => scheduler.close());
    expect((await scheduler.queue.getJobSchedulers()).map((s) => s.pattern)).toEqual(['*/2 * * * * *']);

    const inbox = env.config.inboxDir!;
    await drop(inbox, 'circular.txt', 'Article 1\nThe bank shall report large transfers within 24 hours.\n');
    await drop(inbox, 'blank.txt', '');
    const day = new Date().toISOString().slice(0, 10);
    const archived = path.join(inbox, 'archive', day, 'circular.txt');
    const failed = path.join(inbox, 'failed', day, 'blank.txt');
    await waitFor(async () => (await fs.access(archived).then(() => true, () => false)) && (await fs.access(failed).then(() => true, () => false)) ? true : undefined,
      60_000, 'the scheduled scan to move both files');
    expect(await fs.readFile(`${failed}.reason.txt`, 'utf8')).toMatch(/empty/i);
    expect((await fs.readdir(inbox)).filter((f) => f.endsWith('.txt'))).toEqual([]);

    const report = reports.find((r) => r.archived.length || r.failed.length)!;
    expect(report.archived.map((a) => a.file)).toEqual(['circular.txt']);
    expect(report.failed).toEqual([expect.objectContaining({ file: 'blank.txt', reason: expect.stringMatching(/empty/i) as string })]);
    const written = await fs.readdir(path.join(inbox, 'reports'));
    expect(written.length).toBeGreaterThanOrEqual(1);
    const onDisk = await Promise.all(written.map(async (f) => JSON.parse(await fs.readFile(path.join(inbox, 'reports', f), 'utf8')) as InboxReport));
    expect(onDisk.some((r) => r.archived.length === 1 && r.failed.length === 1)).toBe(true);

    const docs = await apiClient(stack.baseUrl).json('/v1/documents');
    expect(JSON.stringify(docs.body)).toContain('circular.txt');
  });
});

describe('priorities', () => {
  it('runs an analyst upload before batch work queued earlier', async () => {
    const env = await createTestEnv();
    envs.push(env);
    const ctx = await createServiceContext(env.config);
    closers.push(() => ctx.close());
    const dir = path.join(env.dir, 'batch');
    await fs.mkdir(dir);
    const files = [];
    for (let i = 0; i < 5; i++) {
      files.push({ file: path.join(dir, `b${i}.txt`) });
      await fs.writeFile(files[i]!.file, `Article 1\nThe operator ${i} shall file a return.\n`);
    }
    // Batch first, while no worker runs; then a person uploads through the API.
    const batch = await runBatch(ctx, files, { tenantId: env.config.tenant, wait: false });
    expect(batch.pending).toBe(5);
    const api = await buildServer(ctx);
    await api.listen({ port: 0, host: '127.0.0.1' });
    closers.push(() => api.close());
    const address = api.server.address();
    const { key } = await ctx.apiKeys.create({ tenantId: env.config.tenant, scopes: ['read', 'upload'] });
    const client = apiClient(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, key);
    const analyst = await client.upload('Article 2\nThe analyst upload shall go first.\n', 'urgent.txt');

    const extract = await createExtractor(env.config, 'rules');
    const workers = startBullmqWorkers(buildHandlers(ctx, { ingest: true, extract }), {
      redisUrl: env.config.redisUrl, prefix: env.config.redisPrefix, attempts: 1, concurrency: { ingest: 1, extract: 1 }, onFailure: ctx.onJobFailure,
    });
    closers.push(async () => { await Promise.all(workers.map((w) => w.close())); await extract.extractor.close(); });
    await client.settled(analyst.id);
    for (const d of batch.documents) await client.settled(d.id!);

    const ingest = ctx.queue.queues.get('ingest')!;
    const processedOn = async (id: string) => (await ingest.getJob(jobIds.ingest(id, 0)))!.processedOn!;
    const first = await processedOn(analyst.id);
    for (const d of batch.documents) expect(await processedOn(d.id!)).toBeGreaterThanOrEqual(first);
    expect((await ingest.getJob(jobIds.ingest(batch.documents[0]!.id!, 0)))!.opts.priority).toBe(10);
  });
});
