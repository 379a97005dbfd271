import { defineConfig } from 'vitest/config';

// The tests publish NCT06469190 through the API, which compiles it on a thread of its own: on a
// loaded machine that alone can take more than vitest's default 5 s, as it does in the API's tests.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
