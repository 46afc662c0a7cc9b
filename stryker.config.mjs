// @ts-check
import { readFileSync } from 'node:fs';

/** `file:first-last` covering the lines of one exported function, found by name (the file keeps changing). */
function functionRange(file, name) {
  const lines = readFileSync(new URL(file, import.meta.url), 'utf8').split('\n');
  const first = lines.findIndex((l) => l.startsWith(`export function ${name}(`) || l.startsWith(`export const ${name} =`));
  if (first < 0) return file;
  const last = lines.findIndex((l, i) => i > first && /^(}|};)\s*$/.test(l));
  return `${file}:${first + 1}-${last + 1}`;
}

/**
 * Mutation testing of the core modules (`npm run mutate`; one group: `npm run mutate -- --mutate <files>`).
 * Incremental: results are kept in reports/stryker-incremental.json (committed), so a rerun only
 * tests mutants in code or tests that changed since. The tests run are those vitest finds related
 * to the mutated file (import graph), restricted to the default suite.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export const CORE_MODULES = [
  // grounding and spans
  'workers/extract/grounding.ts',
  'workers/extract/normalize-span.ts',
  // packs and windows
  'workers/extract/packs.ts',
  'workers/extract/windows.ts',
  // rules engine: classification and precedence (the trigger lexicons are data, not logic)
  'workers/extract/engines/rules/deontic.ts',
  // deadline normalisation
  'workers/extract/deadline.ts',
  // language codes
  'services/ingest/language/codes.ts',
  // text-layer quality
  'services/ingest/text/text-layer-quality.ts',
  // repositories and search (tenant scoping), cursors
  'services/storage/obligation-search.ts',
  'services/storage/obligations-repository.ts',
  'services/storage/documents-repository.ts',
  'services/storage/cursor.ts',
  // idempotency keys: the extraction run key and the queue's job ids
  functionRange('workers/extract/extract-handler.ts', 'runKeyOf'),
  functionRange('services/core/jobs.ts', 'jobIds'),
  // exports
  'services/exports/obligation-export.ts',
];

export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutate.config.ts', related: true },
  mutate: CORE_MODULES,
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  concurrency: 2,
  timeoutMS: 60_000,
  timeoutFactor: 3,
  ignoreStatic: true,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 80, break: null },
};
