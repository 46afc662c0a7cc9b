import { SignInRequired, signIn, signOut } from './api.ts';
import { clear, h } from './dom.ts';
import { renderChanges } from './views/changes.ts';
import { renderDocument } from './views/document.ts';
import { renderDocuments } from './views/documents.ts';
import { renderObligations } from './views/obligations.ts';

/**
 * Hash routing: every view is addressable and shareable, the back button works, and the server
 * needs nothing but index.html for `/`.
 */
export interface Route { path: string[]; params: URLSearchParams }

export function parseRoute(hash: string): Route {
  const [p = '', q = ''] = hash.replace(/^#\/?/, '').split('?');
  return { path: p.split('/').filter(Boolean), params: new URLSearchParams(q) };
}

export function navigate(path: string, params?: URLSearchParams): void {
  const q = params?.toString();
  window.location.hash = `#/${path}${q ? `?${q}` : ''}`;
}

let current: AbortController | null = null;

async function render(): Promise<void> {
  const main = document.getElementById('main')!;
  const route = parseRoute(window.location.hash);
  current?.abort();
  current = new AbortController();
  const signal = current.signal;
  const section = route.path[0] ?? 'documents';
  for (const a of document.querySelectorAll<HTMLAnchorElement>('[data-nav]')) {
    if (a.dataset.nav === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  try {
    if (section === 'documents' && route.path[1]) await renderDocument(main, route.path[1], route.params, signal);
    else if (section === 'obligations') await renderObligations(main, route.params, signal);
    else if (section === 'changes') await renderChanges(main, route.params, signal);
    else await renderDocuments(main, signal);
  } catch (error) {
    if (signal.aborted) return;
    if (error instanceof SignInRequired) {
      renderSignIn(main, error.message);
      return;
    }
    clear(main, h('p', { class: 'error', role: 'alert' }, `Could not load this view: ${(error as Error).message}`));
  }
}

/**
 * Asked once per browser session: the key is posted to /v1/session and comes back as an HttpOnly
 * cookie; behind a reverse proxy that signs requests in itself (README), this form never shows.
 */
function renderSignIn(main: HTMLElement, reason: string): void {
  const key = h('input', { id: 'api-key', name: 'key', type: 'password', autocomplete: 'off', required: true, placeholder: 'obl_…', size: 60 });
  const status = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'sign-in', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title' }, 'Sign in'),
    h('p', {}, `${reason}. Paste an API key (from \`obligato keys create\`); it is kept in a session cookie this page cannot read.`),
    h('label', {}, 'API key', key),
    h('button', { type: 'submit' }, 'Sign in'),
    status);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void signIn(key.value).then(() => render(), (error: Error) => { status.textContent = error.message; });
  });
  clear(main, form);
  key.focus();
}

document.getElementById('sign-out')?.addEventListener('click', () => void signOut().finally(() => render()));

window.addEventListener('hashchange', () => void render());
void render();
