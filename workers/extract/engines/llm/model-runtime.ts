import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
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

interface ShaSidecar { size: number; mtimeMs: number; sha256: string }

/**
 * Streams the file through sha256. Multi-GB models take seconds to hash, so the digest is cached
 * in `<file>.sha256`, trusted only while size and mtime match.
 */
export async function fileSha256(file: string): Promise<string> {
  const st = await stat(file);
  const sidecar = `${file}.sha256`;
  try {
    const cached = JSON.parse(await readFile(sidecar, 'utf8')) as Partial<ShaSidecar>;
    if (cached.size === st.size && cached.mtimeMs === st.mtimeMs && typeof cached.sha256 === 'string'
      && /^[0-9a-f]{64}$/.test(cached.sha256)) return cached.sha256;
  } catch {
    // No or unreadable sidecar: hash below.
  }
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 22 })) hash.update(chunk as Buffer);
  const sha256 = hash.digest('hex');
  const entry: ShaSidecar = { size: st.size, mtimeMs: st.mtimeMs, sha256 };
  // A read-only models dir only costs a re-hash next time.
  await writeFile(sidecar, JSON.stringify(entry)).catch(() => undefined);
  return sha256;
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
