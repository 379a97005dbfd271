import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { setupFiles: ['../core/testing/property-seed.ts'] } });
