import { defineConfig } from 'tsdown';

// The published package: one ES module and its declarations; it runs wherever fetch does.
export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  platform: 'neutral',
  dts: true,
  outDir: 'dist',
  clean: true,
});
