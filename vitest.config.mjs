import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['__test__/**/*.test.mjs'],
    // The addon owns a Tokio runtime per process; forks keep each suite in its own process.
    pool: 'forks',
    reporters: ['default', './__test__/summary-reporter.mjs'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
