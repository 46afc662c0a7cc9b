import { DocumentDetail, UploadResponse } from '../../schemas/api.ts';
import { waitFor } from './test-env.ts';

/** API keys of the running test stacks, by base URL (startTestStack registers its key). */
const KEYS = new Map<string, string>();

export function registerApiKey(baseUrl: string, key: string): void {
  KEYS.set(baseUrl, key);
}

/** `fetch` with the stack's API key as a Bearer header (and any headers given). */
export function authFetch(baseUrl: string, key = KEYS.get(baseUrl)): (input: string, init?: RequestInit) => Promise<Response> {
  return (input, init = {}) => {
    const headers = new Headers(init.headers);
    if (key && !headers.has('authorization')) headers.set('authorization', `Bearer ${key}`);
    return fetch(input, { ...init, headers });
  };
}

/** Small REST helpers shared by the API, export, change-tracking and UI tests. */
export function apiClient(baseUrl: string, key?: string) {
  const fetch = authFetch(baseUrl, key ?? KEYS.get(baseUrl));
  return {
    fetch,
    async upload(bytes: Uint8Array | string, filename: string, query: Record<string, string> = {}) {
      const params = new URLSearchParams({ filename, ...query });
      const res = await fetch(`${baseUrl}/v1/documents?${params}`, {
        method: 'POST', body: typeof bytes === 'string' ? bytes : new Blob([Buffer.from(bytes)]), headers: { 'content-type': 'application/octet-stream' },
      });
      if (res.status !== 202 && res.status !== 200) throw new Error(`upload ${filename}: ${res.status} ${await res.text()}`);
      return UploadResponse.parse(await res.json());
    },
    async settled(id: string, timeoutMs = 60_000) {
      return waitFor(async () => {
        const doc = DocumentDetail.parse(await (await fetch(`${baseUrl}/v1/documents/${id}`)).json());
        return doc.status === 'done' || doc.status === 'failed' ? doc : undefined;
      }, timeoutMs, `document ${id} to settle`);
    },
    async json(pathAndQuery: string): Promise<{ status: number; body: unknown }> {
      const res = await fetch(`${baseUrl}${pathAndQuery}`);
      return { status: res.status, body: (await res.json()) as unknown };
    },
  };
}
