/** Vite's `?raw` imports: a file's text, for tests that compile a protocol shipped beside its examples. */
declare module '*?raw' {
  const text: string;
  export default text;
}
