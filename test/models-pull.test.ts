import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.ts';
import { tinyQwenModelPath } from './support/tiny-qwen-gguf.ts';

/** MODELS_DIR from the caller's shell must not leak in: every call passes --models-dir. */
const cli = (args: string[], timeoutMs = 60_000) =>
  runCli(args, { timeoutMs, env: { MODELS_DIR: '', OBLIGATO_CACHE_DIR: path.join(dir, 'cache') } });

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/** A port that was free a moment ago and has nothing listening on it now. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  const port = await listen(s);
  await new Promise((r) => s.close(r));
  return port;
}

let dir: string;
let model: string;
let server: http.Server;
let base: string;
/** Accepts connections and never answers. */
let silent: net.Server;
let silentPort: number;
const silentSockets = new Set<net.Socket>();
/** Sends the headers and a few bytes of the body, then nothing. */
let staller: http.Server;
let stallerBase: string;

describe('obligato models pull / list', () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'obligato-pull-'));
    model = await tinyQwenModelPath(path.join(dir, 'served'));
    const size = (await stat(model)).size;
    server = http.createServer((req, res) => {
      if (req.url === '/page.gguf') {
        // A captive portal or proxy answering with a web page under the model's name.
        const page = Buffer.from(`<!doctype html><html><body>${'Sign in to continue. '.repeat(200)}</body></html>`);
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': page.length });
        res.end(req.method === 'HEAD' ? undefined : page);
        return;
      }
      if (req.url !== `/${path.basename(model)}`) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size });
      if (req.method === 'HEAD') res.end();
      else createReadStream(model).pipe(res);
    });
    base = `http://127.0.0.1:${await listen(server)}`;
    silent = net.createServer((socket) => { silentSockets.add(socket); });
    silentPort = await listen(silent);
    staller = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size });
      if (req.method === 'HEAD') res.end();
      else res.write(Buffer.alloc(1024));
    });
    stallerBase = `http://127.0.0.1:${await listen(staller)}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    staller?.closeAllConnections();
    for (const socket of silentSockets) socket.destroy();
    await Promise.all([server, silent, staller].map((s) => new Promise((r) => (s ? s.close(r) : r(null)))));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('pulls a GGUF by URL into MODELS_DIR with progress on stderr, and lists it with its sha256', async () => {
    const modelsDir = path.join(dir, 'models');
    const url = `${base}/${path.basename(model)}`;
    const pulled = await cli(['models', 'pull', url, '--models-dir', modelsDir]);
    expect(pulled.code, pulled.stderr).toBe(0);
    const landed = path.join(modelsDir, path.basename(model));
    const sha256 = createHash('sha256').update(await readFile(landed)).digest('hex');
    expect(await readFile(landed)).toEqual(await readFile(model));
    // stdout carries the result only; the progress lines go to stderr.
    expect(pulled.stdout).toContain(landed);
    expect(pulled.stdout).toContain(`sha256 ${sha256}`);
    expect(pulled.stdout).not.toMatch(/MiB/);
    expect(pulled.stderr).toMatch(/pull: .+ 0\.4\/0\.4 MiB 100%/);

    const listed = await cli(['models', 'list', '--json', '--models-dir', modelsDir]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual({
      dir: modelsDir,
      models: [{ file: path.basename(model), bytes: (await stat(model)).size, architecture: 'qwen3', sha256 }],
    });
  });

  it('refuses a download that is not a GGUF and keeps nothing in MODELS_DIR', async () => {
    const modelsDir = path.join(dir, 'refused');
    const r = await cli(['models', 'pull', `${base}/page.gguf`, '--models-dir', modelsDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is not a usable model: not a GGUF file (starts with "<!do", expected "GGUF"); nothing was kept');
    // Neither the file nor the staging folder is left behind.
    expect(await readdir(modelsDir)).toEqual([]);
  });

  it('keeps the sha256 cache outside a read-only models directory', async () => {
    const modelsDir = path.join(dir, 'models');
    const listed = await cli(['models', 'list', '--json', '--models-dir', modelsDir]);
    expect(listed.code, listed.stderr).toBe(0);
    const { models } = JSON.parse(listed.stdout) as { models: { sha256: string | null }[] };
    expect(models[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await readdir(modelsDir)).filter((f) => f.endsWith('.sha256'))).toEqual([]);
    expect((await readdir(path.join(dir, 'cache', 'model-sha256'))).length).toBeGreaterThan(0);
  });

  it('fails within seconds with a clear error for a closed port', async () => {
    const port = await closedPort();
    const r = await cli(['models', 'pull', `http://127.0.0.1:${port}/model.gguf`, '--models-dir', path.join(dir, 'm2'), '--attempts', '2'], 30_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Cannot reach 127.0.0.1:${port}: connection refused (2 attempts)`);
    // A hang guard, not a speed check: ipull's own retries take ~12 minutes; Node + tsx start-up
    // alone took up to ~15 s on a loaded 2-core machine, so the bound is generous.
    expect(r.ms).toBeLessThan(90_000);
  });

  it('gives up on a host that accepts connections but never answers', async () => {
    const r = await cli(['models', 'pull', `http://127.0.0.1:${silentPort}/model.gguf`, '--models-dir', path.join(dir, 'm3'),
      '--attempts', '2', '--connect-timeout', '1'], 30_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Cannot reach 127.0.0.1:${silentPort}: no response within 1 s (2 attempts)`);
    expect(r.ms).toBeLessThan(90_000);
  });

  it('reports HTTP errors without retrying them', async () => {
    const r = await cli(['models', 'pull', `${base}/missing.gguf`, '--models-dir', path.join(dir, 'm4')], 30_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${base}/missing.gguf answered HTTP 404`);
  });

  it('aborts a download that stops sending data', async () => {
    const r = await cli(['models', 'pull', `${stallerBase}/stall.gguf`, '--models-dir', path.join(dir, 'm5'), '--stall-timeout', '2'], 60_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('stalled: no data for 2 s');
    expect(r.ms).toBeLessThan(90_000);
  });
});
