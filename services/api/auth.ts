import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API_KEY_SCOPES, type ApiKeyScope, type ApiKeyService, type Principal } from '../auth/api-keys.ts';
import { AppError } from '../core/errors.ts';
import { sendAppError } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the request acts for; set by the auth hook on every /v1 and /admin request. */
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** The scope a route needs (`admin` implies all). Routes without one need `admin`. */
    scope?: ApiKeyScope;
  }
}

export const SESSION_COOKIE = 'obligato_key';

/** Paths that need a key: the REST API and bull-board. The page, its assets, /docs and health stay public. */
const PROTECTED = /^\/(v1|admin)(\/|$|\?)/;
/** The sign-in route itself is reached with the key in the header. */
const SESSION_PATH = '/v1/session';

export interface AuthOptions {
  mode: 'on' | 'off';
  /** With AUTH=off every request acts for this tenant. */
  tenant: string;
  keys: ApiKeyService;
}

function presentedKey(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1] ?? '';
  }
  const cookies = req.headers.cookie;
  if (!cookies) return undefined;
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** The principal of a request that must have one (routes behind the auth hook). */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError('unauthorized', 'An API key is required');
  return req.principal;
}

export function tenantOf(req: FastifyRequest): string {
  return principalOf(req).tenantId;
}

export function hasScope(principal: Principal, scope: ApiKeyScope): boolean {
  return principal.scopes.has('admin') || principal.scopes.has(scope);
}

/**
 * Authentication and authorisation for every /v1 and /admin request: an API key from
 * `Authorization: Bearer obl_…` (or the page's HttpOnly session cookie, set by POST /v1/session),
 * its tenant becomes the request's tenant, and the route's scope is checked. AUTH=off skips keys
 * (every request acts for TENANT with all scopes) and is only meant for loopback development.
 */
/**
 * Wrong secrets for known key prefixes per client address in the current minute. Each costs a
 * scrypt run to reject, so after FAILED_AUTH_PER_MINUTE of them the address gets 429 before the KDF
 * runs (the per-key rate limit only starts once a key is valid).
 */
class FailedAttempts {
  private readonly counts = new Map<string, number>();
  private windowStart = Date.now();

  constructor(private readonly perMinute: number) {}

  private roll(): void {
    if (Date.now() - this.windowStart >= 60_000) {
      this.counts.clear();
      this.windowStart = Date.now();
    }
  }

  blocked(address: string): boolean {
    this.roll();
    return (this.counts.get(address) ?? 0) >= this.perMinute;
  }

  record(address: string): void {
    this.roll();
    this.counts.set(address, (this.counts.get(address) ?? 0) + 1);
  }
}

export const FAILED_AUTH_PER_MINUTE = 30;

export function installAuth(app: FastifyInstance, options: AuthOptions): void {
  const everything = new Set<ApiKeyScope>(API_KEY_SCOPES);
  const failures = new FailedAttempts(FAILED_AUTH_PER_MINUTE);
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    try {
      await authorize(req);
    } catch (error) {
      // Answered here rather than thrown: bull-board's plugin has its own error handler.
      if (error instanceof AppError) return sendAppError(reply, error);
      throw error;
    }
  });

  async function authorize(req: FastifyRequest): Promise<void> {
    const url = req.url;
    if (!PROTECTED.test(url)) return;
    if (options.mode === 'off') {
      req.principal = { tenantId: options.tenant, scopes: everything, keyId: null, via: 'auth-off' };
    } else {
      const key = presentedKey(req);
      if (key === undefined) {
        throw new AppError('unauthorized', 'An API key is required: send "Authorization: Bearer <key>" (create one with `obligato keys create`)');
      }
      const principal = key
        ? await options.keys.authenticate(key, { mayVerify: () => !failures.blocked(req.ip), failed: () => failures.record(req.ip) })
        : undefined;
      if (!principal) throw new AppError('unauthorized', 'The API key is not valid (unknown, revoked or malformed)');
      req.principal = principal;
    }
    // No route matched: the not-found handler answers 404 for any authenticated caller.
    if (url.split('?')[0] === SESSION_PATH || !req.routeOptions.url) return;
    // bull-board and any route that names no scope are for administrators.
    const scope = req.routeOptions.config.scope ?? 'admin';
    if (!hasScope(req.principal, scope)) {
      throw new AppError('forbidden', `This API key lacks the "${scope}" scope needed for ${req.method} ${url.split('?')[0]}`);
    }
  }
}
