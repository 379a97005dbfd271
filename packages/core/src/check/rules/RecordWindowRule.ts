import type { Ref } from '../../ast';
import {
  anyReadingSubject,
  hoursNotHere,
  recordWindowForm,
  recordWindowSubject,
  wrongType,
} from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';
import { describeValue, tailSpan } from '../describe';

const DATED: ReadonlySet<string> = new Set(['medication', 'condition', 'procedure', 'encounter']);

/**
 * `R within D before A` applies to dated records (medications, conditions, procedures,
 * encounters), `any L within D before A OP V` to results (E0229), and to date questions; durations
 * in hours are judged only there (decide/window.ts). Only a date question's window looks forward
 * (`after`) or has a computed length: records are known up to the screening date and count back
 * by a duration.
 */
export function RecordWindowRule(context: CheckContext): Visitor {
  const { symbols } = context;
  const windows = new Set<unknown>();
  return {
    WithinTest(node) {
      windows.add(node.duration);
      const info = symbols.get(node.subject.name);
      const span = tailSpan(node.subject.span, node.span, context.source);
      const dateQuestion = info?.kind === 'question' && info.type.kind === 'date';
      if (info && !DATED.has(info.kind) && !dateQuestion) {
        context.report(recordWindowSubject(span, node.subject.name, describeValue(node.subject, symbols)));
      } else if (
        info &&
        DATED.has(info.kind) &&
        (node.side === 'after' || node.duration.kind !== 'Duration')
      ) {
        context.report(recordWindowForm(span, node.subject.name, node.side === 'after'));
      }
      if (node.anchor !== 'screening') anchorProblem(context, node.anchor, node.side);
    },
    AnyReading(node) {
      windows.add(node.duration);
      const subject = node.test.left;
      const info = subject.kind === 'Ref' ? symbols.get(subject.name) : undefined;
      if (subject.kind === 'Ref' && info && info.kind !== 'lab' && info.kind !== 'test') {
        context.report(anyReadingSubject(subject.span, subject.name, describeValue(subject, symbols)));
      }
      if (node.anchor !== 'screening') anchorProblem(context, node.anchor, 'before');
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
function anchorProblem(context: CheckContext, anchor: Ref, side: 'before' | 'after'): void {
  const { symbols } = context;
  const info = symbols.get(anchor.name);
  if (!info || info.kind === 'lab' || info.kind === 'test' || info.kind === 'condition') return;
  if (info.kind === 'question' && info.type.kind === 'date') return;
  const anchorIs = describeValue(anchor, symbols);
  context.report(
    wrongType(
      anchor.span,
      `within … ${side}`,
      `a date to count ${side === 'before' ? 'back' : 'on'} from: screening, a lab or test result, a condition or a date question`,
      anchor.name,
      anchorIs,
    ),
  );
}
