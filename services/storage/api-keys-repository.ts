import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { apiKeys, type API_KEY_SCOPES } from '../../schemas/tables.ts';
import type { Db } from './database.ts';

export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** API keys: rows hold the public prefix and a KDF hash of the secret, never the secret. */
export class ApiKeysRepository {
  constructor(private readonly db: Db) {}

  async insert(key: { tenantId: string; name: string; prefix: string; hash: string; scopes: ApiKeyScope[] }): Promise<ApiKeyRow> {
    const rows = await this.db.insert(apiKeys).values(key).returning();
    return rows[0]!;
  }

  /**
   * The key with this public prefix, revoked or not. Cross-tenant by nature: the prefix is how a
   * presented key finds its row, and the row then says which tenant the caller acts for.
   */
  async byPrefix(prefix: string): Promise<ApiKeyRow | undefined> {
    const rows = await this.db.select().from(apiKeys).where(eq(apiKeys.prefix, prefix));
    return rows[0];
  }

  /** Keys of one tenant, or of every tenant for an operator listing (`obligato keys list`). */
  async list(tenantId?: string): Promise<ApiKeyRow[]> {
    return this.db.select().from(apiKeys).where(tenantId === undefined ? undefined : eq(apiKeys.tenantId, tenantId))
      .orderBy(asc(apiKeys.tenantId), asc(apiKeys.createdAt));
  }

  /** Revokes by id or prefix; answers the row when it was live. */
  async revoke(idOrPrefix: string): Promise<ApiKeyRow | undefined> {
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrPrefix);
    const rows = await this.db.update(apiKeys).set({ revokedAt: new Date() })
      .where(and(isUuid ? eq(apiKeys.id, idOrPrefix) : eq(apiKeys.prefix, idOrPrefix), isNull(apiKeys.revokedAt))).returning();
    return rows[0];
  }

  async touch(id: string): Promise<void> {
    await this.db.update(apiKeys).set({ lastUsedAt: sql`now()` }).where(eq(apiKeys.id, id));
  }
}
