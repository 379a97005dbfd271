import { conditionQualifier } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';
import { describeValue, tailSpan } from '../describe';

const WORDS = {
  ever: 'ever',
  suspected: 'suspected',
  resolvedMoreThan: 'resolved more than',
  resolvedAtLeast: 'resolved at least',
} as const;

/** `ever`, `suspected`, `resolved more than` and `resolved at least` qualify conditions only. */
export function ConditionQualifierRule(context: CheckContext): Visitor {
  return {
    ConditionTest(node) {
      const info = context.symbols.get(node.subject.name);
      if (!info || info.kind === 'condition') return;
      const span = tailSpan(node.subject.span, node.span, context.source);
      const subjectIs = describeValue(node.subject, context.symbols);
      context.report(conditionQualifier(span, WORDS[node.qualifier], node.subject.name, subjectIs));
    },
  };
}
