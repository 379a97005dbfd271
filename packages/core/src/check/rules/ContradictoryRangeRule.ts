import type { Expr } from '../../ast';
import { contradictoryRange } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';
import { valueText } from '../describe';
import { type Constraint, constraintOf, flatten, isEmpty, startsChain, tighter } from '../ranges';

/** No `between` and no chain of `and` asks for a value in an empty range (`x >= 5 and x < 3`). */
export function ContradictoryRangeRule(context: CheckContext): Visitor {
  const { symbols, source } = context;
  const conjunction = (node: Expr) => {
    if (!startsChain(node, context.parent, 'and')) return;
    const groups = new Map<string, { lower?: Constraint; upper?: Constraint }>();
    for (const operand of flatten(node, 'and')) {
      const c = constraintOf(operand, symbols, source);
      if (!c || (c.lower && c.upper && isEmpty(c.lower, c.upper))) continue;
      const g = groups.get(c.key) ?? {};
      if (c.lower && (!g.lower?.lower || tighter(c.lower, g.lower.lower, 'lower') !== g.lower.lower))
        g.lower = c;
      if (c.upper && (!g.upper?.upper || tighter(c.upper, g.upper.upper, 'upper') !== g.upper.upper))
        g.upper = c;
      groups.set(c.key, g);
    }
    for (const { lower, upper } of groups.values()) {
      if (!lower?.lower || !upper?.upper || lower === upper || !isEmpty(lower.lower, upper.upper)) continue;
      context.report(
        contradictoryRange(node.span, lower.subject, `'${lower.text}' and '${upper.text}' cannot both hold`),
      );
    }
  };
  return {
    Binary: conjunction,
    Quantifier: conjunction,
    Between(node) {
      const c = constraintOf(node, symbols, source);
      if (!c?.lower || !c.upper || !isEmpty(c.lower, c.upper)) return;
      const why = `the low end ${valueText(node.low)} is above the high end ${valueText(node.high)}`;
      context.report(contradictoryRange(node.span, c.subject, why));
    },
  };
}
