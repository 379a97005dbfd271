import type { UserConfig } from 'tsdown';

/**
 * How a published library package builds: one ES module and its declarations in `dist/`, platform
 * neutral, because core, fhir and the client run in browsers as well as in Node.
 */
export const libraryBuild: UserConfig = {
  entry: ['src/index.ts'],
  format: 'esm',
  platform: 'neutral',
  dts: true,
  outDir: 'dist',
  clean: true,
};
