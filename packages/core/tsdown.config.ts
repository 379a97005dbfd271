import { defineConfig } from 'tsdown';

// The published package: one ES module and its declarations. Platform neutral, because the
// language runs in browsers as well as in Node.
export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  platform: 'neutral',
  dts: true,
  outDir: 'dist',
  clean: true,
});
