import { medicationQualifier } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';
import { describeValue, tailSpan } from '../describe';

const WORDS = {
  forAtLeast: 'for at least',
  forMoreThan: 'for more than',
  stableForAtLeast: 'stable for at least',
} as const;

/**
 * `for at least` and `for more than` measure periods (how long a medication was taken, a stay
 * lasted), `stable for at least` how long a medication's dose stayed the same, and `daily dose`
 * reads a medication's dose.
 */
export function MedicationQualifierRule(context: CheckContext): Visitor {
  const { symbols } = context;
  return {
    MedicationTest(node) {
      const info = symbols.get(node.subject.name);
      // A period's length applies to stays too; a dose's stability only to medications.
      const encountersToo = node.qualifier !== 'stableForAtLeast';
      if (info && info.kind !== 'medication' && !(encountersToo && info.kind === 'encounter')) {
        const span = tailSpan(node.subject.span, node.span, context.source);
        const subjectIs = describeValue(node.subject, symbols);
        context.report(
          medicationQualifier(span, WORDS[node.qualifier], node.subject.name, subjectIs, encountersToo),
        );
      }
    },
    DailyDose(node) {
      const info = symbols.get(node.subject.name);
      if (info && info.kind !== 'medication') {
        const span = tailSpan(node.subject.span, node.span, context.source);
        const subjectIs = describeValue(node.subject, symbols);
        context.report(medicationQualifier(span, 'daily dose', node.subject.name, subjectIs));
      }
    },
  };
}
