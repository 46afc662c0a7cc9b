import { api, type DocumentList, type DocumentProgressEvent } from '../api.ts';
import { clear, h, MODALITY_LABEL, toast } from '../dom.ts';

type DocumentItem = DocumentList['items'][number];

const LANGUAGES: [string, string][] = [
  ['', 'Detect automatically'], ['eng', 'English'], ['fra', 'French'], ['deu', 'German'], ['spa', 'Spanish'],
  ['ita', 'Italian'], ['nld', 'Dutch'], ['por', 'Portuguese'], ['cmn', 'Chinese'], ['jpn', 'Japanese'],
  ['ara', 'Arabic'], ['heb', 'Hebrew'], ['rus', 'Russian'],
];

/** Documents: upload (drop or picker, language hint, series) with live progress, then the list. */
export async function renderDocuments(main: HTMLElement, signal: AbortSignal): Promise<void> {
  const uploads = h('ul', { class: 'uploads', 'aria-label': 'Upload progress' });
  const tbody = h('tbody');
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Load more documents');
  const seriesList = h('datalist', { id: 'series-names' });
  const language = h('select', { id: 'up-language', name: 'language' }, LANGUAGES.map(([v, l]) => h('option', { value: v }, l)));
  const series = h('input', { id: 'up-series', name: 'series', list: 'series-names', placeholder: 'e.g. GDPR', autocomplete: 'off' });
  const picker = h('input', { id: 'up-files', type: 'file', multiple: true, accept: '.pdf,.txt,.md,application/pdf,text/plain' });
  let cursor: string | null = null;

  const loadPage = async (reset: boolean) => {
    const params = new URLSearchParams({ limit: '50' });
    if (!reset && cursor) params.set('cursor', cursor);
    const page = await api.documents(params);
    if (signal.aborted) return;
    if (reset) tbody.replaceChildren();
    tbody.append(...page.items.map((d) => documentRow(d, () => void loadPage(true))));
    if (reset && !page.items.length) tbody.append(h('tr', {}, h('td', { colspan: 9, class: 'empty' }, 'No documents yet: upload one above.')));
    cursor = page.nextCursor;
    more.hidden = !cursor;
  };
  more.addEventListener('click', () => void loadPage(false));

  const start = async (files: File[]) => {
    if (!files.length) return;
    const params = new URLSearchParams();
    if (language.value) params.set('language', language.value);
    if (series.value.trim()) params.set('series', series.value.trim());
    const rows = new Map<string, HTMLLIElement>();
    for (const file of files) {
      const li = h('li', {}, h('span', { class: 'name', dir: 'auto' }, file.name), h('span', { class: 'state' }, 'uploading…'), h('progress', { max: 1 }));
      uploads.prepend(li);
      try {
        const res = await api.upload(file, params);
        rows.set(res.id, li);
        updateUpload(li, { id: res.id, status: res.status, error: null, pageCount: null, progress: { done: 0, total: 0 }, segmentsFailed: 0 }, res.duplicate);
      } catch (error) {
        li.querySelector('.state')!.textContent = `failed: ${(error as Error).message}`;
        li.classList.add('failed');
      }
    }
    if (!rows.size) return;
    await loadPage(true);
    const source = api.progress([...rows.keys()], (e) => {
      const li = rows.get(e.id);
      if (li) updateUpload(li, e, false);
    }, () => {
      toast(`${rows.size} upload(s) processed`);
      void loadPage(true);
    });
    signal.addEventListener('abort', () => source.close());
  };

  const drop = h('div', {
    class: 'dropzone', tabindex: 0, role: 'button', 'aria-describedby': 'drop-help',
    onclick: () => picker.click(),
    onkeydown: (e: Event) => {
      const k = (e as KeyboardEvent).key;
      if (k === 'Enter' || k === ' ') { e.preventDefault(); picker.click(); }
    },
    ondragover: (e: Event) => { e.preventDefault(); drop.classList.add('over'); },
    ondragleave: () => drop.classList.remove('over'),
    ondrop: (e: Event) => {
      e.preventDefault();
      drop.classList.remove('over');
      void start([...((e as DragEvent).dataTransfer?.files ?? [])]);
    },
  }, h('strong', {}, 'Drop PDFs or text files here'), h('span', { id: 'drop-help' }, ' or press Enter to choose files'));
  picker.addEventListener('change', () => void start([...(picker.files ?? [])]));

  clear(main,
    h('h1', {}, 'Documents'),
    h('section', { class: 'upload', 'aria-labelledby': 'upload-title' },
      h('h2', { id: 'upload-title' }, 'Upload'),
      h('div', { class: 'row' },
        h('label', { for: 'up-language' }, 'Language hint ', language),
        h('label', { for: 'up-series' }, 'Series ', series, seriesList),
        h('label', { for: 'up-files', class: 'picker' }, 'Files ', picker)),
      drop, uploads),
    h('table', { class: 'grid', 'aria-label': 'Documents' },
      h('thead', {}, h('tr', {}, ['Document', 'Series', 'Status', 'Language', 'Pages', 'Segments', 'Obligations', 'Error', 'Actions'].map((t) => h('th', { scope: 'col' }, t)))),
      tbody),
    more);

  // Suggestions only: without them (not signed in yet, say) the field still takes any name.
  void api.series().then((s) => seriesList.append(...s.items.map((x) => h('option', { value: x.name }))), () => undefined);
  await loadPage(true);
}

function updateUpload(li: HTMLLIElement, e: DocumentProgressEvent, duplicate: boolean): void {
  const state = li.querySelector('.state')!;
  const bar = li.querySelector('progress')!;
  const pages = e.pageCount === null ? '' : `${e.pageCount} page(s), `;
  const segments = e.progress.total ? `${e.progress.done}/${e.progress.total} segments` : 'waiting for text';
  state.textContent = duplicate ? 'already uploaded'
    : e.status === 'failed' || e.status === 'partial' ? `${e.status}: ${e.error ?? ''}` : `${e.status}: ${pages}${segments}`;
  bar.max = Math.max(1, e.progress.total);
  bar.value = e.status === 'done' || e.status === 'partial' ? bar.max : e.progress.done;
  li.classList.toggle('failed', e.status === 'failed');
  li.classList.toggle('partial', e.status === 'partial');
  li.classList.toggle('done', e.status === 'done');
  li.dataset.status = e.status;
  if (!li.querySelector('a')) li.querySelector('.name')!.replaceWith(h('a', { class: 'name', href: `#/documents/${e.id}`, dir: 'auto' }, li.querySelector('.name')!.textContent));
}

function documentRow(d: DocumentItem, refresh: () => void): HTMLTableRowElement {
  const counts = Object.entries(d.obligationCounts);
  const busy = d.status !== 'done' && d.status !== 'failed' && d.status !== 'partial';
  return h('tr', { 'data-status': d.status },
    h('td', {}, h('a', { href: `#/documents/${d.id}`, dir: 'auto' }, d.filename)),
    h('td', {}, d.series ?? ''),
    h('td', {}, h('span', { class: `status ${d.status}` }, d.status)),
    h('td', {}, d.language ?? ''),
    h('td', { class: 'num' }, d.pageCount ?? ''),
    h('td', { class: 'num', title: d.segmentsFailed ? `${d.segmentsFailed} segment(s) failed` : '' },
      busy || d.progress.total ? `${d.progress.done}/${d.progress.total}${d.segmentsFailed ? ` (${d.segmentsFailed} failed)` : ''}` : ''),
    h('td', {}, counts.length
      ? counts.map(([m, n]) => h('a', { class: `chip ${m}`, href: `#/obligations?document=${d.id}&modality=${m}`, title: m }, `${n} ${MODALITY_LABEL[m] ?? m}`))
      : ''),
    h('td', { class: 'error-cell' }, d.error ?? ''),
    h('td', { class: 'actions' },
      h('button', {
        type: 'button', class: 'secondary', 'aria-label': `Re-process ${d.filename}`,
        onclick: () => void api.reprocess(d.id).then(() => { toast(`Re-processing ${d.filename}`); refresh(); }, (e: Error) => toast(e.message)),
      }, 'Re-process'),
      h('button', {
        type: 'button', class: 'danger', 'aria-label': `Delete ${d.filename}`,
        onclick: () => {
          if (!window.confirm(`Delete ${d.filename} with its obligations and original file?`)) return;
          void api.remove(d.id).then(() => { toast(`Deleted ${d.filename}`); refresh(); }, (e: Error) => toast(e.message));
        },
      }, 'Delete')));
}
