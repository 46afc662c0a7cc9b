import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * `obligato models pull` without the hang. node-llama-cpp downloads through ipull, which retries
 * a failed request 150 times with backoff up to 5 s (about 12 minutes for a closed port) and
 * exposes no setting for it. So the host is probed first with our own bounded attempts, the
 * downloader's set-up is raced against a deadline, and the transfer is aborted when no byte
 * arrives for `stallTimeoutMs`.
 */
export interface PullOptions {
  uri: string;
  dir: string;
  /** Per attempt, for the probe and for the downloader's set-up. */
  connectTimeoutMs?: number;
  /** Probe attempts before giving up (backoff 0.5 s, 1 s, 2 s, …). */
  attempts?: number;
  /** Abort the transfer when no progress arrives for this long. */
  stallTimeoutMs?: number;
  onProgress?: (p: { downloadedBytes: number; totalBytes: number }) => void;
}

export interface PulledModel { file: string; sha256: string }

export class PullError extends Error {}

const HF_HOST = 'https://huggingface.co/';

/** The address whose reachability decides whether a download can start at all. */
export function probeUrlOf(uri: string): string {
  if (/^https?:\/\//i.test(uri)) return uri;
  if (/^(hf|huggingface):/i.test(uri)) return HF_HOST;
  throw new PullError(`Not a model URI: "${uri}" (expected hf:owner/repo:quant or an http(s) URL to a .gguf)`);
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'no response';
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused';
  if (cause?.code === 'ENOTFOUND' || cause?.code === 'EAI_AGAIN') return `host not found (${cause.code})`;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

/**
 * HEAD with bounded attempts. An HTTP answer ends the probe: 4xx is final (a wrong URL does not
 * heal), 5xx is retried; 405/501 mean the server does not do HEAD, which still proves it is there.
 */
export async function probe(url: string, attempts: number, timeoutMs: number): Promise<void> {
  const where = new URL(url).host;
  let last = '';
  for (let i = 0; i < attempts; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 500 * 2 ** (i - 1)));
    try {
      const res = await fetch(url, { method: 'HEAD', redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
      if (res.ok || res.status === 405 || res.status === 501) return;
      last = `HTTP ${res.status} ${res.statusText}`.trim();
      if (res.status < 500) throw new PullError(`${url} answered ${last}`);
    } catch (error) {
      if (error instanceof PullError) throw error;
      last = describeNetworkError(error);
      if (last === 'no response') last = `no response within ${timeoutMs / 1000} s`;
    }
  }
  throw new PullError(`Cannot reach ${where}: ${last} (${attempts} attempt${attempts === 1 ? '' : 's'})`);
}

function withDeadline<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new PullError(message)), ms); });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Downloads `uri` into `dir` and hashes it, so `models list` shows the sha256. The transfer lands
 * in a hidden staging folder inside `dir`; only a file whose GGUF header checks out (magic,
 * version, readable architecture) is renamed into place, so `dir` never holds a half-written or
 * non-GGUF file under a model's name. A file already in `dir` that checks out is kept.
 */
export async function pullModel(opts: PullOptions): Promise<PulledModel> {
  const connectTimeoutMs = opts.connectTimeoutMs ?? 10_000;
  const attempts = Math.max(1, opts.attempts ?? 3);
  const stallTimeoutMs = opts.stallTimeoutMs ?? 60_000;
  await probe(probeUrlOf(opts.uri), attempts, connectTimeoutMs);

  // Imported lazily: an unreachable host is reported without loading node-llama-cpp.
  const { createModelDownloader } = await import('node-llama-cpp');
  const { fileSha256, verifyGgufHeader } = await import('../../workers/extract/engines/llm/model-runtime.ts');
  await mkdir(opts.dir, { recursive: true });
  const staging = path.join(opts.dir, `.pull-${process.pid}-${Math.random().toString(36).slice(2)}`);
  await mkdir(staging);
  const stall = new AbortController();
  let watchdog: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => stall.abort(new PullError(`Download of ${opts.uri} stalled: no data for ${stallTimeoutMs / 1000} s`)), stallTimeoutMs);
  };
  const downloader = await withDeadline(createModelDownloader({
    modelUri: opts.uri, dirPath: staging, skipExisting: true, showCliProgress: false,
    onProgress: ({ totalSize, downloadedSize }) => {
      arm();
      opts.onProgress?.({ downloadedBytes: downloadedSize, totalBytes: totalSize });
    },
  }), connectTimeoutMs * attempts, `Cannot start the download of ${opts.uri}: no file information within ${(connectTimeoutMs * attempts) / 1000} s`);
  const existing = path.join(opts.dir, downloader.entrypointFilename);
  try {
    if (await stat(existing).then((st) => st.isFile(), () => false)) {
      const kept = await verifyGgufHeader(existing).then(() => true, () => false);
      if (kept) {
        await downloader.cancel().catch(() => undefined);
        return { file: existing, sha256: await fileSha256(existing) };
      }
    }
    arm();
    const staged = await downloader.download({ signal: stall.signal });
    // A cancelled download can resolve instead of rejecting; the abort reason is the real story.
    if (stall.signal.aborted) throw stall.signal.reason;
    try {
      await verifyGgufHeader(staged);
    } catch (error) {
      throw new PullError(`Download of ${opts.uri} is not a usable model: ${(error as Error).message}; nothing was kept`);
    }
    // Split models come as several parts; all of them move, the entrypoint last.
    const parts = (await readdir(staging)).filter((f) => f !== path.basename(staged) && !f.startsWith('.'));
    for (const part of parts) await rename(path.join(staging, part), path.join(opts.dir, part));
    const file = path.join(opts.dir, path.basename(staged));
    await rename(staged, file);
    return { file, sha256: await fileSha256(file) };
  } catch (error) {
    if (error instanceof PullError) throw error;
    throw new PullError(`Download of ${opts.uri} failed: ${(error as Error).message}`);
  } finally {
    clearTimeout(watchdog);
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
}
