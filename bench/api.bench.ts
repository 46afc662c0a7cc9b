import { performance } from 'node:perf_hooks';
import { buildServer } from '../services/api/server.ts';
import { createServiceContext } from '../services/common/app-context.ts';
import { createTestEnv } from '../test/support/test-env.ts';
import type { Bench, BenchRow } from './bench.ts';
import { seedObligations } from './seed-obligations.ts';

const ROWS = Number(process.env.BENCH_OBLIGATIONS ?? 100_000);
const PER_DOC = 1000;

/**
 * REST timings at 100k obligations, seeded straight into Postgres with generate_series (the
 * pipeline is not what is measured here): the analyst page's first request, filtered and sorted
 * pages, and full streamed exports with the API process's memory growth alongside.
 */
const bench: Bench = {
  name: 'api',
  async run() {
    // Timings of the query path: no API keys (AUTH=off) and no rate limit in the way.
    const env = await createTestEnv({ auth: 'off' });
    const ctx = await createServiceContext(env.config);
    const db = ctx.database.db;
    const docs = ROWS / PER_DOC;
    await seedObligations(db, ROWS, PER_DOC);

    const api = await buildServer(ctx, { rateLimitPerMinute: 0 });
    await api.listen({ port: 0, host: '127.0.0.1' });
    const address = api.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const rows: BenchRow[] = [];
    const median = async (path: string, runs = 15) => {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        const res = await fetch(`${base}${path}`);
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${path}: ${res.status}`);
        times.push(performance.now() - t);
      }
      return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
    };
    const pages: [string, string][] = [
      ['obligations page 1 (page load, 50 rows, newest)', '/v1/obligations?limit=50'],
      ['page 2 via cursor', ''],
      ['filter modality + series, sort deadline', '/v1/obligations?limit=50&modality=prohibition&series=SERIES-3&sort=deadline'],
      ['full text q=incident 4242', '/v1/obligations?limit=50&q=4242'],
      ['subject contains + deadline window', '/v1/obligations?limit=50&subject=operator%2042&deadlineAfter=2026-03-01&deadlineBefore=2026-06-30'],
      ['sort -confidence', '/v1/obligations?limit=50&sort=-confidence'],
      ['documents list (50, with counts)', '/v1/documents?limit=50'],
      ['analyst page index.html', '/'],
    ];
    const first = (await (await fetch(`${base}/v1/obligations?limit=50`)).json()) as { nextCursor: string };
    pages[1]![1] = `/v1/obligations?limit=50&cursor=${first.nextCursor}`;
    for (const [name, path] of pages) rows.push({ name, value: await median(path), unit: 'ms', target: '< 300 ms', note: `${ROWS} obligations` });

    for (const format of ['csv', 'jsonl', 'xlsx'] as const) {
      global.gc?.();
      const rss0 = process.memoryUsage().rss;
      let peak = rss0;
      const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
      const t = performance.now();
      const res = await fetch(`${base}/v1/obligations/export?format=${format}`);
      let bytes = 0;
      for await (const chunk of res.body!) bytes += (chunk as Uint8Array).byteLength;
      const ms = performance.now() - t;
      clearInterval(timer);
      rows.push({ name: `export ${ROWS} rows as ${format}`, value: ms / 1000, unit: 's',
        note: `${(bytes / 2 ** 20).toFixed(1)} MiB; RSS growth ${((peak - rss0) / 2 ** 20).toFixed(0)} MiB (server and client in one process)` });
    }
    await api.close();
    await ctx.close();
    await env.cleanup();
    return {
      title: 'REST at 100k obligations',
      description: `${ROWS} obligations in ${docs} documents seeded by SQL into Postgres; medians of 15 requests over HTTP on localhost; exports streamed to the end.`,
      rows,
    };
  },
};
export default bench;
