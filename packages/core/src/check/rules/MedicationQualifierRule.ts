import { medicationQualifier, wrongType } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';
import { describeValue, tailSpan } from '../describe';

const WORDS = {
  forAtLeast: 'for at least',
  forMoreThan: 'for more than',
  within: 'within … before',
} as const;

/** `for at least`, `for more than` and `within … before` qualify medications; the anchor is a lab or test. */
export function MedicationQualifierRule(context: CheckContext): Visitor {
  const { symbols } = context;
  return {
    MedicationTest(node) {
      const info = symbols.get(node.subject.name);
      if (info && info.kind !== 'medication') {
        const span = tailSpan(node.subject.span, node.span, context.source);
        const subjectIs = describeValue(node.subject, symbols);
        context.report(medicationQualifier(span, WORDS[node.qualifier], node.subject.name, subjectIs));
      }
      const anchor = node.anchor;
      if (typeof anchor !== 'object') return;
      const anchorInfo = symbols.get(anchor.name);
      if (!anchorInfo || anchorInfo.kind === 'lab' || anchorInfo.kind === 'test') return;
      const anchorIs = describeValue(anchor, symbols);
      context.report(
        wrongType(anchor.span, 'within … before', 'a lab or test result to date it', anchor.name, anchorIs),
      );
    },
  };
}
