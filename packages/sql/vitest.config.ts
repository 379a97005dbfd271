import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    setupFiles: ['../core/testing/property-seed.ts'],
  },
});
