import type { Value } from '../../ast';
import { arithmeticOperand, unlikeSum } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';
import { describeValue, valueText } from '../describe';
import { isPlainNumberUnit, sameDimension, unitIs } from '../units';

/**
 * Arithmetic takes numbers and quantities (never codes, dates, conditions or `N x ULN`), and adds
 * or subtracts only quantities of one dimension (a plain number only to a plain number).
 */
export function ArithmeticRule(context: CheckContext): Visitor {
  const { symbols } = context;
  const operandProblem = (op: string, operand: Value): boolean => {
    const type = symbols.typeOf(operand);
    if (type.kind === 'quantity' || type.kind === 'unknown') return false;
    context.report(
      arithmeticOperand(
        operand.span,
        op,
        valueText(operand, context.source),
        describeValue(operand, symbols),
      ),
    );
    return true;
  };
  const words = (operand: Value, unit: string | undefined) =>
    `${valueText(operand, context.source)} (${unit === undefined ? 'a plain number' : `${unitIs(unit)}, ${unit}`})`;
  return {
    Arith(node) {
      const bad = operandProblem(node.op, node.left);
      if (operandProblem(node.op, node.right) || bad) return;
      if (node.op === '*' || node.op === '/') return;
      const l = symbols.typeOf(node.left);
      const r = symbols.typeOf(node.right);
      if (l.kind !== 'quantity' || r.kind !== 'quantity') return;
      const lu = l.unit;
      const ru = r.unit;
      const plainL = lu === undefined || isPlainNumberUnit(lu);
      const plainR = ru === undefined || isPlainNumberUnit(ru);
      if (plainL && plainR) return;
      if (lu !== undefined && ru !== undefined && sameDimension(lu, ru, l.molarMass ?? r.molarMass) !== false)
        return;
      context.report(unlikeSum(node.span, node.op, words(node.left, lu), words(node.right, ru)));
    },
  };
}
