import { wrongType } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';
import { describeValue, valueText } from '../describe';

/** `V fell by at least N % within M months` and `V stable within N % …` follow a quantity over time. */
export function TrendSubjectRule(context: CheckContext): Visitor {
  const { symbols } = context;
  return {
    Trend(node) {
      const type = symbols.typeOf(node.subject);
      if (type.kind === 'quantity' || type.kind === 'unknown') return;
      const name = valueText(node.subject, context.source);
      context.report(
        wrongType(
          node.subject.span,
          node.change === 'fell' ? 'fell by' : 'stable within',
          'a quantity',
          name,
          describeValue(node.subject, symbols),
        ),
      );
    },
  };
}
