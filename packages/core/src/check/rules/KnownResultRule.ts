import { knownOnNonResult } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';
import { describeValue, valueText } from '../describe';

/**
 * `is known VALUE` turns a missing result into "not VALUE" ("known positive serology"): only a lab
 * or test can be known from a result, so anything else (an answer, a derived value) is refused.
 */
export function KnownResultRule(context: CheckContext): Visitor {
  const { symbols } = context;
  return {
    Is(node) {
      if (!node.known) return;
      const subject = node.subject;
      const info = subject.kind === 'Ref' ? symbols.get(subject.name) : undefined;
      if (subject.kind === 'Ref' && (!info || info.kind === 'lab' || info.kind === 'test')) return;
      const name = valueText(subject, context.source);
      context.report(knownOnNonResult(subject.span, name, describeValue(subject, symbols)));
    },
  };
}
