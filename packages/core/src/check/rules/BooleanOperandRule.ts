import type { Expr } from '../../ast';
import { notABoolean } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';
import { describeValue, valueText } from '../describe';

/** Where a rule needs true or false (a criterion, `and`, `or`, `not`, `if`, `unless`, `given`, `any of`), it gets one. */
export function BooleanOperandRule(context: CheckContext): Visitor {
  const { symbols } = context;
  const expect = (expr: Expr | null | undefined) => {
    if (!expr) return;
    if (expr.kind === 'If') {
      expect(expr.then);
      expect(expr.else);
      return;
    }
    const type = symbols.typeOf(expr);
    if (type.kind === 'boolean' || type.kind === 'unknown') return;
    const name = valueText(expr, context.source);
    let example: string | undefined;
    if (type.kind === 'quantity') example = `${name} >= N${type.unit ? ` ${type.unit}` : ''}`;
    else if (type.kind === 'code' && type.values[0]) example = `${name} is ${type.values[0]}`;
    context.report(notABoolean(expr.span, name, describeValue(expr, symbols), example));
  };
  return {
    Criterion: (node) => expect(node.rule),
    Binary(node) {
      expect(node.left);
      expect(node.right);
    },
    Not: (node) => expect(node.operand),
    Unless(node) {
      expect(node.expr);
      expect(node.exception);
    },
    Given(node) {
      expect(node.expr);
      expect(node.premise);
    },
    If: (node) => expect(node.condition),
    Quantifier: (node) => node.operands.forEach(expect),
  };
}
