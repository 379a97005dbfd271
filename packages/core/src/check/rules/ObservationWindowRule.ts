import { windowOnNonObservation } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';
import { describeValue, nameSpan, tailSpan } from '../describe';

/** `within N days` after a name limits lab and test results only. */
export function ObservationWindowRule(context: CheckContext): Visitor {
  return {
    Ref(node) {
      if (!node.window) return;
      const info = context.symbols.get(node.name);
      if (!info || info.kind === 'lab' || info.kind === 'test') return;
      const span = tailSpan(nameSpan(node), node.span, context.source);
      context.report(windowOnNonObservation(span, node.name, describeValue(node, context.symbols)));
    },
  };
}
