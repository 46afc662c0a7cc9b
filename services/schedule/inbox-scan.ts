import fs from 'node:fs/promises';
import path from 'node:path';
import { runBatch, type BatchSummary } from '../batch/run-batch.ts';
import type { AppContext } from '../common/app-context.ts';

export const INBOX_FOLDERS = { archive: 'archive', failed: 'failed', reports: 'reports' } as const;

export interface InboxReport {
  startedAt: string;
  finishedAt: string;
  inbox: string;
  archived: { file: string; documentId: string | null; to: string }[];
  failed: { file: string; documentId: string | null; to: string; reason: string }[];
  /** Not finished within INBOX_TIMEOUT_MINUTES: left in the inbox for the next run. */
  pending: { file: string; documentId: string | null }[];
  summary: Omit<BatchSummary, 'documents' | 'failures'>;
}

/** Top-level files only: archive/, failed/ and reports/ live inside the inbox and are never rescanned. */
async function inboxFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => path.join(dir, e.name)).sort();
}

/** Moves without overwriting: a same-named file from another night gets a numeric suffix. */
async function moveInto(file: string, folder: string): Promise<string> {
  await fs.mkdir(folder, { recursive: true });
  const { name, ext } = path.parse(file);
  for (let n = 0; ; n++) {
    const target = path.join(folder, n ? `${name}.${n}${ext}` : `${name}${ext}`);
    try {
      await fs.access(target);
    } catch {
      await fs.rename(file, target);
      return target;
    }
  }
}

/**
 * One scheduled run: ingest every file in the inbox at batch priority, wait for the pipeline, then
 * move each file to archive/<day>/ or failed/<day>/ (with <name>.reason.txt) and write
 * reports/<timestamp>.json. Content already processed is archived as such (sha256 dedup).
 */
export async function scanInbox(ctx: AppContext, dir: string, options: { timeoutMs: number; pollMs?: number }): Promise<InboxReport> {
  const startedAt = new Date();
  const day = startedAt.toISOString().slice(0, 10);
  const files = await inboxFiles(dir);
  const summary = await runBatch(ctx, files.map((file) => ({ file })), {
    tenantId: ctx.config.tenant, wait: true, pollMs: options.pollMs, waitTimeoutMs: options.timeoutMs,
  });
  const { documents: _documents, failures: _failures, ...counts } = summary;
  const report: InboxReport = {
    startedAt: startedAt.toISOString(), finishedAt: '', inbox: dir, archived: [], failed: [], pending: [], summary: counts,
  };
  for (const d of summary.documents) {
    if (d.status === 'done') {
      report.archived.push({ file: path.basename(d.file), documentId: d.id, to: await moveInto(d.file, path.join(dir, INBOX_FOLDERS.archive, day)) });
    } else if (d.status === 'failed' || d.status === 'unreadable') {
      const reason = d.error ?? 'unknown';
      const to = await moveInto(d.file, path.join(dir, INBOX_FOLDERS.failed, day));
      await fs.writeFile(`${to}.reason.txt`, `${reason}\n`);
      report.failed.push({ file: path.basename(d.file), documentId: d.id, to, reason });
    } else {
      report.pending.push({ file: path.basename(d.file), documentId: d.id });
    }
  }
  report.finishedAt = new Date().toISOString();
  const reports = path.join(dir, INBOX_FOLDERS.reports);
  await fs.mkdir(reports, { recursive: true });
  await fs.writeFile(path.join(reports, `${report.startedAt.replaceAll(':', '-')}.json`), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}
