import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CorruptPdfError, DocumentInputError, DocumentTooLargeError, EncryptedPdfError } from '../intake/errors.ts';
import type { PdfJob, SandboxPage, WorkerMessage } from './pdf-protocol.ts';

/**
 * PDF parsing and rendering in worker threads that the ingest process can stop. Each worker
 * has a heap limit; every page must arrive within the per-page time limit (opening within the
 * open limit). A worker that overruns is terminated and replaced, and the document fails with a
 * ProcessingLimitError: a PDF bomb costs one bounded thread, never the process. Idle workers are
 * kept (pdf.js loads once per thread) and large files are spread over several of them.
 */

export interface PdfSandboxOptions {
  /** Worker threads kept; default: available cores. */
  workers?: number;
  /** Heap limit of each worker (V8 old generation), MiB. */
  maxHeapMb?: number;
  /** Opening the file and each page (text, routing, rendering) must finish within this. */
  pageTimeoutMs?: number;
  /** Files with at least this many pages are spread over the idle workers. */
  shardFromPages?: number;
}

export interface SandboxRequest {
  maxPages: number;
  render: boolean;
  dpi: number;
  maxPixels: number;
  /** Rendered pages handed on but not yet released; rendering waits beyond this. Default 8. */
  maxPendingRenders?: number;
}

/** Called for every page as it arrives; `release` says its image is no longer needed. */
export type OnSandboxPage = (page: SandboxPage, release: () => void) => void;

const DEFAULT_MAX_PENDING_RENDERS = 8;

/** A file that hits a time or memory limit: retrying would only hit it again. */
export class ProcessingLimitError extends DocumentInputError {
  constructor(message: string) {
    super('processing_limit', message);
  }
}

/**
 * The worker body is TypeScript. Node 20 does not carry the parent's tsx hooks into worker
 * threads, so a tiny CommonJS bootstrap registers tsx in the thread and then imports the body
 * (the same under `node --import tsx` and under vitest).
 */
// Compiled (dist/, `npm run build:dist`): the body is plain JavaScript beside this file and no
// TypeScript loader is needed (nor installed in the production image).
const COMPILED = import.meta.url.endsWith('.js');
const WORKER_URL = new URL(COMPILED ? './pdf-worker.js' : './pdf-worker.ts', import.meta.url).href;
const BOOTSTRAP = COMPILED ? `import(${JSON.stringify(WORKER_URL)})` : tsxBootstrap();

function tsxBootstrap(): string {
  // The ESM build of tsx's API (require.resolve would give the CommonJS one).
  const tsxApi = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  return `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL)}); })`;
}

interface Running {
  resolveMeta: (numPages: number) => void;
  onPage: (page: SandboxPage) => void;
  done: () => void;
  fail: (error: Error) => void;
  touch: () => void;
  /** The worker waits for a render credit: not stuck, so no page clock until it resumes. */
  pause: () => void;
}

class SandboxWorker {
  readonly thread: Worker;
  /**
   * Settles once the thread has loaded pdf.js (about a second cold, more under load): page
   * clocks start after that, since a slow boot is not the file's doing.
   */
  readonly ready: Promise<void>;
  busy = false;
  dead = false;
  private running: Running | null = null;
  private markReady!: () => void;
  private failReady!: (error: Error) => void;

  constructor(maxHeapMb: number) {
    this.ready = new Promise((resolve, reject) => {
      this.markReady = resolve;
      this.failReady = reject;
    });
    this.ready.catch(() => undefined);
    this.thread = new Worker(BOOTSTRAP, {
      eval: true,
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: Math.min(64, maxHeapMb / 4) },
      stdout: false,
      stderr: false,
    });
    this.thread.unref();
    this.thread.on('message', (msg: WorkerMessage) => this.onMessage(msg));
    this.thread.on('error', (error: Error & { code?: string }) => {
      this.dead = true;
      const oom = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      const failure = oom ? new ProcessingLimitError(`PDF needs more than ${maxHeapMb} MiB of memory to read; stopped`) : error;
      this.failReady(failure);
      this.running?.fail(failure);
    });
    this.thread.on('exit', () => {
      this.dead = true;
      const failure = new ProcessingLimitError('PDF processing stopped unexpectedly (worker exited)');
      this.failReady(failure);
      this.running?.fail(failure);
    });
  }

  run(job: PdfJob, running: Running): void {
    this.running = running;
    this.thread.postMessage(job, [job.bytes.buffer as ArrayBuffer]);
  }

  finish(): void {
    this.running = null;
  }

  private onMessage(msg: WorkerMessage): void {
    if (msg.type === 'ready') {
      this.markReady();
      return;
    }
    const r = this.running;
    if (!r) return;
    if (msg.type === 'waiting') {
      r.pause();
      return;
    }
    r.touch();
    switch (msg.type) {
      case 'meta':
        r.resolveMeta(msg.numPages);
        break;
      case 'page':
        r.onPage(msg.page);
        break;
      case 'done':
        r.done();
        break;
      case 'error':
        r.fail(errorFrom(msg.kind, msg.message));
        break;
    }
  }
}

function errorFrom(kind: string, message: string): Error {
  switch (kind) {
    case 'encrypted':
      return new EncryptedPdfError(message.includes('Incorrect') ? 'the password is not known' : undefined);
    case 'corrupt':
      return new CorruptPdfError(message.replace(/^PDF could not be read: /, ''));
    case 'too_large':
      return new DocumentTooLargeError(message);
    default:
      return new Error(message);
  }
}

let nextJobId = 1;
/** A thread that has not loaded pdf.js by then is broken (not the file's fault: a plain Error, retried). */
const BOOT_TIMEOUT_MS = 60_000;

export class PdfSandbox {
  private readonly size: number;
  private readonly maxHeapMb: number;
  private readonly pageTimeoutMs: number;
  private readonly shardFromPages: number;
  private readonly idle: SandboxWorker[] = [];
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(opts: PdfSandboxOptions = {}) {
    this.size = Math.max(1, opts.workers ?? os.availableParallelism());
    this.maxHeapMb = opts.maxHeapMb ?? 512;
    this.pageTimeoutMs = opts.pageTimeoutMs ?? 30_000;
    this.shardFromPages = opts.shardFromPages ?? 16;
  }

  /** Every page's text layer and routing (and PNG where OCR is needed), in page order. */
  async extract(bytes: Uint8Array, req: SandboxRequest, onPage?: OnSandboxPage): Promise<SandboxPage[]> {
    const pages: SandboxPage[] = [];
    const shared = {
      cursor: new Int32Array(new SharedArrayBuffer(4)),
      renderCredits: new Int32Array(new SharedArrayBuffer(4)),
    };
    Atomics.store(shared.renderCredits, 0, Math.max(1, req.maxPendingRenders ?? DEFAULT_MAX_PENDING_RENDERS));
    const release = () => {
      Atomics.add(shared.renderCredits, 0, 1);
      Atomics.notify(shared.renderCredits, 0);
    };
    // Pages are handed on as they arrive (OCR starts while later pages are still parsed).
    const collect = {
      push: (p: SandboxPage) => {
        pages.push(p);
        // Only rendered pages took a credit; `once` keeps a double release from inflating them.
        const done = p.png ? once(release) : () => undefined;
        if (onPage) onPage(p, done);
        else done();
      },
    };
    const first = await this.acquire();
    // The first worker opens the file, reports the page count and starts on the pages; helpers
    // join for long files and take pages from the same cursor.
    const lead = this.runJob(first, bytes, req, shared, collect);
    const numPages = await Promise.race([lead.meta, lead.finished.then(() => -1)]);
    if (numPages < 0) {
      await lead.finished;
      return pages;
    }
    const helpers = numPages >= this.shardFromPages ? await this.acquireIdle(this.size - 1) : [];
    const runs = [lead.finished, ...helpers.map((w) => this.runJob(w, bytes, req, shared, collect).finished)];
    await settleAll(runs);
    return pages.sort((a, b) => a.n - b.n);
  }

  async dispose(): Promise<void> {
    const workers = this.idle.splice(0);
    await Promise.allSettled(workers.map((w) => w.thread.terminate()));
  }

  private runJob(
    worker: SandboxWorker,
    bytes: Uint8Array,
    req: SandboxRequest,
    shared: { cursor: Int32Array; renderCredits: Int32Array },
    pages: { push: (p: SandboxPage) => void },
  ): { meta: Promise<number>; finished: Promise<void> } {
    const id = nextJobId++;
    let resolveMeta!: (n: number) => void;
    const meta = new Promise<number>((r) => (resolveMeta = r));
    const finished = new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const end = (error?: Error) => {
        clearTimeout(timer);
        worker.finish();
        if (error) {
          this.discard(worker);
          reject(error);
        } else {
          this.releaseWorker(worker);
          resolve();
        }
      };
      const touch = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          end(new ProcessingLimitError(`PDF processing exceeded ${Math.round(this.pageTimeoutMs / 1000)} s for one page; stopped`));
        }, this.pageTimeoutMs);
      };
      touch();
      worker.run(
        { id, bytes: bytes.slice(), maxPages: req.maxPages, cursor: shared.cursor, renderCredits: shared.renderCredits, render: req.render, dpi: req.dpi, maxPixels: req.maxPixels },
        { resolveMeta, onPage: (p) => pages.push(p), done: () => end(), fail: (e) => end(e), touch, pause: () => clearTimeout(timer) },
      );
    });
    return { meta, finished };
  }

  /** Up to `n` more workers, but only as many as are free now: sharding never waits for a busy one. */
  private acquireIdle(n: number): Promise<SandboxWorker[]> {
    const free = Math.max(0, Math.min(n, this.size - this.active));
    return Promise.all(Array.from({ length: free }, () => this.acquire()));
  }

  private async acquire(): Promise<SandboxWorker> {
    while (this.active >= this.size) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
    const reused = this.idle.pop();
    if (reused && !reused.dead) {
      reused.busy = true;
      return reused;
    }
    const w = new SandboxWorker(this.maxHeapMb);
    w.busy = true;
    let timer: NodeJS.Timeout | undefined;
    const boot = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`a PDF worker thread did not start within ${BOOT_TIMEOUT_MS / 1000} s`)), BOOT_TIMEOUT_MS);
    });
    try {
      await Promise.race([w.ready, boot]);
    } catch (error) {
      this.discard(w);
      throw error;
    } finally {
      clearTimeout(timer);
    }
    return w;
  }

  private releaseWorker(w: SandboxWorker): void {
    w.busy = false;
    this.active--;
    if (!w.dead) this.idle.push(w);
    this.waiting.shift()?.();
  }

  /** A worker that failed or overran may still be busy or broken: it is not reused. */
  private discard(w: SandboxWorker): void {
    w.busy = false;
    w.dead = true;
    this.active--;
    void w.thread.terminate();
    this.waiting.shift()?.();
  }
}

function once(fn: () => void): () => void {
  let called = false;
  return () => {
    if (called) return;
    called = true;
    fn();
  };
}

/** Wait for all; the first failure wins, but only after every shard has stopped. */
async function settleAll(work: Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(work);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

let shared: PdfSandbox | null = null;

/** The process-wide sandbox, created on first use with `opts` (like sharedOcrPool). */
export function sharedPdfSandbox(opts?: PdfSandboxOptions): PdfSandbox {
  shared ??= new PdfSandbox(opts);
  return shared;
}

export async function disposeSharedPdfSandbox(): Promise<void> {
  const s = shared;
  shared = null;
  await s?.dispose();
}
