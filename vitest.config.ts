import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Two cores: keep worker count modest so terminal tests are not starved.
    maxWorkers: 2,
  },
});
