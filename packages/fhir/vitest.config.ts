import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'fuzz/**/*.test.ts'],
    setupFiles: ['../core/testing/property-seed.ts'],
  },
});
