import { severeOnOtherRecord } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';
import { describeValue, tailSpan } from '../describe';

/** `severe` qualifies allergies (criticality, reactions) and conditions (their recorded severity). */
export function SevereRecordRule(context: CheckContext): Visitor {
  return {
    SevereTest(node) {
      const info = context.symbols.get(node.subject.name);
      if (!info || info.kind === 'allergy' || info.kind === 'condition') return;
      const span = tailSpan(node.subject.span, node.span, context.source);
      context.report(
        severeOnOtherRecord(span, node.subject.name, describeValue(node.subject, context.symbols)),
      );
    },
  };
}
