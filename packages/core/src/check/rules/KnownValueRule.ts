import { unknownValue, wrongType } from '../../diagnostics/catalog';
import { suggest } from '../../diagnostics/suggest';
import type { CheckContext, Visitor } from '../context';
import { describeValue, valueText } from '../describe';

/** `E is VALUE` names one of E's values, and E has coded values (a test, sex, a coded answer). */
export function KnownValueRule(context: CheckContext): Visitor {
  const { symbols } = context;
  return {
    Is(node) {
      const subject = node.subject;
      let values: readonly string[] | undefined;
      if (subject.kind === 'Ref') {
        const info = symbols.get(subject.name);
        if (!info) return;
        values = info.values;
      } else {
        const type = symbols.typeOf(subject);
        if (type.kind === 'unknown') return;
        values = type.kind === 'code' ? type.values : undefined;
      }
      const name = valueText(subject, context.source);
      if (values === undefined) {
        const lab = subject.kind === 'Ref' && symbols.get(subject.name)?.kind === 'lab';
        const hint = lab
          ? `add 'positive above ULN' (or a threshold) to the lab to use 'is positive'`
          : undefined;
        context.report(
          wrongType(subject.span, 'is', 'a coded value', name, describeValue(subject, symbols), hint),
        );
      } else if (!values.includes(node.value.value)) {
        const value = node.value.value;
        context.report(unknownValue(node.value.span, value, name, values, suggest(value, values)));
      }
    },
  };
}
