/** Vite's static glob import: the conformance runner loads its cases, the limits and docs examples tests read text (`?raw`). */
interface ImportMeta {
  glob<T>(pattern: string, options: { eager: true; import: 'default'; query?: string }): Record<string, T>;
}
