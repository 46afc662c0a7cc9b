import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { API_KEY_SCOPES } from '../../schemas/tables.ts';
import { AppError } from '../core/errors.ts';
import type { ApiKeyRow, ApiKeyScope, ApiKeysRepository } from '../storage/api-keys-repository.ts';

export { API_KEY_SCOPES, type ApiKeyScope };

/** The caller a request acts for: the tenant and scopes come from its key, never from the request. */
export interface Principal {
  tenantId: string;
  scopes: ReadonlySet<ApiKeyScope>;
  keyId: string | null;
  /** `auth-off` only with AUTH=off (embedded CLI, loopback dev). */
  via: 'api-key' | 'auth-off';
}

const scrypt = (secret: string, salt: Buffer, keylen: number, options: ScryptOptions) => new Promise<Buffer>((resolve, reject) => {
  scryptCb(secret, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key)));
});

/**
 * scrypt (node:crypto) with a per-key 16-byte salt, N = 2^15, r = 8, p = 1 (OWASP's minimum for
 * scrypt): a leaked table does not give the keys away. Verifying costs ~40-80 ms of CPU, so a
 * verified (key, hash) pair is remembered in memory by the key's SHA-256; revocation is still
 * immediate because the row (revoked_at, scopes) is read on every request.
 */
const KDF = { N: 2 ** 15, r: 8, p: 1, keylen: 32, maxmem: 64 * 1024 * 1024 };

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(secret, salt, KDF.keylen, { N: KDF.N, r: KDF.r, p: KDF.p, maxmem: KDF.maxmem });
  return `scrypt$${KDF.N}$${KDF.r}$${KDF.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(secret, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n), r: Number(r), p: Number(p), maxmem: KDF.maxmem,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Keys read `obl_<prefix>_<secret>`: the prefix finds the row, the secret is checked against its hash. */
const KEY_PATTERN = /^obl_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export function parseScopes(list: string): ApiKeyScope[] {
  const scopes = [...new Set(list.split(',').map((s) => s.trim()).filter(Boolean))];
  const unknown = scopes.filter((s) => !(API_KEY_SCOPES as readonly string[]).includes(s));
  if (unknown.length || !scopes.length) {
    throw new AppError('invalid_parameter', `Scopes must be a comma-separated list of ${API_KEY_SCOPES.join(', ')}; got "${list}"`, { field: 'scopes' });
  }
  return scopes as ApiKeyScope[];
}

const TENANT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

export class ApiKeyService {
  private readonly verified = new Map<string, string>();
  private readonly touched = new Map<string, number>();

  constructor(private readonly keys: ApiKeysRepository) {}

  /** Creates a key; the returned `key` is the only time the secret exists outside the caller. */
  async create(input: { tenantId: string; name?: string; scopes: ApiKeyScope[] }): Promise<{ key: string; row: ApiKeyRow }> {
    if (!TENANT_PATTERN.test(input.tenantId)) {
      throw new AppError('invalid_parameter', 'Tenant ids are 1-63 letters, digits, ".", "_" or "-", starting with a letter or digit', { field: 'tenant' });
    }
    const prefix = randomBytes(6).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const row = await this.keys.insert({
      tenantId: input.tenantId, name: input.name ?? `key ${prefix}`, prefix, hash: await hashSecret(secret), scopes: input.scopes,
    });
    return { key: `obl_${prefix}_${secret}`, row };
  }

  list(tenantId?: string) {
    return this.keys.list(tenantId);
  }

  revoke(idOrPrefix: string) {
    return this.keys.revoke(idOrPrefix);
  }

  /**
   * The principal for a presented key, or undefined when it is malformed, unknown, revoked or wrong.
   * `guard` is consulted before the KDF runs (a known prefix with an unverified secret) and told
   * when the secret was wrong: only those attempts cost real CPU, so only they are counted.
   */
  async authenticate(presented: string, guard?: { mayVerify(): boolean; failed(): void }): Promise<Principal | undefined> {
    const match = KEY_PATTERN.exec(presented);
    if (!match) return undefined;
    const row = await this.keys.byPrefix(match[1]!);
    if (!row || row.revokedAt) return undefined;
    const fingerprint = createHash('sha256').update(presented).digest('hex');
    if (this.verified.get(fingerprint) !== row.hash) {
      if (guard && !guard.mayVerify()) {
        throw new AppError('rate_limited', 'Too many wrong API keys from this address in the last minute; wait and retry');
      }
      if (!(await verifySecret(match[2]!, row.hash))) {
        guard?.failed();
        return undefined;
      }
      if (this.verified.size > 10_000) this.verified.clear();
      this.verified.set(fingerprint, row.hash);
    }
    // last_used_at at most once a minute per key: a write per request would cost more than the request.
    const now = Date.now();
    if ((this.touched.get(row.id) ?? 0) < now - 60_000) {
      this.touched.set(row.id, now);
      void this.keys.touch(row.id).catch(() => undefined);
    }
    return { tenantId: row.tenantId, scopes: new Set(row.scopes), keyId: row.id, via: 'api-key' };
  }
}
