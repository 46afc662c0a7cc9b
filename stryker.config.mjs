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
 * The core modules under mutation testing, in groups: each group's files and the default-suite
 * test files that exercise them. Running a group with only its own tests keeps a mutant's cost
 * at seconds (the whole suite takes minutes and most of it never reaches these modules).
 * `npm run mutate` runs every group one after another; `npm run mutate -- <group>...` some.
 */
export const MUTATION_GROUPS = {
  grounding: {
    mutate: ['workers/extract/grounding.ts', 'workers/extract/normalize-span.ts'],
    tests: ['test/grounding.test.ts', 'test/extract-grounding-span.test.ts'],
  },
  'packs-windows': {
    mutate: ['workers/extract/packs.ts', 'workers/extract/windows.ts'],
    tests: ['test/packs-windows.test.ts'],
  },
  rules: {
    // Classification and precedence; the trigger lexicons are data and are measured by the eval.
    mutate: ['workers/extract/engines/rules/deontic.ts'],
    tests: ['test/rules-deontic.test.ts', 'test/rules-precedence.test.ts', 'test/rules-extractor.test.ts'],
  },
  deadline: {
    mutate: ['workers/extract/deadline.ts'],
    tests: ['test/deadline.test.ts', 'test/deadline-boundaries.test.ts'],
  },
  'language-codes': {
    mutate: ['services/ingest/language/codes.ts'],
    tests: ['test/language-codes.test.ts', 'test/language.test.ts'],
  },
  'text-layer': {
    mutate: ['services/ingest/text/text-layer-quality.ts'],
    tests: ['test/text-layer-quality.test.ts'],
  },
  storage: {
    mutate: [
      'services/storage/obligation-search.ts', 'services/storage/obligations-repository.ts',
      'services/storage/documents-repository.ts', 'services/storage/cursor.ts',
    ],
    tests: ['test/tenant-scoping.test.ts'],
  },
  'idempotency-keys': {
    mutate: [functionRange('workers/extract/extract-handler.ts', 'runKeyOf'), functionRange('services/core/jobs.ts', 'jobIds')],
    tests: ['test/resume-segments.test.ts'],
  },
  exports: {
    mutate: ['services/exports/obligation-export.ts'],
    tests: ['test/exports-api.test.ts'],
  },
};

/** MUTATE_GROUP selects one group (scripts/mutate.mjs sets it); unset: every core file at once. */
const group = process.env.MUTATE_GROUP ? MUTATION_GROUPS[/** @type {keyof typeof MUTATION_GROUPS} */ (process.env.MUTATE_GROUP)] : null;
if (process.env.MUTATE_GROUP && !group) throw new Error(`Unknown MUTATE_GROUP ${process.env.MUTATE_GROUP}`);
const name = process.env.MUTATE_GROUP ?? 'all';
if (group) process.env.MUTATE_TESTS = group.tests.join(',');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  mutate: group ? group.mutate : Object.values(MUTATION_GROUPS).flatMap((g) => g.mutate),
  coverageAnalysis: 'perTest',
  // Results per group are kept (committed) so a rerun tests only mutants whose code or tests changed.
  incremental: true,
  incrementalFile: `reports/stryker-incremental/${name}.json`,
  // Two cores shared with the rest of the machine: more runners only thrash.
  concurrency: 2,
  timeoutMS: 60_000,
  timeoutFactor: 3,
  ignoreStatic: true,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 80, break: null },
};
