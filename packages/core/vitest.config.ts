import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'conformance/**/*.test.ts', 'fuzz/**/*.test.ts'],
    // Test files share a worker's modules instead of each loading the grammar and the UCUM tables
    // again: about half the suite's time. The files keep no state between them (no module mocks,
    // spies restored), and they pass in any order (`--sequence.shuffle.files`).
    isolate: false,
    setupFiles: ['testing/property-seed.ts'],
  },
});
