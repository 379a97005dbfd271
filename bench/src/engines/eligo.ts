import { type CompiledProtocol, compile, type ScreeningInput } from '@eligo/core';

/** Compiles a benchmark protocol, or fails loudly with its diagnostics: a benchmark of a broken protocol means nothing. */
export function compileOrThrow(text: string, name = 'bench.elig'): CompiledProtocol {
  const { protocol, diagnostics } = compile(text, { name });
  if (!protocol) {
    throw new Error(
      `${name} does not compile:\n${diagnostics.map((d) => `  ${d.code} ${d.message}`).join('\n')}`,
    );
  }
  return protocol;
}

/** The benchmark's inputs are Eligo screening inputs; the cast only forgets the narrower bench types. */
export function asInput(input: unknown): ScreeningInput {
  return input as ScreeningInput;
}
