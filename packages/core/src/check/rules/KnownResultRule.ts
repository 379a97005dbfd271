import { knownOnNonResult, onlyOnNonResult } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';
import { describeValue, valueText } from '../describe';

/**
 * `is known VALUE` turns a missing result into "not VALUE" ("known positive serology"), and `is
 * only VALUE` weighs every result of a day: both read results, so only a lab or test (E0228,
 * E0236); anything else (an answer, a derived value) is refused.
 */
export function KnownResultRule(context: CheckContext): Visitor {
  const { symbols } = context;
  return {
    Is(node) {
      if (!node.known && !node.only) return;
      const subject = node.subject;
      const info = subject.kind === 'Ref' ? symbols.get(subject.name) : undefined;
      if (subject.kind === 'Ref' && (!info || info.kind === 'lab' || info.kind === 'test')) return;
      const name = valueText(subject, context.source);
      const report = node.only ? onlyOnNonResult : knownOnNonResult;
      context.report(report(subject.span, name, describeValue(subject, symbols)));
    },
  };
}
