import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// During `vite dev`, API calls go to a locally running API (`pnpm --filter @eligo/api start`);
// in production the API serves this app from the same origin, so the client uses relative URLs.
const api = process.env.ELIGO_API_URL ?? 'http://127.0.0.1:8787';

export default defineConfig({
  plugins: [svelte()],
  server: { proxy: { '/v1': api, '/docs': api } },
  build: { target: 'es2022', sourcemap: true },
  test: { include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 },
});
