// Vite (and so vitest) imports a file's text with `?raw`; tests read the grammar and the docs this way.
declare module '*?raw' {
  const text: string;
  export default text;
}
