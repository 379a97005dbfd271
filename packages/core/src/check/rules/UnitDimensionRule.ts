import type { Expr, LabDecl, QuantityLit, Span, Value } from '../../ast';
import { DAILY_DOSE_UNIT } from '../../decide/dosing';
import { doseUnitMismatch, incomparable, missingUnit, unitMismatch } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';
import { describeValue, isLiteral, valueText } from '../describe';
import { isPlainNumberUnit, sameDimension, unitIs } from '../units';

/**
 * Values compared with each other measure the same thing: units of one dimension (a molar mass
 * may bridge mass and substance), a bare number only against a plain number or a unit such as
 * `{INR}` where the number means the same, and never a code against a number or a date.
 */
export function UnitDimensionRule(context: CheckContext): Visitor {
  const { symbols } = context;

  /** Reports whether `other` can be compared with `subject`; the report points at `other`. */
  const pair = (first: Value, second: Value) => {
    const [subject, other] = isLiteral(first) && !isLiteral(second) ? [second, first] : [first, second];
    const a = symbols.typeOf(subject);
    const b = symbols.typeOf(other);
    if (a.kind === 'unknown' || b.kind === 'unknown' || a.kind === 'limit' || b.kind === 'limit') return;
    const name = valueText(subject, context.source);
    // A daily dose's unit is fixed (mg/d): a threshold in another kind of unit gets its own words.
    const dose = subject.kind === 'DailyDose' || other.kind === 'DailyDose';
    if (dose && a.kind === 'quantity' && b.kind === 'quantity') {
      const [doseSide, threshold] = subject.kind === 'DailyDose' ? [subject, other] : [other, subject];
      const unit = symbols.typeOf(threshold);
      const code = unit.kind === 'quantity' ? unit.unit : undefined;
      if (code !== undefined && sameDimension(code, DAILY_DOSE_UNIT) !== false) return;
      const found =
        code === undefined
          ? `'${valueText(threshold, context.source)}' has no unit`
          : `'${code}' is ${unitIs(code)}`;
      context.report(doseUnitMismatch(unitSpan(threshold), found, valueText(doseSide, context.source)));
      return;
    }
    if (a.kind !== b.kind) {
      context.report(incomparable(other.span, describe(subject), describe(other)));
      return;
    }
    if (a.kind !== 'quantity' || b.kind !== 'quantity') return;
    const ua = a.unit;
    const ub = b.unit;
    if (ua !== undefined && ub !== undefined) {
      if (sameDimension(ua, ub, a.molarMass ?? b.molarMass) !== false) return;
      const bridge = sameDimension(ua, ub, 1) ? (labOf(subject) ?? labOf(other)) : undefined;
      context.report(unitMismatch(unitSpan(other), ub, unitIs(ub), name, `${unitIs(ua)} (${ua})`, bridge));
    } else if (ua !== undefined && ub === undefined) {
      if (other.kind === 'Quantity') {
        if (!isPlainNumberUnit(ua)) context.report(missingUnit(other.span, String(other.value), name, ua));
      } else context.report(incomparable(other.span, describe(subject), describe(other)));
    } else if (ua === undefined && ub !== undefined) {
      if (isPlainNumberUnit(ub)) return;
      if (other.kind === 'Quantity')
        context.report(unitMismatch(unitSpan(other), ub, unitIs(ub), name, 'a plain number'));
      else context.report(incomparable(other.span, describe(subject), describe(other)));
    }
  };

  const describe = (e: Expr) => `${valueText(e, context.source)} (${describeValue(e, symbols)})`;

  const molarMassOf = (lab: LabDecl) => {
    const type = symbols.get(lab.name.value)?.type;
    return type?.kind === 'quantity' ? type.molarMass : undefined;
  };

  /** The lab a value reads, by name and declaration: where a molar mass would go. */
  const labOf = (e: Expr) => {
    const declaration = e.kind === 'Ref' ? symbols.get(e.name)?.declaration : undefined;
    return declaration?.kind === 'LabDecl'
      ? { name: declaration.name.value, declared: declaration.span }
      : undefined;
  };

  /** A declared quantity (molar mass, positivity threshold) is in a unit of the expected dimension. */
  const declared = (
    q: QuantityLit | undefined,
    expected: string | undefined,
    what: string,
    lab?: LabDecl,
  ) => {
    if (!q || expected === undefined) return;
    if (q.unit === undefined) {
      if (!isPlainNumberUnit(expected)) context.report(missingUnit(q.span, String(q.value), what, expected));
    } else if (sameDimension(q.unit.code, expected, lab ? molarMassOf(lab) : undefined) === false) {
      const bridge =
        lab && sameDimension(q.unit.code, expected, 1) ? { name: what, declared: lab.span } : undefined;
      context.report(
        unitMismatch(
          q.unit.span,
          q.unit.code,
          unitIs(q.unit.code),
          what,
          `${unitIs(expected)} (${expected})`,
          bridge,
        ),
      );
    }
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
      declared(node.molarMass, 'g/mol', 'a molar mass');
      if (node.positiveAbove?.kind === 'Quantity')
        declared(node.positiveAbove, node.unit.code, node.name.value, node);
    },
  };
}

function unitSpan(e: Expr): Span {
  return e.kind === 'Quantity' && e.unit ? e.unit.span : e.span;
}
