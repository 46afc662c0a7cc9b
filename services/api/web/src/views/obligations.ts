import { api } from '../api.ts';
import { clear, h, MODALITY_LABEL } from '../dom.ts';
import { navigate } from '../main.ts';

const FILTERS = ['q', 'modality', 'language', 'series', 'document', 'subject', 'citation', 'deadlineAfter', 'deadlineBefore', 'sort'] as const;
const SORTS: [string, string][] = [
  ['newest', 'Newest first'], ['oldest', 'Oldest first'], ['deadline', 'Deadline (soonest)'], ['-deadline', 'Deadline (latest)'],
  ['subject', 'Subject A–Z'], ['-subject', 'Subject Z–A'], ['citation', 'Citation A–Z'], ['-citation', 'Citation Z–A'],
  ['confidence', 'Confidence (low first)'], ['-confidence', 'Confidence (high first)'], ['modality', 'Modality'],
];
/** Column header → the sort it toggles between (ascending, descending). */
const SORTABLE: Record<string, [string, string]> = {
  Citation: ['citation', '-citation'], Subject: ['subject', '-subject'], Deadline: ['deadline', '-deadline'],
  Confidence: ['-confidence', 'confidence'], Modality: ['modality', 'modality'],
};
const PAGE_SIZE = 50;

/**
 * Obligations across documents. The URL hash holds the filters, sort and cursor, so each page is a
 * history entry (Back = previous page) and the server does all filtering and paging.
 */
export async function renderObligations(main: HTMLElement, params: URLSearchParams, signal: AbortSignal): Promise<void> {
  const query = new URLSearchParams();
  for (const k of FILTERS) { const v = params.get(k); if (v) query.set(k, v); }
  const page = Number(params.get('page') ?? '1');
  const listParams = new URLSearchParams(query);
  listParams.set('limit', String(PAGE_SIZE));
  if (params.get('cursor')) listParams.set('cursor', params.get('cursor')!);
  const [result, series] = await Promise.all([api.obligations(listParams), api.series()]);
  if (signal.aborted) return;

  const input = (name: string, label: string, attrs: Record<string, string> = {}) => h('label', {}, label,
    h('input', { name, id: `f-${name}`, value: query.get(name) ?? '', ...attrs }));
  const select = (name: string, label: string, options: [string, string][]) => h('label', {}, label,
    h('select', { name, id: `f-${name}` }, options.map(([v, l]) => h('option', { value: v, selected: (query.get(name) ?? '') === v }, l))));

  const form = h('form', {
    class: 'filters', role: 'search', 'aria-label': 'Filter obligations',
    onsubmit: (e: Event) => {
      e.preventDefault();
      const next = new URLSearchParams();
      for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v.trim()) next.set(k, v.trim());
      navigate('obligations', next);
    },
  },
  input('q', 'Full text', { type: 'search', placeholder: 'e.g. incident report' }),
  select('modality', 'Modality', [['', 'Any'], ...Object.entries(MODALITY_LABEL).map(([m, l]): [string, string] => [m, `${m} (${l})`])]),
  input('language', 'Language', { placeholder: 'eng, fra, cmn…', size: '6' }),
  select('series', 'Series', [['', 'Any'], ...series.items.map((s): [string, string] => [s.name, s.name])]),
  input('subject', 'Subject contains'),
  input('citation', 'Citation', { placeholder: 'Article 5' }),
  input('deadlineAfter', 'Deadline after', { type: 'date' }),
  input('deadlineBefore', 'Deadline before', { type: 'date' }),
  select('sort', 'Sort', SORTS),
  query.get('document') ? h('input', { type: 'hidden', name: 'document', value: query.get('document') }) : null,
  h('div', { class: 'buttons' },
    h('button', { type: 'submit' }, 'Apply filters'),
    h('a', { href: '#/obligations', class: 'button secondary' }, 'Clear')));

  const sortHeader = (label: string) => {
    const pair = SORTABLE[label];
    if (!pair) return h('th', { scope: 'col' }, label);
    const current = query.get('sort') ?? 'newest';
    const active = pair.includes(current);
    const next = new URLSearchParams(query);
    next.set('sort', current === pair[0] ? pair[1] : pair[0]);
    return h('th', { scope: 'col', 'aria-sort': active ? (current.startsWith('-') ? 'descending' : 'ascending') : 'none' },
      h('a', { href: `#/obligations?${next}` }, label, active ? (current.startsWith('-') ? ' ▼' : ' ▲') : ''));
  };

  const nextParams = new URLSearchParams(query);
  if (result.nextCursor) { nextParams.set('cursor', result.nextCursor); nextParams.set('page', String(page + 1)); }
  clear(main,
    h('h1', {}, 'Obligations'),
    form,
    h('div', { class: 'toolbar' },
      h('span', { class: 'count', 'aria-live': 'polite' }, `Page ${page}: ${result.items.length} obligation(s)${result.nextCursor ? ', more on the next page' : ''}`),
      h('span', { class: 'export' }, 'Export this filter: ',
        ['csv', 'jsonl', 'xlsx'].map((f) => h('a', { class: 'button secondary', href: api.exportUrl(f, query), download: '', 'data-export': f }, f.toUpperCase())))),
    h('table', { class: 'grid obligations', 'aria-label': 'Obligations' },
      h('thead', {}, h('tr', {}, ['Document', 'Citation', 'Modality', 'Subject', 'Action', 'Deadline', 'Page', 'Confidence'].map(sortHeader))),
      h('tbody', {}, result.items.length ? result.items.map((o) => h('tr', {},
        h('td', {}, h('a', { href: `#/documents/${o.documentId}?o=${o.id}`, dir: 'auto' }, o.documentFilename)),
        h('td', {}, o.citation, o.leadIn ? h('small', { title: 'List item: its lead-in is shown with the obligation' }, ' (list item)') : '',
          o.binding ? '' : h('small', {}, ' (non-binding)')),
        h('td', {}, h('span', { class: `chip ${o.modality}` }, MODALITY_LABEL[o.modality] ?? o.modality)),
        h('td', { dir: 'auto' }, o.subject),
        h('td', { dir: 'auto' }, o.action),
        h('td', { dir: 'auto' }, o.deadline.text ?? '', o.deadline.iso ? h('small', {}, ` ${o.deadline.iso}`) : ''),
        h('td', { class: 'num' }, o.page),
        h('td', { class: 'num' }, o.confidence.toFixed(2)))) : h('tr', {}, h('td', { colspan: 8, class: 'empty' }, 'No obligations match these filters.')))),
    h('nav', { class: 'pager', 'aria-label': 'Pages' },
      page > 1 ? h('button', { type: 'button', class: 'secondary', onclick: () => history.back() }, '← Previous page') : null,
      page > 1 ? h('a', { class: 'button secondary', href: `#/obligations?${query}` }, 'First page') : null,
      result.nextCursor ? h('a', { class: 'button', href: `#/obligations?${nextParams}`, rel: 'next' }, 'Next page →') : null));
}
