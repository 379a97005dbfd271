import { missingSource } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';

/** Every criterion quotes the protocol sentence it encodes, so a reviewer can compare the two. */
export function CriterionSourceRule(context: CheckContext): Visitor {
  return {
    Criterion(node) {
      if (node.source === undefined || node.source.trim() === '')
        context.report(missingSource(node.id.span, node.id.value));
    },
  };
}
