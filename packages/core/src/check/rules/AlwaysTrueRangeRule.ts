import type { Expr } from '../../ast';
import { alwaysTrueRange } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';
import { type Constraint, constraintOf, flatten, isEmpty, startsChain, tighter } from '../ranges';

/** No chain of `or` accepts every value of a quantity (`x >= 3 or x < 5`). */
export function AlwaysTrueRangeRule(context: CheckContext): Visitor {
  const { symbols, source } = context;
  const disjunction = (node: Expr) => {
    if (!startsChain(node, context.parent, 'or')) return;
    // The widest "at least" and the widest "at most" of each value: together they cover everything
    // when the first starts at or below where the second ends.
    const groups = new Map<string, { from?: Constraint; to?: Constraint }>();
    for (const operand of flatten(node, 'or')) {
      const c = constraintOf(operand, symbols, source);
      if (!c || (c.lower && c.upper)) continue;
      const g = groups.get(c.key) ?? {};
      if (c.lower && (!g.from?.lower || tighter(c.lower, g.from.lower, 'lower') === g.from.lower)) g.from = c;
      if (c.upper && (!g.to?.upper || tighter(c.upper, g.to.upper, 'upper') === g.to.upper)) g.to = c;
      groups.set(c.key, g);
    }
    for (const { from, to } of groups.values()) {
      if (!from?.lower || !to?.upper) continue;
      // Values neither side accepts lie above `to`'s bound and below `from`'s.
      const uncoveredLow = { value: to.upper.value, inclusive: !to.upper.inclusive };
      const uncoveredHigh = { value: from.lower.value, inclusive: !from.lower.inclusive };
      if (!isEmpty(uncoveredLow, uncoveredHigh)) continue;
      context.report(
        alwaysTrueRange(node.span, from.subject, `'${from.text}' or '${to.text}' covers every value`),
      );
    }
  };
  return { Binary: disjunction, Quantifier: disjunction };
}
