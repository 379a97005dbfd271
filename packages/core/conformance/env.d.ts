/** Vite's static glob import, which the conformance runner and the docs examples test use. */
interface ImportMeta {
  glob<T>(pattern: string, options: { eager: true; import: 'default'; query?: '?raw' }): Record<string, T>;
}
