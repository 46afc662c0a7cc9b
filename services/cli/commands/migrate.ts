import type { Command } from 'commander';
import { openDatabase } from '../../storage/database.ts';
import { migrateDatabase } from '../../storage/migrate.ts';
import { addConfigOptions, configFromFlags, type ConfigFlags } from '../config-options.ts';

export function registerMigrateCommand(program: Command): void {
  addConfigOptions(program.command('migrate').description('create the database if missing and apply migrations'))
    .action(async (flags: ConfigFlags) => {
      const config = configFromFlags(flags);
      const database = await openDatabase(config.databaseUrl);
      try {
        await migrateDatabase(config.databaseUrl, database);
        console.log(`Migrations applied to ${redactUrl(config.databaseUrl)}`);
      } finally {
        await database.close();
      }
    });
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}
