import type { Command } from 'commander';
import { ApiKeyService, parseScopes } from '../../auth/api-keys.ts';
import { ApiKeysRepository } from '../../storage/api-keys-repository.ts';
import { openDatabase } from '../../storage/database.ts';
import { migrateDatabase } from '../../storage/migrate.ts';
import { addConfigOptions, configFromFlags, type ConfigFlags } from '../config-options.ts';

interface CreateFlags extends ConfigFlags { tenant: string; scopes: string; name?: string; json?: boolean }
interface ListFlags extends ConfigFlags { tenant?: string; json?: boolean }
interface RevokeFlags extends ConfigFlags { json?: boolean }

/** Opens the service database (migrated) for one key operation and closes it after. */
async function withKeys<T>(flags: ConfigFlags, fn: (keys: ApiKeyService) => Promise<T>): Promise<T> {
  const config = configFromFlags(flags);
  const database = await openDatabase(config.databaseUrl);
  try {
    await migrateDatabase(config.databaseUrl, database);
    return await fn(new ApiKeyService(new ApiKeysRepository(database.db)));
  } finally {
    await database.close();
  }
}

/** `obligato keys create|list|revoke`: API keys map callers to tenants and scopes. */
export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('API keys: each maps its caller to one tenant and a set of scopes');

  addConfigOptions(keys.command('create').description('create a key; it is printed once and stored only as a scrypt hash'))
    .requiredOption('--tenant <tenant>', 'the tenant the key acts for')
    .option('--scopes <list>', 'comma-separated: read, upload, review, admin', 'read')
    .option('--name <name>', 'a label to recognise the key by')
    .option('--json', 'print JSON')
    .action(async (flags: CreateFlags) => {
      const scopes = parseScopes(flags.scopes);
      const { key, row } = await withKeys(flags, (k) => k.create({ tenantId: flags.tenant, name: flags.name, scopes }));
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ key, id: row.id, prefix: row.prefix, tenant: row.tenantId, name: row.name, scopes: row.scopes })}\n`);
      } else {
        process.stdout.write(`${key}\n`);
        process.stderr.write(`Key ${row.prefix} (${row.name}) for tenant "${row.tenantId}" with scopes ${row.scopes.join(',')}. `
          + 'Store it now: it is not shown again.\n');
      }
    });

  addConfigOptions(keys.command('list').description('list keys (never their secrets)'))
    .option('--tenant <tenant>', 'only this tenant\'s keys')
    .option('--json', 'print JSON')
    .action(async (flags: ListFlags) => {
      const rows = await withKeys(flags, (k) => k.list(flags.tenant));
      const items = rows.map((r) => ({
        id: r.id, prefix: r.prefix, tenant: r.tenantId, name: r.name, scopes: r.scopes, createdAt: r.createdAt.toISOString(),
        lastUsedAt: r.lastUsedAt?.toISOString() ?? null, revokedAt: r.revokedAt?.toISOString() ?? null,
      }));
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ items })}\n`);
        return;
      }
      for (const i of items) {
        process.stdout.write(`${i.prefix}\t${i.tenant}\t${i.scopes.join(',')}\t${i.revokedAt ? `revoked ${i.revokedAt}` : 'active'}\t${i.name}\n`);
      }
      if (!items.length) process.stdout.write('No API keys. Create one: obligato keys create --tenant <tenant> --scopes read,upload\n');
    });

  addConfigOptions(keys.command('revoke').description('revoke a key by its id or prefix; it stops working at once'))
    .argument('<key>', 'the key id, or its prefix (the 12 hex characters after "obl_")')
    .option('--json', 'print JSON')
    .action(async (idOrPrefix: string, flags: RevokeFlags) => {
      const match = /^obl_([0-9a-f]{12})(_|$)/.exec(idOrPrefix);
      const row = await withKeys(flags, (k) => k.revoke(match?.[1] ?? idOrPrefix));
      if (!row) throw new Error(`No active key ${idOrPrefix}`);
      if (flags.json) process.stdout.write(`${JSON.stringify({ revoked: { id: row.id, prefix: row.prefix, tenant: row.tenantId } })}\n`);
      else process.stdout.write(`Revoked ${row.prefix} (${row.name}) of tenant "${row.tenantId}"\n`);
    });
}
