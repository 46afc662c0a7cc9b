import { api, type SeriesChanges } from '../api.ts';
import { clear, h, MODALITY_LABEL } from '../dom.ts';
import { navigate } from '../main.ts';
import { wordDiff } from './word-diff.ts';

type Change = SeriesChanges['changes'][number];

/** Series change tracking: pick a series and two versions; see what was added, removed or changed. */
export async function renderChanges(main: HTMLElement, params: URLSearchParams, signal: AbortSignal): Promise<void> {
  const { items: series } = await api.series();
  if (signal.aborted) return;
  const name = params.get('series') ?? series[0]?.name;
  if (!name) {
    clear(main, h('h1', {}, 'Changes'), h('p', { class: 'empty' }, 'No series yet: upload versions of a regulation with the same series name.'));
    return;
  }
  const versions = series.find((s) => s.name === name)?.versions ?? [];
  const query = new URLSearchParams();
  for (const k of ['from', 'to']) { const v = params.get(k); if (v) query.set(k, v); }
  let diff: SeriesChanges | null = null;
  let problem: string | null = null;
  try {
    diff = await api.changes(name, query);
  } catch (error) {
    problem = (error as Error).message;
  }
  if (signal.aborted) return;

  const versionSelect = (key: 'from' | 'to', label: string, chosen: string | undefined) => h('label', {}, label,
    h('select', { name: key, id: `c-${key}` }, versions.map((v) => h('option', { value: v.id, selected: v.id === chosen }, `${v.filename} (${v.createdAt.slice(0, 10)}, ${v.status})`))));
  const form = h('form', {
    class: 'filters',
    onsubmit: (e: Event) => {
      e.preventDefault();
      const next = new URLSearchParams();
      for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v) next.set(k, v);
      navigate('changes', next);
    },
  },
  h('label', {}, 'Series', h('select', { name: 'series', id: 'c-series' }, series.map((s) => h('option', { value: s.name, selected: s.name === name }, s.name)))),
  versionSelect('from', 'Older version', diff?.from.id), versionSelect('to', 'Newer version', diff?.to.id),
  h('div', { class: 'buttons' }, h('button', { type: 'submit' }, 'Compare')));

  clear(main, h('h1', {}, `Changes in ${name}`), form,
    problem ? h('p', { class: 'error', role: 'alert' }, problem) : null,
    diff ? [
      h('p', { class: 'summary' },
        h('span', { class: 'chip added' }, `${diff.summary.added} added`), ' ',
        h('span', { class: 'chip removed' }, `${diff.summary.removed} removed`), ' ',
        h('span', { class: 'chip changed' }, `${diff.summary.changed} changed`), ' ',
        h('span', { class: 'chip' }, `${diff.summary.unchanged} unchanged`)),
      h('ol', { class: 'changes' }, diff.changes.filter((c) => c.kind !== 'unchanged').map(changeItem)),
    ] : null);
}

function changeItem(c: Change): HTMLLIElement {
  const o = c.after ?? c.before!;
  const quote = c.before && c.after
    ? wordDiff(c.before.quote, c.after.quote).map((r) => (r.op === 'same' ? r.text : h(r.op, {}, r.text)))
    : [o.quote];
  return h('li', { class: `change ${c.kind}`, 'data-kind': c.kind },
    h('h3', {}, h('span', { class: `chip ${c.kind}` }, c.kind), ' ', c.citation, ' ',
      h('span', { class: `chip ${o.modality}` }, MODALITY_LABEL[o.modality] ?? o.modality),
      c.matchedBy === 'sentence' ? h('small', {}, ' (moved: aligned by sentence)') : null),
    h('p', { class: 'quote', dir: 'auto' }, quote),
    c.fields.length ? h('table', { class: 'grid fields-diff' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Field'), h('th', { scope: 'col' }, 'Before'), h('th', { scope: 'col' }, 'After'))),
      h('tbody', {}, c.fields.map((f) => h('tr', {}, h('td', {}, f.field), h('td', {}, h('del', {}, f.before ?? '—')), h('td', {}, h('ins', {}, f.after ?? '—')))))) : null);
}
