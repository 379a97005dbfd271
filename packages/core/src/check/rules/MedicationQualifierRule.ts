import { medicationQualifier } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';
import { describeValue, tailSpan } from '../describe';

const WORDS = {
  forAtLeast: 'for at least',
  forMoreThan: 'for more than',
} as const;

/** `for at least` and `for more than` measure periods: how long a medication was taken, a stay lasted. */
export function MedicationQualifierRule(context: CheckContext): Visitor {
  const { symbols } = context;
  return {
    MedicationTest(node) {
      const info = symbols.get(node.subject.name);
      if (info && info.kind !== 'medication' && info.kind !== 'encounter') {
        const span = tailSpan(node.subject.span, node.span, context.source);
        const subjectIs = describeValue(node.subject, symbols);
        context.report(medicationQualifier(span, WORDS[node.qualifier], node.subject.name, subjectIs));
      }
    },
  };
}
