import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/corpus/**', 'node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores: more workers only make the LLM and pdf.js tests fight for CPU.
    maxWorkers: 2,
  },
});
