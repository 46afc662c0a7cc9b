import type { ObligationView, SeriesChanges } from '../../schemas/api.ts';
import type { DocumentStatus } from '../../schemas/tables.ts';
import { AppError } from '../core/errors.ts';
import { diffObligations } from './diff-obligations.ts';

export interface SeriesVersionRow { id: string; filename: string; status: DocumentStatus; createdAt: Date }

/** What change tracking reads; the SQL is the documents repository's, the view mapping the API's. */
export interface SeriesSource {
  seriesVersions(tenantId: string, name: string): Promise<SeriesVersionRow[]>;
  seriesDocuments(tenantId: string): Promise<(SeriesVersionRow & { series: string })[]>;
  obligationViews(tenantId: string, documentId: string): Promise<ObligationView[]>;
}

const versionView = (v: SeriesVersionRow) => ({ id: v.id, filename: v.filename, status: v.status, createdAt: v.createdAt.toISOString() });

export async function listSeries(source: SeriesSource, tenantId: string) {
  const bySeries = new Map<string, ReturnType<typeof versionView>[]>();
  for (const r of await source.seriesDocuments(tenantId)) {
    const list = bySeries.get(r.series) ?? [];
    list.push(versionView(r));
    bySeries.set(r.series, list);
  }
  return [...bySeries].map(([name, versions]) => ({ name, versions }));
}

/**
 * Compares two versions. Defaults: `to` is the latest finished version, `from` the finished version
 * uploaded before it. Both must belong to the series.
 */
export async function seriesChanges(
  source: SeriesSource, tenantId: string, name: string, range: { from?: string; to?: string },
): Promise<SeriesChanges> {
  const versions = await source.seriesVersions(tenantId, name);
  if (!versions.length) throw new AppError('series_not_found', `No series ${name}`, { field: 'params.name' });
  const done = versions.filter((v) => v.status === 'done');
  const find = (id: string, which: string) => {
    const v = versions.find((x) => x.id === id);
    if (!v) throw new AppError('invalid_parameter', `${which}: document ${id} is not a version of series ${name}`, { field: `query.${which}` });
    return v;
  };
  const to = range.to ? find(range.to, 'to') : done[done.length - 1];
  if (!to) throw new AppError('series_not_ready', `Series ${name} has no finished version yet`);
  const from = range.from ? find(range.from, 'from') : [...done].reverse().find((v) => v.createdAt < to.createdAt || (v.createdAt.getTime() === to.createdAt.getTime() && v.id < to.id));
  if (!from) throw new AppError('series_not_ready', `Series ${name} has no finished version before ${to.filename}`);
  const [before, after] = await Promise.all([
    source.obligationViews(tenantId, from.id), source.obligationViews(tenantId, to.id),
  ]);
  const changes = diffObligations(before, after);
  const count = (k: string) => changes.filter((c) => c.kind === k).length;
  return {
    series: name, from: versionView(from), to: versionView(to),
    summary: { added: count('added'), removed: count('removed'), changed: count('changed'), unchanged: count('unchanged') },
    changes,
  };
}
