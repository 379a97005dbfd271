/** Vite's static glob import, which the conformance runner uses to load its cases. */
interface ImportMeta {
  glob<T>(pattern: string, options: { eager: true; import: 'default' }): Record<string, T>;
}
