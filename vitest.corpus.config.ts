import { defineConfig } from 'vitest/config';

/** `npm run test:corpus`: suites over ../shared/corpus (OBLIGATO_CORPUS); each skips with a message when it is absent. */
export default defineConfig({
  test: {
    include: ['test/corpus/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    maxWorkers: 2,
  },
});
