import type { Value } from '../../ast';
import { limitWithoutLab } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';
import { describeValue, valueText } from '../describe';

/** `N x ULN` and `N x LLN` are compared with a lab or test, whose observation carries the limit. */
export function LimitMultipleRule(context: CheckContext): Visitor {
  const { symbols } = context;
  const hasLimits = (v: Value | undefined) => {
    if (v?.kind !== 'Ref') return false;
    const kind = symbols.get(v.name)?.kind;
    return kind === undefined || kind === 'lab' || kind === 'test';
  };
  return {
    LimitMultiple(node) {
      const parent = context.parent;
      let other: Value | undefined;
      if (parent?.kind === 'Compare') other = parent.left === node ? parent.right : parent.left;
      else if (parent?.kind === 'Between' && parent.value !== node) other = parent.value;
      if (hasLimits(other)) return;
      const what = other
        ? `${valueText(other, context.source)}, ${describeValue(other, symbols)}`
        : 'missing';
      context.report(limitWithoutLab(node.span, node.limit, what));
    },
  };
}
