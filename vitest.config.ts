import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // The release check builds the package and the single executable: npm run release-check (vitest.release.config.ts).
    exclude: ['test/release/**', '**/node_modules/**'],
    // Limits only catch a hang: every wait polls for a condition, so a loaded machine makes a test slower, never red.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Two cores: keep worker count modest so terminal tests are not starved.
    maxWorkers: 2,
  },
});
