import type { Ref } from '../../ast';
import { anyReadingSubject, hoursNotHere, recordWindowSubject, wrongType } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';
import { describeValue, tailSpan } from '../describe';

const DATED: ReadonlySet<string> = new Set(['medication', 'condition', 'procedure', 'encounter']);

/**
 * `R within D before A` applies to dated records (medications, conditions, procedures,
 * encounters), `any L within D before A OP V` to results (E0229); both count back from a date,
 * and durations in hours are judged only there (decide/window.ts).
 */
export function RecordWindowRule(context: CheckContext): Visitor {
  const { symbols } = context;
  const windows = new Set<unknown>();
  return {
    WithinTest(node) {
      windows.add(node.duration);
      const info = symbols.get(node.subject.name);
      if (info && !DATED.has(info.kind)) {
        const span = tailSpan(node.subject.span, node.span, context.source);
        context.report(recordWindowSubject(span, node.subject.name, describeValue(node.subject, symbols)));
      }
      if (node.anchor !== 'screening') anchorProblem(context, node.anchor);
    },
    AnyReading(node) {
      windows.add(node.duration);
      const subject = node.test.left;
      const info = subject.kind === 'Ref' ? symbols.get(subject.name) : undefined;
      if (subject.kind === 'Ref' && info && info.kind !== 'lab' && info.kind !== 'test') {
        context.report(anyReadingSubject(subject.span, subject.name, describeValue(subject, symbols)));
      }
      if (node.anchor !== 'screening') anchorProblem(context, node.anchor);
    },
    Duration(node) {
      if (node.unit === 'hour' && !windows.has(node)) context.report(hoursNotHere(node.span));
    },
  };
}

/**
 * Checks a `within … before` anchor: the screening date, a result (its date), a condition (its
 * first onset: "before the diagnosis of metastatic disease") or a date question.
 */
function anchorProblem(context: CheckContext, anchor: Ref): void {
  const { symbols } = context;
  const info = symbols.get(anchor.name);
  if (!info || info.kind === 'lab' || info.kind === 'test' || info.kind === 'condition') return;
  if (info.kind === 'question' && info.type.kind === 'date') return;
  const anchorIs = describeValue(anchor, symbols);
  context.report(
    wrongType(
      anchor.span,
      'within … before',
      'a date to count back from: screening, a lab or test result, a condition or a date question',
      anchor.name,
      anchorIs,
    ),
  );
}
