import os from 'node:os';
import { z } from 'zod';

/**
 * The one typed configuration. Every field reads an environment variable (named in `env`) and can be
 * overridden by a CLI flag; defaults are what a newcomer on a laptop needs.
 */
const intFromEnv = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

export const GpuLayers = z.union([z.literal('auto'), z.coerce.number().int().min(0)]);

export const Config = z.object({
  databaseUrl: z.string().default('postgres://postgres@127.0.0.1:5432/obligato'),
  redisUrl: z.string().default('redis://127.0.0.1:6379'),
  /** Namespaces every BullMQ key, so tests and several stacks can share one Redis. */
  redisPrefix: z.string().default('obligato'),
  dataDir: z.string().default('./data'),
  /** A GGUF path or an `hf:` URI; unset means the rules engine. */
  model: z.string().optional(),
  modelsDir: z.string().optional(),
  llmThreads: intFromEnv(Math.max(1, os.availableParallelism()), 1),
  gpuLayers: GpuLayers.default('auto'),
  llmContextSize: intFromEnv(8192, 256),
  llmSequences: intFromEnv(4, 1),
  /**
   * Answer tokens per LLM call; 0 = derived from what one call may return (obligations per call x
   * measured tokens per obligation, at most half the context). A cut-off answer splits the call.
   */
  llmMaxTokens: intFromEnv(0, 0),
  /**
   * Tokens of segment text that consecutive short segments share in one LLM call; 0 = one call per
   * segment. Packs whose answer is cut off are halved and asked again.
   */
  llmPackTokens: intFromEnv(1024, 0),
  /**
   * Languages whose trigger-less segments skip the LLM: `all`, `none`, or codes (`eng,deu`), with
   * `-code` to exclude (`all,-ell`). Languages without a trigger list always reach the LLM.
   */
  prefilterLanguages: z.string().default('eng,spa,swe,mlt'),
  /** Optional small model that triages segments before the extraction model (same forms as MODEL). */
  triageModel: z.string().optional(),
  host: z.string().default('127.0.0.1'),
  port: intFromEnv(8080),
  maxUploadBytes: intFromEnv(100 * 1024 * 1024, 1),
  maxPages: intFromEnv(2000, 1),
  tenant: z.string().min(1).default('default'),
  /**
   * `on` (default): every /v1 route and bull-board need an API key (`obligato keys create`), and
   * the tenant comes from the key. `off`: no keys, every request acts for TENANT with all scopes;
   * only for the embedded CLI and loopback development (refused on a non-loopback HOST), logged loudly.
   */
  auth: z.enum(['on', 'off']).default('on'),
  /** Requests per minute per API key (per client address before a key is known); 0 = no limit. */
  rateLimitPerMinute: intFromEnv(1200, 0),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  jobAttempts: intFromEnv(3, 1),
  /** SIGTERM: in-flight jobs are handed back to the queue and HTTP drained within this, then the process exits. */
  shutdownTimeoutMs: intFromEnv(30_000, 0),
  /** How often the reconciler re-queues unfinished documents whose job Redis lost (0 = only at start). */
  reconcileIntervalMs: intFromEnv(60_000, 0),
  /**
   * A document untouched for this long with no job in Redis is re-queued. It covers a job a worker
   * is still running after Redis lost it (progress writes refresh the row), so it is not run twice at once.
   */
  reconcileGraceMs: intFromEnv(60_000, 0),
  /** Producer-side Redis commands (enqueue, health ping, queue depth) fail after this instead of hanging. */
  redisTimeoutMs: intFromEnv(2_000, 100),
  /** Bearer token for GET /metrics when API keys are not used for it; unset: an admin API key (or AUTH=off). */
  metricsToken: z.string().min(16).optional(),
  /** Port of a /metrics-only HTTP listener for worker roles (ingest, extract) that run no API; unset: none. */
  metricsPort: z.coerce.number().int().min(0).optional(),
  /** Folder the nightly schedule ingests from; unset disables the schedule. */
  inboxDir: z.string().optional(),
  /** BullMQ job-scheduler cron pattern (5 fields, or 6 with seconds) for the inbox scan. */
  inboxCron: z.string().min(1).default('0 2 * * *'),
  /** How long one scan waits for its documents to finish before reporting them as still pending. */
  inboxTimeoutMinutes: intFromEnv(360, 1),
  /** Tesseract traineddata (languages, and scripts under script/); Debian's tesseract-ocr-* packages install here. */
  tessdataDir: z.string().min(1).default('/usr/share/tesseract-ocr/5/tessdata'),
  /** OCR worker threads (one WASM tesseract each, single-threaded): one per core keeps every core busy. */
  ocrWorkers: intFromEnv(Math.max(1, os.availableParallelism()), 1),
  /** One page's recognition beyond this is stopped (its worker replaced) and the document fails. */
  ocrPageTimeoutMs: intFromEnv(120_000, 1000),
  /** PDF parse/render worker threads; large files are spread over all of them. */
  pdfWorkers: intFromEnv(Math.max(1, os.availableParallelism()), 1),
  /** Opening a PDF and each of its pages (text, routing, rendering) must finish within this. */
  pdfPageTimeoutMs: intFromEnv(30_000, 1000),
  /** V8 heap limit of each PDF worker: a PDF bomb fails the document, not the process. */
  pdfWorkerHeapMb: intFromEnv(512, 64),
  /**
   * Pixels per page: images above it are refused, PDF pages are rendered for OCR at lower DPI to
   * stay below it. Unset: 100 Mpx for images (a 600 dpi A3 scan is 70 Mpx), 25 Mpx for rendered PDF pages.
   */
  maxPagePixels: z.coerce.number().int().min(1_000_000).optional(),
  /** Resolution PDF pages are rendered at for OCR; 300 is where tesseract's LSTM models are most accurate. */
  ocrDpi: intFromEnv(300, 72),
});
export type Config = z.infer<typeof Config>;

/** Environment variable for each config key: the documented surface (README config table). */
export const CONFIG_ENV: Record<keyof Config, string> = {
  databaseUrl: 'DATABASE_URL',
  redisUrl: 'REDIS_URL',
  redisPrefix: 'REDIS_PREFIX',
  dataDir: 'DATA_DIR',
  model: 'MODEL',
  modelsDir: 'MODELS_DIR',
  llmThreads: 'LLM_THREADS',
  gpuLayers: 'GPU_LAYERS',
  llmContextSize: 'LLM_CONTEXT_SIZE',
  llmSequences: 'LLM_SEQUENCES',
  llmMaxTokens: 'LLM_MAX_TOKENS',
  llmPackTokens: 'LLM_PACK_TOKENS',
  prefilterLanguages: 'PREFILTER_LANGUAGES',
  triageModel: 'TRIAGE_MODEL',
  host: 'HOST',
  port: 'PORT',
  maxUploadBytes: 'MAX_UPLOAD_BYTES',
  maxPages: 'MAX_PAGES',
  tenant: 'TENANT',
  auth: 'AUTH',
  rateLimitPerMinute: 'RATE_LIMIT_PER_MINUTE',
  logLevel: 'LOG_LEVEL',
  jobAttempts: 'JOB_ATTEMPTS',
  shutdownTimeoutMs: 'SHUTDOWN_TIMEOUT_MS',
  reconcileIntervalMs: 'RECONCILE_INTERVAL_MS',
  reconcileGraceMs: 'RECONCILE_GRACE_MS',
  redisTimeoutMs: 'REDIS_TIMEOUT_MS',
  metricsToken: 'METRICS_TOKEN',
  metricsPort: 'METRICS_PORT',
  inboxDir: 'INBOX_DIR',
  inboxCron: 'INBOX_CRON',
  inboxTimeoutMinutes: 'INBOX_TIMEOUT_MINUTES',
  tessdataDir: 'TESSDATA_DIR',
  ocrWorkers: 'OCR_WORKERS',
  ocrPageTimeoutMs: 'OCR_PAGE_TIMEOUT_MS',
  pdfWorkers: 'PDF_WORKERS',
  pdfPageTimeoutMs: 'PDF_PAGE_TIMEOUT_MS',
  pdfWorkerHeapMb: 'PDF_WORKER_HEAP_MB',
  maxPagePixels: 'MAX_PAGE_PIXELS',
  ocrDpi: 'OCR_DPI',
};

/** Builds the config from env vars, then CLI overrides (undefined overrides are ignored). */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Record<keyof Config, unknown>> = {},
): Config {
  const raw: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(CONFIG_ENV)) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) raw[key] = value;
  }
  const parsed = Config.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => {
      const key = i.path[0] as keyof Config | undefined;
      return `${key ? CONFIG_ENV[key] ?? String(key) : 'config'}: ${i.message}`;
    });
    throw new Error(`Invalid configuration: ${issues.join('; ')}`);
  }
  return parsed.data;
}
