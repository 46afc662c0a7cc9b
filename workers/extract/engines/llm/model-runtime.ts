import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  getLlama, LlamaLogLevel, readGgufFileInfo, resolveModelFile,
  type Llama, type LlamaGpuType, type LlamaModel,
} from 'node-llama-cpp';

export interface ModelRuntimeOptions {
  /** A GGUF file path, or a model URI (`hf:owner/repo:quant`, https URL) resolved into `modelsDir`. */
  model: string;
  /** Where URIs are downloaded to / looked up in; node-llama-cpp's default models dir when unset. */
  modelsDir?: string;
  /** `false` forces CPU. Defaults to `'auto'`. */
  gpu?: 'auto' | LlamaGpuType;
  /** Layers offloaded to the GPU. Defaults to `'auto'`. */
  gpuLayers?: 'auto' | number;
  /**
   * CPU threads. node-llama-cpp defaults to max(math cores, 4), which oversubscribes small
   * machines badly (about 50x slower on 2 cores), so a value is always passed explicitly.
   */
  threads?: number;
}

export interface LoadedModel {
  readonly llama: Llama;
  readonly model: LlamaModel;
  readonly modelPath: string;
  /** The file name for local paths, the URI for remote models. */
  readonly modelName: string;
  readonly modelSha256: string;
  readonly architecture: string | undefined;
  readonly threads: number;
  /** Drops this user's reference; the model is disposed when the last one is released. */
  release(): Promise<void>;
}

export const defaultThreads = (): number => Math.max(1, os.availableParallelism());

const isUri = (model: string) => /^(hf:|huggingface:|https?:\/\/)/i.test(model);

function loadError(model: string, reason: string): Error {
  return new Error(`Cannot load model "${model}": ${reason}`);
}

/** Resolves a path or URI to a local GGUF file, downloading URIs when missing. */
export async function resolveModelPath(model: string, modelsDir?: string): Promise<{ modelPath: string; modelName: string }> {
  if (isUri(model)) {
    try {
      const modelPath = await resolveModelFile(model, { cli: false, ...(modelsDir ? { directory: modelsDir } : {}) });
      return { modelPath, modelName: model };
    } catch (err) {
      throw loadError(model, `could not resolve URI (${(err as Error).message})`);
    }
  }
  // A bare relative name may also live in the models dir (MODELS_DIR=/models, MODEL=qwen.gguf).
  const candidates = [path.resolve(model), ...(modelsDir && !path.isAbsolute(model) ? [path.resolve(modelsDir, model)] : [])];
  let modelPath = candidates[0]!;
  let st = null;
  for (const candidate of candidates) {
    st = await stat(candidate).catch(() => null);
    if (st) { modelPath = candidate; break; }
  }
  if (!st) throw loadError(model, 'file not found');
  if (!st.isFile()) throw loadError(model, 'not a regular file');
  return { modelPath, modelName: path.basename(modelPath) };
}

interface ShaCacheEntry { path: string; size: number; mtimeMs: number; sha256: string }

/**
 * Where model digests are cached: OBLIGATO_CACHE_DIR, else $XDG_CACHE_HOME/obligato, else
 * ~/.cache/obligato. Never next to the model: a models volume is often mounted read-only.
 */
export function shaCacheDir(): string {
  const base = process.env.OBLIGATO_CACHE_DIR || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'obligato');
  return path.join(base, 'model-sha256');
}

const cacheFileOf = (file: string) =>
  path.join(shaCacheDir(), `${createHash('sha256').update(path.resolve(file)).digest('hex').slice(0, 32)}.json`);

/** The cached digest of `file`, trusted only while its size and mtime are unchanged; null if none. */
export async function cachedSha256(file: string): Promise<string | null> {
  try {
    const st = await stat(file);
    const cached = JSON.parse(await readFile(cacheFileOf(file), 'utf8')) as Partial<ShaCacheEntry>;
    if (cached.path === path.resolve(file) && cached.size === st.size && cached.mtimeMs === st.mtimeMs
      && typeof cached.sha256 === 'string' && /^[0-9a-f]{64}$/.test(cached.sha256)) return cached.sha256;
  } catch {
    // No cache entry, or an unreadable one: the caller hashes.
  }
  return null;
}

/**
 * Streams the file through sha256. Multi-GB models take seconds to hash, so the digest is cached
 * under `shaCacheDir()`, trusted only while size and mtime match.
 */
export async function fileSha256(file: string): Promise<string> {
  const cached = await cachedSha256(file);
  if (cached) return cached;
  const st = await stat(file);
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 22 })) hash.update(chunk as Buffer);
  const sha256 = hash.digest('hex');
  const entry: ShaCacheEntry = { path: path.resolve(file), size: st.size, mtimeMs: st.mtimeMs, sha256 };
  // Written atomically; an unwritable cache only costs a re-hash next time.
  const target = cacheFileOf(file);
  const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await mkdir(path.dirname(target), { recursive: true })
    .then(() => writeFile(tmp, JSON.stringify(entry)))
    .then(() => rename(tmp, target))
    .catch(() => undefined);
  return sha256;
}

/** What a GGUF header says, read before a file is kept or loaded. */
export interface GgufHeader { version: number; architecture: string; tensorCount: number }

/**
 * Checks that `file` is a GGUF llama.cpp can read: the magic, a supported version (2 or 3) and a
 * readable `general.architecture`. Throws with the reason; a download that is an HTML error
 * page, a truncated file or another format never reaches the models directory.
 */
export async function verifyGgufHeader(file: string): Promise<GgufHeader> {
  const fh = await open(file, 'r');
  const head = Buffer.alloc(8);
  try {
    const { bytesRead } = await fh.read(head, 0, 8, 0);
    if (bytesRead < 8) throw new Error(`not a GGUF file (${bytesRead} bytes)`);
  } finally {
    await fh.close();
  }
  if (head.toString('latin1', 0, 4) !== 'GGUF') {
    throw new Error(`not a GGUF file (starts with ${JSON.stringify(head.toString('latin1', 0, 4))}, expected "GGUF")`);
  }
  const version = head.readUInt32LE(4);
  if (version !== 2 && version !== 3) throw new Error(`unsupported GGUF version ${version} (llama.cpp reads 2 and 3)`);
  let info: Awaited<ReturnType<typeof readGgufFileInfo>>;
  try {
    info = await readGgufFileInfo(file, { readTensorInfo: false });
  } catch (err) {
    throw new Error(`unreadable GGUF metadata (${(err as Error).message})`);
  }
  const architecture = info.metadata.general?.architecture;
  if (typeof architecture !== 'string' || !architecture) throw new Error('GGUF metadata names no general.architecture');
  return { version, architecture, tensorCount: Number(info.tensorCount) };
}

/**
 * llama.cpp explains load failures only through its log, so error lines are captured while a
 * load is in flight and folded into the thrown message.
 */
let captured: string[] | null = null;
function onLlamaLog(level: LlamaLogLevel, message: string): void {
  if (captured) {
    // Errors go into the thrown message; the warning that merely echoes the failure is dropped.
    if (level === LlamaLogLevel.error || level === LlamaLogLevel.fatal) captured.push(message.trim());
    if (level !== LlamaLogLevel.warn || /failed to load model/i.test(message)) return;
  }
  if (level === LlamaLogLevel.error || level === LlamaLogLevel.fatal) console.error(`[llama.cpp] ${message.trim()}`);
  else if (level === LlamaLogLevel.warn) console.warn(`[llama.cpp] ${message.trim()}`);
}

function reasonFromLog(lines: readonly string[], fallback: string): string {
  for (const line of lines) {
    const m = /error loading model: (.+)$/.exec(line);
    if (m?.[1]) return m[1];
  }
  return lines.find((l) => !/failed to load model/i.test(l)) ?? fallback;
}

/** One Llama binding per GPU/thread setting and one model per file, for the whole process. */
const llamas = new Map<string, Promise<Llama>>();
interface ModelEntry { model: Promise<LlamaModel>; sha256: Promise<string>; architecture: string | undefined; refs: number }
const models = new Map<string, ModelEntry>();
/** Serialises loads so log capture is attributed to the right model. */
let loadChain: Promise<unknown> = Promise.resolve();

function llamaFor(gpu: 'auto' | LlamaGpuType, threads: number): Promise<Llama> {
  const key = `${String(gpu)}:${threads}`;
  let llama = llamas.get(key);
  if (!llama) {
    // build: 'never' because a worker must not start compiling llama.cpp at request time.
    llama = getLlama({ gpu, maxThreads: threads, build: 'never', logLevel: LlamaLogLevel.warn, logger: onLlamaLog });
    llama.catch(() => llamas.delete(key));
    llamas.set(key, llama);
  }
  return llama;
}

export async function acquireModel(opts: ModelRuntimeOptions): Promise<LoadedModel> {
  const threads = opts.threads ?? defaultThreads();
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`threads must be a positive integer, got ${threads}`);
  const gpu = opts.gpu ?? 'auto';
  const gpuLayers = opts.gpuLayers ?? 'auto';
  const { modelPath, modelName } = await resolveModelPath(opts.model, opts.modelsDir);

  // Parse the header first: it turns "random bytes" into a clear message without touching llama.cpp.
  let architecture: string | undefined;
  try {
    const info = await readGgufFileInfo(modelPath, { readTensorInfo: false });
    architecture = info.metadata.general?.architecture;
  } catch (err) {
    throw loadError(opts.model, `not a valid GGUF file (${(err as Error).message})`);
  }

  let llama: Llama;
  try {
    llama = await llamaFor(gpu, threads);
  } catch (err) {
    throw loadError(opts.model, `no usable llama.cpp binding for gpu=${String(gpu)} (${(err as Error).message})`);
  }
  const key = `${String(gpu)}:${threads}|${modelPath}|${String(gpuLayers)}`;
  let entry = models.get(key);
  if (!entry) {
    const load = loadChain.then(async () => {
      captured = [];
      try {
        return await llama.loadModel({ modelPath, gpuLayers });
      } catch (err) {
        // llama.cpp logs reach JS through a queued callback, often after the rejection; waiting a
        // moment (failure path only) keeps them in the message instead of stray stderr lines.
        await new Promise((r) => setTimeout(r, 50));
        throw loadError(opts.model, reasonFromLog(captured ?? [], (err as Error).message));
      } finally {
        captured = null;
      }
    });
    loadChain = load.catch(() => undefined);
    const created: ModelEntry = { model: load, sha256: fileSha256(modelPath), architecture, refs: 0 };
    entry = created;
    models.set(key, created);
    load.catch(() => { if (models.get(key) === created) models.delete(key); });
  }
  entry.refs++;
  const current = entry;
  let model: LlamaModel;
  let sha256: string;
  try {
    [model, sha256] = await Promise.all([current.model, current.sha256]);
  } catch (err) {
    current.refs--;
    // Any failure (load or digest) drops the entry, so the next acquire starts clean instead of
    // meeting the same rejected promise; a model that did load is freed once nobody holds it.
    if (models.get(key) === current) models.delete(key);
    if (current.refs === 0) void current.model.then((m) => m.dispose()).catch(() => undefined);
    throw err;
  }

  let released = false;
  return {
    llama, model, modelPath, modelName, modelSha256: sha256, architecture, threads,
    async release() {
      if (released) return;
      released = true;
      if (--current.refs === 0 && models.get(key) === current) {
        models.delete(key);
        await model.dispose();
      }
    },
  };
}

/** Frees every cached binding; for process shutdown and test teardown. Models must be released first. */
export async function disposeLlamaRuntime(): Promise<void> {
  const all = [...llamas.values()];
  llamas.clear();
  await Promise.all(all.map(async (l) => (await l.catch(() => null))?.dispose()));
}
