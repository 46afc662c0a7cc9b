import { performance } from 'node:perf_hooks';
import autocannon, { type Options } from 'autocannon';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import pg from 'pg';
import { buildServer } from '../services/api/server.ts';
import { createServiceContext } from '../services/common/app-context.ts';
import { queryRows } from '../services/storage/database.ts';
import { createTestEnv } from '../test/support/test-env.ts';
import type { Bench, BenchRow } from './bench.ts';
import { seedObligations } from './seed-obligations.ts';

const ROWS = Number(process.env.BENCH_LOAD_OBLIGATIONS ?? 1_000_000);
const PER_DOC = 1000;
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const CONNECTIONS = 10;
const STREAMS = 100;
const IDS_PER_STREAM = 200;

interface Measured { p50: number; p95: number; p99: number; rps: number; errors: number }

/** autocannon for `SECONDS`; p95 from every response time (autocannon's summary has no p95). */
async function load(options: Options): Promise<Measured> {
  const times: number[] = [];
  const instance = autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options });
  instance.on('response', (_client, _status, _bytes, ms) => { times.push(ms); });
  const result = await instance;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), rps: result.requests.average, errors: result.errors + result.non2xx + result.timeouts };
}

type Recorded = { text: string; values?: unknown[] };

/**
 * Load at 1,000,000 obligations (seeded with generate_series): autocannon against the filtered and
 * the full-text `GET /v1/obligations` and against uploads, each next to the very same SQL (recorded
 * from Obligato's own request) served by a bare Fastify + pg route in the same run; then the same
 * filtered query while 100 SSE streams follow 200 documents each and workers' progress writes
 * notify them.
 */
const bench: Bench = {
  name: 'load',
  async run() {
    const env = await createTestEnv({ auth: 'off', logLevel: 'silent' });
    const ctx = await createServiceContext(env.config);
    const db = ctx.database.db;
    const docs = ROWS / PER_DOC;
    const seedStarted = performance.now();
    await seedObligations(db, ROWS, PER_DOC);
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const api = await buildServer(ctx, { rateLimitPerMinute: 0 });
    await api.listen({ port: 0, host: '127.0.0.1' });
    const address = api.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    // The SQL Obligato sends for one request, recorded at the pg driver, replayed by the bare route.
    const recordSql = async (path: string): Promise<Recorded[]> => {
      const recorded: Recorded[] = [];
      // eslint-disable-next-line @typescript-eslint/unbound-method -- restored below, always called with its client
      const original = pg.Client.prototype.query;
      pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
        const [first, second] = args;
        if (typeof first === 'string') recorded.push({ text: first, values: Array.isArray(second) ? second : undefined });
        else if (first && typeof first === 'object' && 'text' in first) recorded.push(first as Recorded);
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof original;
      try {
        const res = await fetch(`${base}${path}`);
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${path}: ${res.status}`);
      } finally {
        pg.Client.prototype.query = original;
      }
      return recorded.map(({ text, values }) => ({ text, values }));
    };

    const pool = new pg.Pool({ connectionString: env.config.databaseUrl, max: 10 });
    const bare = Fastify({ logger: false });
    const routes = new Map<string, Recorded[]>();
    bare.get('/q/:name', async (req) => {
      const queries = routes.get((req.params as { name: string }).name)!;
      let rows: unknown[] = [];
      for (const q of queries) rows = (await pool.query({ text: q.text, values: q.values })).rows;
      return { items: rows };
    });
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const bareAddress = bare.server.address();
    const bareBase = `http://127.0.0.1:${typeof bareAddress === 'object' && bareAddress ? bareAddress.port : 0}`;

    const rows: BenchRow[] = [];
    const compare = async (label: string, name: string, path: string, p95Target?: string) => {
      routes.set(name, await recordSql(path));
      const ours = await load({ url: `${base}${path}` });
      const ref = await load({ url: `${bareBase}/q/${name}` });
      const note = `${ROWS} obligations; ${CONNECTIONS} connections × ${SECONDS} s; ${routes.get(name)!.length} SQL statements per request; errors ${ours.errors}/${ref.errors}`;
      rows.push({ name: `${label}: p50`, value: ours.p50, unit: 'ms', reference: { name: 'bare Fastify + pg, same SQL', value: ref.p50 }, ratio: ref.p50 / ours.p50, note });
      rows.push({ name: `${label}: p95`, value: ours.p95, unit: 'ms', reference: { name: 'bare Fastify + pg, same SQL', value: ref.p95 }, ratio: ref.p95 / ours.p95, target: p95Target });
      rows.push({ name: `${label}: p99`, value: ours.p99, unit: 'ms', reference: { name: 'bare Fastify + pg, same SQL', value: ref.p99 }, ratio: ref.p99 / ours.p99 });
      rows.push({ name: `${label}: throughput`, value: ours.rps, unit: 'req/s', reference: { name: 'bare Fastify + pg, same SQL', value: ref.rps }, ratio: ours.rps / ref.rps, target: '≥ 0.8×' });
      return ours;
    };

    const filtered = '/v1/obligations?limit=50&modality=prohibition&series=SERIES-3&sort=deadline';
    const baseline = await compare('filtered (modality + series, sort deadline)', 'filtered', filtered, '≤ 50 ms');
    await compare('full text (q=4242)', 'fulltext', '/v1/obligations?limit=50&q=4242');

    // Uploads: distinct small text files (each a new document and an ingest job; no workers run).
    let n = 0;
    const uploads = await load({
      url: `${base}/v1/documents?filename=load.txt`, method: 'POST', headers: { 'content-type': 'text/plain' },
      requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body: `Article 1\nThe operator shall keep register ${process.pid}-${n++}.\n` }) }],
    });
    rows.push({ name: 'uploads (POST /v1/documents, raw text)', value: uploads.rps, unit: 'req/s', note: `p50 ${uploads.p50.toFixed(0)} ms, p95 ${uploads.p95.toFixed(0)} ms, p99 ${uploads.p99.toFixed(0)} ms; errors ${uploads.errors}` });

    // Event streams: 200 unfinished documents, 100 streams following all of them, progress writes notifying.
    await db.execute(sql`update documents set status = 'extracting', segments_total = 1000
      where id in (select id from documents order by id limit ${IDS_PER_STREAM})`);
    const followed = (await queryRows<{ id: string }>(db, sql`select id from documents where status = 'extracting' order by id`)).map((r) => r.id);
    const controllers = Array.from({ length: STREAMS }, () => new AbortController());
    let events = 0;
    await Promise.all(controllers.map(async (c) => {
      const res = await fetch(`${base}/v1/documents/events?ids=${followed.join(',')}`, { signal: c.signal });
      const reader = res.body!.getReader();
      void (async () => {
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) return;
            events += new TextDecoder().decode(value).split('event: progress').length - 1;
          }
        } catch { /* aborted */ }
      })();
    }));
    let writes = 0;
    const writer = setInterval(() => {
      const id = followed[writes++ % followed.length]!;
      void db.execute(sql`update documents set segments_done = segments_done + 1 where id = ${id}`);
    }, 20);
    const eventsBefore = events;
    const withStreams = await load({ url: `${base}${filtered}` });
    clearInterval(writer);
    const pushed = events - eventsBefore;
    controllers.forEach((c) => c.abort());
    rows.push({
      name: `filtered p95 with ${STREAMS} SSE streams × ${IDS_PER_STREAM} ids open`, value: withStreams.p95, unit: 'ms',
      reference: { name: 'same query, no streams (above)', value: baseline.p95 }, ratio: baseline.p95 / withStreams.p95, target: 'moves ≤ 20% (ratio ≥ 0.83×)',
      note: `${writes} progress writes (50/s) pushed ${pushed} events to the streams during the run; p99 ${withStreams.p99} ms; ${withStreams.rps.toFixed(0)} req/s`,
    });

    await bare.close();
    await pool.end();
    await api.close();
    await ctx.close();
    await env.cleanup();
    return {
      title: 'Load at 1M obligations',
      description: `${ROWS} obligations in ${docs} documents seeded by SQL (${seedSeconds.toFixed(0)} s); autocannon, ${CONNECTIONS} connections, ${SECONDS} s per run, server and load generator on the same machine. `
        + 'The reference serves exactly the SQL statements Obligato issued for the same request (recorded at the pg driver) from a bare Fastify + pg route, in the same run. Ratios: reference latency / ours, our throughput / reference.',
      rows,
    };
  },
};
export default bench;
