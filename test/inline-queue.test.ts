import { describe, expect, it } from 'vitest';
import { EmptyFileError } from '../services/ingest/intake/errors.ts';
import { InlineJobQueue } from '../services/queue/inline-queue.ts';

const DOC = '00000000-0000-4000-8000-000000000001';

describe('in-process queue', () => {
  it('deduplicates by job id, retries transient failures and records the final one', async () => {
    const failures: string[] = [];
    const queue = new InlineJobQueue({ attempts: 3, backoffMs: 1, onFailure: (_n, _p, e) => { failures.push(e.message); return Promise.resolve(); } });
    let calls = 0;
    queue.handlers = {
      ingest: () => {
        calls += 1;
        return calls < 3 ? Promise.reject(new Error(`transient ${calls}`)) : Promise.resolve();
      },
    };
    await queue.enqueue('ingest', { tenantId: 't', documentId: DOC }, { jobId: 'a' });
    await queue.enqueue('ingest', { tenantId: 't', documentId: DOC }, { jobId: 'a' });
    await queue.drain();
    expect(calls).toBe(3);
    expect(failures).toEqual([]);

    queue.handlers = { ingest: () => Promise.reject(new Error('still down')) };
    await queue.enqueue('ingest', { tenantId: 't', documentId: DOC }, { jobId: 'b' });
    await queue.drain();
    expect(failures).toEqual(['still down']);
  });

  it('does not retry bad input', async () => {
    const failures: string[] = [];
    const queue = new InlineJobQueue({ attempts: 5, backoffMs: 1, onFailure: (_n, _p, e) => { failures.push(e.message); return Promise.resolve(); } });
    let calls = 0;
    queue.handlers = { ingest: () => { calls += 1; return Promise.reject(new EmptyFileError()); } };
    await queue.enqueue('ingest', { tenantId: 't', documentId: DOC }, { jobId: 'c' });
    await queue.drain();
    expect(calls).toBe(1);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/empty/i);
  });

  it('rejects a malformed payload without calling the handler', async () => {
    const failures: string[] = [];
    const queue = new InlineJobQueue({ attempts: 2, backoffMs: 1, onFailure: (_n, _p, e) => { failures.push(e.message); return Promise.resolve(); } });
    let calls = 0;
    queue.handlers = { ingest: () => { calls += 1; return Promise.resolve(); } };
    // A payload that type-checks but fails the zod schema (documentId must be a uuid).
    await queue.enqueue('ingest', { tenantId: 't', documentId: 'nope' }, { jobId: 'd' });
    await queue.drain();
    expect(calls).toBe(0);
  });
});
