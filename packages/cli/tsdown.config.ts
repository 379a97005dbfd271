import { defineConfig } from 'tsdown';

// The published command (`dist/main.js`, the package's bin) and the `run` function it wraps.
export default defineConfig({
  entry: ['src/main.ts', 'src/run.ts'],
  format: 'esm',
  platform: 'node',
  dts: true,
  outDir: 'dist',
  clean: true,
  fixedExtension: false,
});
