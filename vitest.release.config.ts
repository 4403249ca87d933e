import { defineConfig } from 'vitest/config';

/**
 * `npm run release-check` (in .ci/run after npm test): builds the npm
 * package and the single executable the README's way and runs them. One file
 * at a time: each builds into dist/.
 */
export default defineConfig({
  test: {
    include: ['test/release/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
