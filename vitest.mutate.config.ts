import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * The default suite as StrykerJS runs it: the browser, OCR, LLM-model and CLI-process tests are
 * left out (they do not exercise the mutated core modules and take minutes each), so each mutant
 * costs seconds. MUTATE_TESTS (comma-separated globs) narrows it further for one module group.
 */
const only = process.env.MUTATE_TESTS?.split(',').map((s) => s.trim()).filter(Boolean);

export default mergeConfig(base, defineConfig({
  test: {
    include: only?.length ? only : ['test/**/*.test.ts'],
    exclude: [
      'test/corpus/**', 'node_modules/**', 'test/ui-e2e.test.ts', 'test/ocr-*.test.ts', 'test/tiny-gguf.test.ts',
      'test/llm-*.test.ts', 'test/batch-cli.test.ts', 'test/cli-extract.test.ts', 'test/models-pull.test.ts',
      'test/hostile-limits.test.ts', 'test/pdfjs-builtins.test.ts', 'test/text-extract.test.ts',
    ],
  },
}));
