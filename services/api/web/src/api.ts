import type { z } from 'zod';
import type * as S from '../../../../schemas/api.ts';

// Types only: the page shares the server's zod shapes at compile time and ships none of zod.
export type DocumentDetail = z.infer<typeof S.DocumentDetail>;
export type DocumentList = z.infer<typeof S.DocumentList>;
export type ObligationSearchList = z.infer<typeof S.ObligationSearchList>;
export type SeriesList = z.infer<typeof S.SeriesList>;
type UploadResponse = z.infer<typeof S.UploadResponse>;
export type { DocumentProgressEvent, ObligationView, SeriesChanges } from '../../../../schemas/api.ts';
import type { DocumentProgressEvent, ObligationView, SeriesChanges } from '../../../../schemas/api.ts';

/** The request needs a (valid) API key: the page shows its sign-in form. */
export class SignInRequired extends Error {}

/**
 * Everything the page shows comes through the documented REST API; nothing is page-only. The key
 * travels in an HttpOnly session cookie (set by `signIn`), so EventSource streams and export links
 * carry it too and no script on the page can read it.
 */
async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, { credentials: 'same-origin', ...init });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { message?: string; code?: string };
    if (res.status === 401) throw new SignInRequired(body.message ?? 'An API key is required');
    throw new Error(body.message ?? `${res.status} ${res.statusText}`);
  }
  return (res.status === 204 ? null : await res.json()) as T;
}

export interface Session { tenant: string; scopes: string[] }

/** Exchanges an API key for the session cookie; the key is not kept anywhere on the page. */
export async function signIn(key: string): Promise<Session> {
  const res = await fetch('/v1/session', { method: 'POST', headers: { authorization: `Bearer ${key.trim()}` }, credentials: 'same-origin' });
  const body = (await res.json().catch(() => ({}))) as Partial<Session> & { message?: string };
  if (!res.ok) throw new Error(body.message ?? `${res.status} ${res.statusText}`);
  return body as Session;
}

export const session = () => call<Session>('/v1/session');
export const signOut = () => call<null>('/v1/session', { method: 'DELETE' });

export const api = {
  documents: (params: URLSearchParams) => call<DocumentList>(`/v1/documents?${params}`),
  document: (id: string) => call<DocumentDetail>(`/v1/documents/${id}`),
  text: (id: string) => call<{ id: string; text: string }>(`/v1/documents/${id}/text`),
  documentObligations: (id: string) => call<{ items: ObligationView[] }>(`/v1/documents/${id}/obligations`),
  obligations: (params: URLSearchParams) => call<ObligationSearchList>(`/v1/obligations?${params}`),
  series: () => call<SeriesList>('/v1/series'),
  changes: (name: string, params: URLSearchParams) => call<SeriesChanges>(`/v1/series/${encodeURIComponent(name)}/changes?${params}`),
  reprocess: (id: string) => call<UploadResponse>(`/v1/documents/${id}/reprocess`, { method: 'POST' }),
  remove: (id: string) => call<null>(`/v1/documents/${id}`, { method: 'DELETE' }),
  upload: (file: File, params: URLSearchParams) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return call<UploadResponse>(`/v1/documents?${params}`, { method: 'POST', body: form });
  },
  exportUrl: (format: string, params: URLSearchParams) => {
    const p = new URLSearchParams(params);
    p.delete('cursor');
    p.delete('limit');
    p.set('format', format);
    return `/v1/obligations/export?${p}`;
  },
  /** One SSE stream for a whole set of uploads (browsers allow ~6 connections per host). */
  progress: (ids: string[], onEvent: (e: DocumentProgressEvent) => void, onEnd: () => void): EventSource => {
    const source = new EventSource(`/v1/documents/events?ids=${ids.join(',')}`);
    source.addEventListener('progress', (e) => onEvent(JSON.parse((e as MessageEvent<string>).data) as DocumentProgressEvent));
    source.addEventListener('end', () => {
      source.close();
      onEnd();
    });
    return source;
  },
};
