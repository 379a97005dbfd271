import type { Expr, QuantityLit, Span, Value } from '../../ast';
import { unitAnnotationMismatch } from '../../diagnostics/catalog';
import { printNumber } from '../../print';
import { sameAnnotations } from '../../units/annotations';
import type { CheckContext, Visitor } from '../context';
import { isLiteral, valueText } from '../describe';
import { validUnit } from '../units';

/**
 * Units compared or converted into each other carry the same annotations: UCUM reads `{…}` as 1,
 * so `crcl >= 60 mL/min/{1.73_m2}` with `crcl` in `mL/min` would compare a clearance normalised
 * to body surface with a raw one, unconverted and unreported by the dimension check.
 */
export function UnitAnnotationRule(context: CheckContext): Visitor {
  const { symbols } = context;

  /** The element a reference names, when the author could declare it in another unit. */
  const declaredName = (e: Expr) => {
    if (e.kind !== 'Ref') return undefined;
    const kind = symbols.get(e.name)?.declaration.kind;
    return kind === 'LabDecl' || kind === 'QuestionDecl' ? e.name : undefined;
  };

  const check = (subject: Expr, subjectUnit: string, other: Expr, unit: string, span: Span) => {
    if (sameAnnotations(subjectUnit, unit) || !validUnit(subjectUnit) || !validUnit(unit)) return;
    const name = valueText(subject, context.source);
    const element = declaredName(subject);
    const fixes =
      other.kind !== 'Quantity'
        ? ['compare values whose units carry the same annotations']
        : [
            ...(element ? [`declare ${element} in ${unit} if that is what it measures`] : []),
            `write the threshold as '${printNumber(other.value)} ${subjectUnit}'`,
          ];
    context.report(unitAnnotationMismatch(span, unit, name, subjectUnit, fixes));
  };

  /** The report points at the literal side when there is one, as the dimension check does. */
  const pair = (first: Value, second: Value) => {
    const [subject, other] = isLiteral(first) && !isLiteral(second) ? [second, first] : [first, second];
    const a = symbols.typeOf(subject);
    const b = symbols.typeOf(other);
    if (a.kind !== 'quantity' || b.kind !== 'quantity' || a.unit === undefined || b.unit === undefined)
      return;
    check(subject, a.unit, other, b.unit, unitSpan(other));
  };

  const declared = (subject: Expr, subjectUnit: string, q: QuantityLit | undefined) => {
    if (q?.unit) check(subject, subjectUnit, q, q.unit.code, q.unit.span);
  };

  return {
    Compare(node) {
      pair(node.left, node.right);
    },
    Between(node) {
      pair(node.value, node.low);
      pair(node.value, node.high);
    },
    Latest(node) {
      const [first, ...rest] = node.alternatives;
      if (first) for (const alternative of rest) pair(first, alternative);
    },
    LabDecl(node) {
      if (node.positiveAbove?.kind !== 'Quantity') return;
      const ref = { kind: 'Ref', name: node.name.value, window: undefined, span: node.name.span } as const;
      declared(ref, node.unit.code, node.positiveAbove);
    },
  };
}

function unitSpan(e: Expr): Span {
  return e.kind === 'Quantity' && e.unit ? e.unit.span : e.span;
}
