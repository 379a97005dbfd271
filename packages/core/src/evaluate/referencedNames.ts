import type * as Ast from '../ast';

/**
 * Every name a rule refers to, directly or through the defines it uses (each define read once, so
 * a cycle the checker reports cannot loop here). The elements a criterion depends on, and the
 * criteria that use a define, are both read from this.
 */
export function referencedNames(
  expr: Ast.Expr,
  defineOf: (name: string) => Ast.DefineDecl | undefined,
): Set<string> {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    const n = node as { kind?: string; name?: unknown };
    if (n.kind === 'Ref' && typeof n.name === 'string' && !names.has(n.name)) {
      names.add(n.name);
      const define = defineOf(n.name);
      if (define) walk(define.expr);
    }
    for (const [key, value] of Object.entries(n))
      if (key !== 'span' && typeof value === 'object') walk(value);
  };
  walk(expr);
  return names;
}
