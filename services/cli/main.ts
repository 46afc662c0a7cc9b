import { Command } from 'commander';
import { packageVersion } from '../common/version.ts';
import { registerBatchCommand } from './commands/batch.ts';
import { registerEvalCommand } from './commands/eval.ts';
import { registerExtractCommand } from './commands/extract.ts';
import { registerKeysCommand } from './commands/keys.ts';
import { registerLangidCommand } from './commands/langid.ts';
import { registerLanguagesCommand } from './commands/languages.ts';
import { registerTextCommand } from './commands/text.ts';
import { registerMigrateCommand } from './commands/migrate.ts';
import { registerModelsCommand } from './commands/models.ts';
import { registerReextractCommand } from './commands/reextract.ts';
import { registerServeCommand } from './commands/serve.ts';

const program = new Command('obligato')
  .description('Obligations from compliance documents: text, language, segments, grounded extraction.')
  .version(packageVersion())
  .showHelpAfterError();

registerExtractCommand(program);
registerTextCommand(program);
registerLangidCommand(program);
registerLanguagesCommand(program);
registerServeCommand(program);
registerMigrateCommand(program);
registerEvalCommand(program);
registerModelsCommand(program);
registerReextractCommand(program);
registerBatchCommand(program);
registerKeysCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  console.error(`obligato: ${(error as Error).message}`);
  process.exitCode = 1;
}
