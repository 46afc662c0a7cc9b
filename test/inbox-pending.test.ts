import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHandlers } from '../services/common/handlers.ts';
import { INBOX_FOLDERS, scanInbox, type InboxReport } from '../services/schedule/inbox-scan.ts';
import { createExtractor } from '../workers/extract/create-extractor.ts';
import { useEmbeddedTestContext } from './support/embedded-test-context.ts';

/**
 * The inbox run's timeout: documents not finished when it expires are reported pending and their
 * files stay in the inbox for the next run, which archives them once done. Workers are held
 * (queue paused) instead of racing a clock, so nothing can finish before the timeout.
 */
const world = useEmbeddedTestContext();

describe('inbox timeout and pending files', () => {
  it('leaves unfinished files in the inbox, listed as pending; the next run archives them', async () => {
    world.ctx.queue.handlers = buildHandlers(world.ctx, { ingest: true, extract: await createExtractor(world.env.config, 'rules') });
    const dir = path.join(world.env.dir, 'inbox');
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, 'a.txt'), 'Article 1\nThe carrier shall keep a log.\n');
    await fs.writeFile(path.join(dir, 'b.txt'), 'Article 1\nThe port may inspect the log.\n');

    world.ctx.queue.pause();
    const first = await scanInbox(world.ctx, dir, { timeoutMs: 100, pollMs: 10 });
    expect(first.pending.map((p) => p.file).sort()).toEqual(['a.txt', 'b.txt']);
    expect(first.pending.every((p) => p.documentId)).toBe(true);
    expect(first.archived).toEqual([]);
    expect(first.failed).toEqual([]);
    expect((await fs.readdir(dir)).filter((f) => f.endsWith('.txt')).sort()).toEqual(['a.txt', 'b.txt']);
    const written = await fs.readdir(path.join(dir, INBOX_FOLDERS.reports));
    expect(written).toHaveLength(1);
    const onDisk = JSON.parse(await fs.readFile(path.join(dir, INBOX_FOLDERS.reports, written[0]!), 'utf8')) as InboxReport;
    expect(onDisk.pending.map((p) => p.file).sort()).toEqual(['a.txt', 'b.txt']);

    world.ctx.queue.resume();
    await world.ctx.queue.drain();
    const second = await scanInbox(world.ctx, dir, { timeoutMs: 60_000, pollMs: 10 });
    expect(second.pending).toEqual([]);
    expect(second.archived.map((a) => a.file).sort()).toEqual(['a.txt', 'b.txt']);
    expect(second.archived.map((a) => a.documentId).sort()).toEqual(first.pending.map((p) => p.documentId).sort());
    expect((await fs.readdir(dir)).filter((f) => f.endsWith('.txt'))).toEqual([]);
  });
});
