import { type CompileResult, compile, parse, print } from '@eligo/core';

/**
 * The protocol as the pre-screen reads it. A person's own answers are never a complete record:
 * where the protocol declares records complete (`records complete for condition`), a diagnosis the
 * person did not answer about would read as "none" and could wrongly rule them in or out. So the
 * declaration is dropped, and every record the person leaves unanswered stays unknown.
 */
export function compileOpenWorld(text: string, name: string): CompileResult {
  const parsed = parse(text);
  if (!parsed.ast || parsed.diagnostics.some((d) => d.severity === 'error')) return compile(text, { name });
  return compile(print({ ...parsed.ast, complete: [] }), { name });
}
