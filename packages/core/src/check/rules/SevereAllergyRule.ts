import { severeOnNonAllergy } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';
import { describeValue, tailSpan } from '../describe';

/** `severe` qualifies allergies only. */
export function SevereAllergyRule(context: CheckContext): Visitor {
  return {
    SevereTest(node) {
      const info = context.symbols.get(node.subject.name);
      if (!info || info.kind === 'allergy') return;
      const span = tailSpan(node.subject.span, node.span, context.source);
      context.report(
        severeOnNonAllergy(span, node.subject.name, describeValue(node.subject, context.symbols)),
      );
    },
  };
}
