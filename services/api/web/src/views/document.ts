import { api, type ObligationView } from '../api.ts';
import { clear, directionOf, h, MODALITY_LABEL, type Child } from '../dom.ts';
import { cutPieces } from './highlight.ts';

/**
 * Document view: the normalised text with every obligation highlighted by modality, page markers
 * at page starts, and a keyboard-navigable list (j / k, or Tab + Enter) whose selection scrolls to
 * the quote and shows all fields.
 */
export async function renderDocument(main: HTMLElement, id: string, params: URLSearchParams, signal: AbortSignal): Promise<void> {
  const [doc, { text }, { items }] = await Promise.all([api.document(id), api.text(id), api.documentObligations(id)]);
  if (signal.aborted) return;
  const dir = directionOf(doc.language);
  const byId = new Map(items.map((o) => [o.id, o]));
  const pieces = cutPieces(text.length, items, doc.pages.filter((p) => p.n > 1));
  const textEl = h('div', { class: 'doc-text', dir, lang: doc.language ?? undefined, tabindex: 0, 'aria-label': 'Document text' },
    pieces.flatMap((p): Child[] => {
      const chunk = text.slice(p.start, p.end);
      const marker = p.page ? h('span', { class: 'page-marker', 'aria-label': `Page ${p.page}`, dir: 'ltr' }, `page ${p.page}`) : null;
      if (!p.ids.length) return [marker, chunk];
      const first = byId.get(p.ids[0]!)!;
      return [marker, h('mark', {
        class: `hl ${first.modality}${p.ids.length > 1 ? ' multi' : ''}`, 'data-ids': p.ids.join(' '),
        title: p.ids.map((x) => MODALITY_LABEL[byId.get(x)!.modality]).join(' + '),
        onclick: () => select(p.ids[0]!, false),
      }, chunk)];
    }));
  const detail = h('section', { class: 'detail', 'aria-live': 'polite', 'aria-label': 'Selected obligation' },
    h('p', { class: 'hint' }, 'Select an obligation (j / k, or click a highlight) to see its fields.'));
  const list = h('ol', { class: 'ob-list', 'aria-label': 'Obligations in reading order' },
    items.map((o) => h('li', {}, h('button', {
      type: 'button', class: `ob ${o.modality}`, 'data-id': o.id, onclick: () => select(o.id, true),
    }, h('span', { class: `chip ${o.modality}` }, MODALITY_LABEL[o.modality] ?? o.modality), ' ',
    h('span', { class: 'cite' }, o.citation), ' ', h('span', { dir: 'auto' }, `${o.subject} — ${o.action}`)))));

  let selected = -1;
  const select = (obligationId: string, scroll: boolean) => {
    const o = byId.get(obligationId);
    if (!o) return;
    selected = items.indexOf(o);
    for (const el of main.querySelectorAll('.selected')) el.classList.remove('selected');
    const marks = [...textEl.querySelectorAll<HTMLElement>('mark')].filter((m) => m.dataset.ids?.split(' ').includes(o.id));
    marks.forEach((m) => m.classList.add('selected'));
    const button = list.querySelector<HTMLButtonElement>(`[data-id="${o.id}"]`);
    button?.classList.add('selected');
    button?.scrollIntoView({ block: 'nearest' });
    if (scroll) marks[0]?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    clear(detail, fields(o, doc.language, text));
    const p = new URLSearchParams({ o: o.id });
    history.replaceState(null, '', `#/documents/${id}?${p}`);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || !items.length) return;
    if (e.key === 'j' || e.key === 'k') {
      const next = e.key === 'j' ? Math.min(items.length - 1, selected + 1) : Math.max(0, selected - 1);
      select(items[next]!.id, true);
      list.querySelector<HTMLButtonElement>('.selected')?.focus();
    }
  };
  document.addEventListener('keydown', onKey);
  signal.addEventListener('abort', () => document.removeEventListener('keydown', onKey));

  const counts = Object.entries(doc.obligationCounts).map(([m, n]) => h('span', { class: `chip ${m}` }, `${n} ${MODALITY_LABEL[m] ?? m}`));
  clear(main,
    h('p', {}, h('a', { href: '#/documents' }, '← Documents')),
    h('h1', { dir: 'auto' }, doc.filename),
    h('p', { class: 'meta' },
      `${doc.status} · ${doc.language ?? 'language unknown'} · ${doc.pageCount ?? 0} page(s) · `,
      doc.series ? h('a', { href: `#/changes?series=${encodeURIComponent(doc.series)}&to=${doc.id}` }, `series ${doc.series}`) : 'no series',
      doc.run ? ` · ${doc.run.engine}${doc.run.modelName ? ` (${doc.run.modelName})` : ''}` : '', ' ', counts,
      ' ', h('a', { href: `#/obligations?document=${doc.id}` }, 'in the obligations table')),
    doc.error ? h('p', { class: 'error', role: 'alert' }, doc.error) : null,
    h('div', { class: 'doc-layout' }, textEl, h('aside', {}, h('h2', {}, `Obligations (${items.length})`), list, detail)));
  const wanted = params.get('o');
  if (wanted) select(wanted, true);
}

/** The segment kind a citation key names ("chap:iv/art:33/pt:b" → article, "rec:12" → recital), or null. */
function kindOfKey(key: string | null): string | null {
  const types = (key ?? '').split('/').map((c) => c.split(':')[0]);
  return types.includes('annex') ? 'annex' : types.includes('rec') ? 'recital' : types.includes('art') ? 'article' : null;
}

function fields(o: ObligationView, docLanguage: string | null, text: string): HTMLElement {
  const row = (label: string, value: string | number | null, opts: { auto?: boolean } = {}) =>
    value === null || value === '' ? null : h('div', {}, h('dt', {}, label), h('dd', opts.auto ? { dir: 'auto' } : {}, String(value)));
  const deadline = [o.deadline.text, o.deadline.iso ? `(${o.deadline.iso})` : null, o.deadline.trigger ? `after ${o.deadline.trigger}` : null]
    .filter(Boolean).join(' ');
  return h('dl', { class: 'fields' },
    row('Modality', o.modality), row('Subject', o.subject, { auto: true }), row('Action', o.action, { auto: true }),
    row('Object', o.object, { auto: true }), row('Condition', o.condition, { auto: true }), row('Exceptions', o.exceptions, { auto: true }),
    row('Deadline', deadline || null, { auto: true }), row('Penalty', o.penalty, { auto: true }), row('Citation', o.citation),
    row('Segment', [kindOfKey(o.citationKey), o.citationKey, o.binding ? null : 'non-binding text']
      .filter(Boolean).join(' · ') || null),
    row('Page', o.page), row('Cross-references', o.crossReferences.join(', ') || null),
    o.subjectEn || o.actionEn ? row('In English', `${o.subjectEn ?? ''} — ${o.actionEn ?? ''}`) : null,
    row('Engine', o.engine), row('Model', o.modelName), row('Confidence', o.confidence.toFixed(2)),
    o.leadIn ? h('div', {}, h('dt', {}, 'List lead-in'), h('dd', { dir: directionOf(o.language ?? docLanguage), class: 'quote lead-in' },
      h('q', {}, text.slice(o.leadIn.start, o.leadIn.end)))) : null,
    h('div', {}, h('dt', {}, 'Quote'), h('dd', { dir: directionOf(o.language ?? docLanguage), class: 'quote' }, h('q', {}, o.quote))));
}
