import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { TERMINAL_DOCUMENT_STATUSES, type DocumentStatus } from '../../schemas/tables.ts';
import type { DocumentService } from '../documents/document-service.ts';
import type { DocumentsRepository } from '../storage/documents-repository.ts';
import type { ObligationSearch } from '../storage/obligation-search.ts';
import type { BatchItem } from './sources.ts';

/** What a batch run uses: the document service for uploads, the repositories for progress. */
export interface BatchDeps {
  service: DocumentService;
  documents: Pick<DocumentsRepository, 'findBySha' | 'progressOf'>;
  search: Pick<ObligationSearch, 'countsByDocument'>;
}

/** Batch and scheduled work queue behind analyst uploads (priority 1): lower runs first in BullMQ. */
export const BATCH_PRIORITY = 10;

export type BatchAction = 'submitted' | 'skipped' | 'resumed' | 'retried' | 'unreadable';

export interface BatchDocument {
  file: string;
  id: string | null;
  action: BatchAction;
  status: DocumentStatus | 'unreadable';
  error: string | null;
  pages: number | null;
  obligations: number;
}

export interface BatchSummary {
  mode: 'in-process' | 'queue';
  total: number;
  submitted: number;
  skipped: number;
  resumed: number;
  done: number;
  failed: number;
  /** Finished with some segments failed (reasons in `failures`); a rerun retries those segments. */
  partial: number;
  /** Still queued or running (only without --wait in queue mode). */
  pending: number;
  durationMs: number;
  failures: { file: string; reason: string }[];
  documents: BatchDocument[];
}

export interface BatchProgress {
  documents: { settled: number; total: number };
  pages: number;
  segments: { done: number; total: number };
}

export interface BatchOptions {
  tenantId: string;
  /** In-process queue: run each document to the end before the next (like `obligato extract`). */
  drain?: () => Promise<void>;
  /** Queue mode: wait until every document is done or failed. */
  wait: boolean;
  /** Re-run documents that failed before instead of reporting the old failure. */
  retryFailed?: boolean;
  /** Extract recitals and other non-binding text too (rows marked binding = false). */
  includeRecitals?: boolean;
  onProgress?: (p: BatchProgress) => void;
  pollMs?: number;
  /** Stop waiting after this long; unfinished documents are reported as pending. */
  waitTimeoutMs?: number;
}

const TERMINAL = new Set<string>(TERMINAL_DOCUMENT_STATUSES);

/**
 * Submits every item once, keyed by content: a document already done is skipped, an unfinished
 * one is resumed, so a rerun after Ctrl-C or kill -9 completes the set with no duplicates
 * (documents are unique per tenant and sha256, obligations per run, segment and ordinal).
 */
export async function runBatch(ctx: BatchDeps, items: BatchItem[], options: BatchOptions): Promise<BatchSummary> {
  const started = Date.now();
  const entries: { item: BatchItem; id: string | null; action: BatchAction; error: string | null }[] = [];
  const progress = () => reportProgress(ctx, entries.flatMap((e) => (e.id ? [e.id] : [])), items.length, entries, options);

  for (const item of items) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await fs.readFile(item.file));
    } catch (error) {
      entries.push({ item, id: null, action: 'unreadable', error: (error as Error).message });
      continue;
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const existing = await ctx.documents.findBySha(options.tenantId, sha256);
    let action: BatchAction;
    let id: string;
    if (!existing) {
      const { document } = await ctx.service.upload({
        tenantId: options.tenantId, bytes, filename: item.file, series: item.series, languageHint: item.language, priority: BATCH_PRIORITY,
        includeRecitals: options.includeRecitals ?? false,
      });
      ({ id } = document);
      action = 'submitted';
    } else if (existing.status === 'done' || (existing.status === 'failed' && !options.retryFailed)) {
      id = existing.id;
      action = 'skipped';
    } else {
      id = existing.id;
      // The in-process queue forgets everything on exit, so unfinished work starts a new pass; in
      // queue mode the job is still in Redis and a worker resumes it (only retries are re-enqueued).
      // A partial document's reprocess is an extract job that retries only its failed segments.
      const retry = existing.status === 'failed' || existing.status === 'partial';
      if (options.drain || retry) await ctx.service.reprocess(options.tenantId, existing.id, BATCH_PRIORITY);
      action = retry ? 'retried' : 'resumed';
    }
    entries.push({ item, id, action, error: null });
    if (options.drain) await options.drain();
    await progress();
  }

  if (!options.drain && options.wait) {
    const deadline = started + (options.waitTimeoutMs ?? Number.POSITIVE_INFINITY);
    for (;;) {
      const p = await progress();
      if (p.documents.settled >= entries.length || Date.now() > deadline) break;
      await sleep(options.pollMs ?? 1000);
    }
  }
  return summarize(ctx, entries, options, Date.now() - started);
}

async function reportProgress(
  ctx: BatchDeps, ids: string[], total: number, entries: { id: string | null }[], options: BatchOptions,
): Promise<BatchProgress> {
  const rows = (await ctx.documents.progressOf(options.tenantId, ids))
    .map((r) => ({ status: r.status, pageCount: r.pageCount, done: r.segmentsDone, total: r.segmentsTotal }));
  const unreadable = entries.filter((e) => !e.id).length;
  const p: BatchProgress = {
    documents: { settled: rows.filter((r) => TERMINAL.has(r.status)).length + unreadable, total },
    pages: rows.reduce((n, r) => n + (r.pageCount ?? 0), 0),
    segments: { done: rows.reduce((n, r) => n + r.done, 0), total: rows.reduce((n, r) => n + r.total, 0) },
  };
  options.onProgress?.(p);
  return p;
}

async function summarize(
  ctx: BatchDeps, entries: { item: BatchItem; id: string | null; action: BatchAction; error: string | null }[],
  options: BatchOptions, durationMs: number,
): Promise<BatchSummary> {
  const ids = entries.flatMap((e) => (e.id ? [e.id] : []));
  const rows = await ctx.documents.progressOf(options.tenantId, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const counts = await ctx.search.countsByDocument(options.tenantId, ids);
  const docs: BatchDocument[] = entries.map((e) => {
    const row = e.id ? byId.get(e.id) : undefined;
    return {
      file: e.item.file, id: e.id, action: e.action, status: row?.status ?? 'unreadable', error: row?.error ?? e.error,
      pages: row?.pageCount ?? null, obligations: Object.values(e.id ? counts.get(e.id) ?? {} : {}).reduce((a, b) => a + b, 0),
    };
  });
  const failed = docs.filter((d) => d.status === 'failed' || d.status === 'unreadable');
  const partial = docs.filter((d) => d.status === 'partial');
  return {
    mode: options.drain ? 'in-process' : 'queue',
    total: docs.length,
    submitted: docs.filter((d) => d.action === 'submitted').length,
    skipped: docs.filter((d) => d.action === 'skipped').length,
    resumed: docs.filter((d) => d.action === 'resumed' || d.action === 'retried').length,
    done: docs.filter((d) => d.status === 'done').length,
    failed: failed.length,
    partial: partial.length,
    pending: docs.filter((d) => !TERMINAL.has(d.status) && d.status !== 'unreadable').length,
    durationMs,
    failures: [...failed, ...partial].map((d) => ({ file: d.file, reason: d.error ?? 'unknown' })),
    documents: docs,
  };
}
