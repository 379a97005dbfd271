/**
 * The source of the population path's generated function, caught as it is made. Generation
 * happens in `new Function(…)`, on a protocol's first population call; a stand-in `Function`
 * that records the body and defers to the real one sees it without any hook in the product.
 */
export function withGeneratedSource<T>(run: (sources: readonly string[]) => T): {
  result: T;
  sources: string[];
} {
  const sources: string[] = [];
  const real = globalThis.Function;
  globalThis.Function = new Proxy(real, {
    construct(target, args: string[]) {
      sources.push(String(args.at(-1)));
      return Reflect.construct(target, args);
    },
  });
  try {
    return { result: run(sources), sources };
  } finally {
    globalThis.Function = real;
  }
}

/** Whether a caught source is the population path's (zod compiles its validators the same way). */
export function isBatchScreen(source: string): boolean {
  return source.includes('return function screenBatch(');
}

/**
 * The string literals the generator itself writes: record kinds, comparison operators and
 * condition modes. Any other literal in generated code would be text from the protocol.
 */
const OWN_LITERALS = new Set([
  "'date'",
  "'code'",
  "'records'",
  ...['<', '<=', '>', '>=', '=', '!='].map((op) => JSON.stringify(op)),
  ...['active', 'suspected', 'ever', 'resolved', 'resolvedAtLeast', 'severe'].map((m) => JSON.stringify(m)),
]);

/** What in a generated source could have come from the protocol's text: foreign literals, non-ASCII, the given names. */
export function leaks(source: string, names: readonly string[]): string[] {
  const found: string[] = [];
  for (const [literal] of source.matchAll(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`/g)) {
    if (!OWN_LITERALS.has(literal)) found.push(`literal ${literal}`);
  }
  const foreign = /[^\x20-\x7e\n]/.exec(source);
  if (foreign) found.push(`character U+${foreign[0].charCodeAt(0).toString(16).padStart(4, '0')}`);
  for (const name of names) if (source.includes(name)) found.push(`name ${name}`);
  return found;
}
