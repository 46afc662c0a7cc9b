/** A tiny element builder: the page is small enough that a framework would cost more than it saves. */
export type Child = Node | string | number | null | undefined | false;
type AttrValue = string | number | boolean | null | undefined | ((event: Event) => void);

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K, attrs: Record<string, AttrValue> = {}, ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(key.replace(/^on/, '').toLowerCase(), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

export function clear(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  append(el, children);
}

export function toast(message: string): void {
  const el = document.getElementById('toast');
  if (!el) return;
  el.textContent = message;
  el.classList.add('shown');
  window.setTimeout(() => el.classList.remove('shown'), 4000);
}

/** Scripts written right to left; the document view sets dir from the detected language. */
const RTL = new Set(['ara', 'heb', 'fas', 'pes', 'urd', 'pus', 'yid', 'arb', 'ar', 'he', 'fa', 'ur']);
export const directionOf = (language: string | null): 'rtl' | 'ltr' => (language && RTL.has(language.split('-')[0]!) ? 'rtl' : 'ltr');

export const MODALITY_LABEL: Record<string, string> = {
  obligation: 'must', prohibition: 'must not', permission: 'may', exemption: 'exempt',
};
