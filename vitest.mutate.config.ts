import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * The default suite as StrykerJS runs it (stryker.config.mjs). MUTATE_TESTS (comma-separated
 * paths, set per module group by the Stryker config) restricts it to the tests of the group
 * under mutation; without it, the default suite minus the browser, OCR, LLM-model and CLI-process
 * tests, which never reach the core modules and take minutes each.
 */
const only = process.env.MUTATE_TESTS?.split(',').map((s) => s.trim()).filter(Boolean);

export default defineConfig({
  test: {
    ...base.test,
    include: only?.length ? only : ['test/**/*.test.ts'],
    exclude: [
      'test/corpus/**', 'node_modules/**', 'test/ui-e2e.test.ts', 'test/ocr-*.test.ts', 'test/tiny-gguf.test.ts',
      'test/llm-*.test.ts', 'test/batch-cli.test.ts', 'test/cli-extract.test.ts', 'test/models-pull.test.ts',
      'test/hostile-limits.test.ts', 'test/pdfjs-builtins.test.ts', 'test/text-extract.test.ts',
    ],
  },
});
