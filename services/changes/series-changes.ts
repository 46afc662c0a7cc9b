import { and, asc, eq } from 'drizzle-orm';
import type { SeriesChanges } from '../../schemas/api.ts';
import { documents } from '../../schemas/tables.ts';
import { toObligationView } from '../api/views.ts';
import type { AppContext } from '../common/app-context.ts';
import { diffObligations } from './diff-obligations.ts';

export interface SeriesVersionRow { id: string; filename: string; status: (typeof documents.$inferSelect)['status']; createdAt: Date }

const versionView = (v: SeriesVersionRow) => ({ id: v.id, filename: v.filename, status: v.status, createdAt: v.createdAt.toISOString() });

/** Versions of a series are its documents in upload order. */
export async function seriesVersions(ctx: AppContext, tenantId: string, name: string): Promise<SeriesVersionRow[]> {
  return ctx.database.db.select({ id: documents.id, filename: documents.filename, status: documents.status, createdAt: documents.createdAt })
    .from(documents).where(and(eq(documents.tenantId, tenantId), eq(documents.series, name)))
    .orderBy(asc(documents.createdAt), asc(documents.id));
}

export async function listSeries(ctx: AppContext, tenantId: string) {
  const rows = await ctx.database.db.select({
    series: documents.series, id: documents.id, filename: documents.filename, status: documents.status, createdAt: documents.createdAt,
  }).from(documents).where(eq(documents.tenantId, tenantId)).orderBy(asc(documents.series), asc(documents.createdAt));
  const bySeries = new Map<string, ReturnType<typeof versionView>[]>();
  for (const r of rows) {
    if (r.series === null) continue;
    const list = bySeries.get(r.series) ?? [];
    list.push(versionView(r));
    bySeries.set(r.series, list);
  }
  return [...bySeries].map(([name, versions]) => ({ name, versions }));
}

export class ChangesError extends Error {
  constructor(readonly statusCode: number, message: string) {
    super(message);
  }
}

/**
 * Compares two versions. Defaults: `to` is the latest finished version, `from` the finished version
 * uploaded before it. Both must belong to the series.
 */
export async function seriesChanges(
  ctx: AppContext, tenantId: string, name: string, range: { from?: string; to?: string },
): Promise<SeriesChanges> {
  const versions = await seriesVersions(ctx, tenantId, name);
  if (!versions.length) throw new ChangesError(404, `No series ${name}`);
  const done = versions.filter((v) => v.status === 'done');
  const find = (id: string, which: string) => {
    const v = versions.find((x) => x.id === id);
    if (!v) throw new ChangesError(400, `${which}: document ${id} is not a version of series ${name}`);
    return v;
  };
  const to = range.to ? find(range.to, 'to') : done[done.length - 1];
  if (!to) throw new ChangesError(409, `Series ${name} has no finished version yet`);
  const from = range.from ? find(range.from, 'from') : [...done].reverse().find((v) => v.createdAt < to.createdAt || (v.createdAt.getTime() === to.createdAt.getTime() && v.id < to.id));
  if (!from) throw new ChangesError(409, `Series ${name} has no finished version before ${to.filename}`);
  const [before, after] = await Promise.all([
    ctx.obligations.forDocument(tenantId, from.id), ctx.obligations.forDocument(tenantId, to.id),
  ]);
  const changes = diffObligations(before.map(toObligationView), after.map(toObligationView));
  const count = (k: string) => changes.filter((c) => c.kind === k).length;
  return {
    series: name, from: versionView(from), to: versionView(to),
    summary: { added: count('added'), removed: count('removed'), changed: count('changed'), unchanged: count('unchanged') },
    changes,
  };
}
