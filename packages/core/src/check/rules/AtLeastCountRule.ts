import { atLeastTooMany } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';

/** `at least N of (…)` has at least N operands, or it could never be met. */
export function AtLeastCountRule(context: CheckContext): Visitor {
  return {
    Quantifier(node) {
      if (node.quantifier !== 'atLeast' || node.count === undefined) return;
      if (node.count > node.operands.length)
        context.report(atLeastTooMany(node.span, node.count, node.operands.length));
    },
  };
}
