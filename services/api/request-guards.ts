import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.ts';
import { sendAppError } from './errors.ts';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Percent-decodes one URL component strictly: invalid UTF-8 and NUL bytes are refused, not replaced. */
export function strictDecode(component: string, field: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(component.replaceAll('+', ' '));
  } catch {
    throw new AppError('invalid_parameter', `${field}: not valid percent-encoded UTF-8`, { field });
  }
  if (decoded.includes('\u0000')) throw new AppError('invalid_parameter', `${field}: NUL bytes are not allowed`, { field });
  return decoded;
}

/** Every path segment and query parameter of a raw URL, checked before routing and parsing. */
export function checkUrl(rawUrl: string): void {
  const q = rawUrl.indexOf('?');
  const pathPart = q === -1 ? rawUrl : rawUrl.slice(0, q);
  for (const segment of pathPart.split('/')) strictDecode(segment, 'path');
  if (q === -1) return;
  for (const pair of rawUrl.slice(q + 1).split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const name = strictDecode(eq === -1 ? pair : pair.slice(0, eq), 'query');
    if (eq !== -1) strictDecode(pair.slice(eq + 1), `query.${name}`);
  }
}

/** The request's Origin (or Referer) host when the browser sent one, for the same-origin check. */
function originHost(req: FastifyRequest): string | null | undefined {
  const origin = req.headers.origin ?? (req.headers.referer ? new URL(req.headers.referer, 'http://x').origin : undefined);
  if (origin === undefined) return undefined;
  if (origin === 'null') return null;
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * Guards in front of every route: strict URL decoding (NUL bytes and invalid UTF-8 are a 400, not a
 * Postgres error), a same-origin check on state-changing requests (a browser on another site cannot
 * upload or delete with the analyst's cookie; CORS is off, so it cannot read answers either), and
 * source maps are not served.
 */
export function installRequestGuards(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    try {
      guard(req);
    } catch (error) {
      if (error instanceof AppError) return sendAppError(reply, error);
      throw error;
    }
  });
}

function guard(req: FastifyRequest): void {
  checkUrl(req.url);
  if (/\.map(\?|$)/.test(req.url.split('?')[0]!)) throw new AppError('not_found', 'Not found');
  if (STATE_CHANGING.has(req.method)) {
    const site = req.headers['sec-fetch-site'];
    const host = originHost(req);
    if (site === 'cross-site' || host === null || (host !== undefined && host !== req.headers.host)) {
      throw new AppError('cross_origin', 'Cross-origin requests may not change anything here');
    }
  }
}
