import { Command } from 'commander';
import { registerExtractCommand } from './commands/extract.ts';
import { registerMigrateCommand } from './commands/migrate.ts';
import { registerServeCommand } from './commands/serve.ts';

const program = new Command('obligato')
  .description('Obligations from compliance documents: text, language, segments, grounded extraction.')
  .showHelpAfterError();

registerExtractCommand(program);
registerServeCommand(program);
registerMigrateCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  console.error(`obligato: ${(error as Error).message}`);
  process.exitCode = 1;
}
