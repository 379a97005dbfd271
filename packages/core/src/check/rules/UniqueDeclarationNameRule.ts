import type { Span } from '../../ast';
import { duplicateDeclaration } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';

/** No two declarations share a name. */
export function UniqueDeclarationNameRule(context: CheckContext): Visitor {
  return {
    Protocol(node) {
      const first = new Map<string, Span>();
      for (const d of node.declarations) {
        const seen = first.get(d.name.value);
        if (seen) context.report(duplicateDeclaration(d.name.span, d.name.value, seen));
        else first.set(d.name.value, d.name.span);
      }
    },
  };
}
