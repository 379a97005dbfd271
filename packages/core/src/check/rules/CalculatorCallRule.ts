import type { Value } from '../../ast';
import { wrongArgument, wrongArity } from '../../diagnostics/catalog';
import { calculator, type Parameter, signatureText } from '../calculators';
import type { CheckContext, Visitor } from '../context';
import { describeValue, valueText } from '../describe';
import { sameDimension } from '../units';

/** A calculator gets as many arguments as it takes, each of the kind it expects. */
export function CalculatorCallRule(context: CheckContext): Visitor {
  const { symbols } = context;
  const fits = (arg: Value, p: Parameter): boolean => {
    const type = symbols.typeOf(arg);
    if (type.kind === 'unknown') return true;
    if (type.kind !== p.kind) return false;
    if (type.kind === 'code') return (p.values ?? []).every((v) => type.values.includes(v));
    if (type.kind === 'quantity' && p.unit !== undefined) {
      return type.unit !== undefined && sameDimension(type.unit, p.unit, type.molarMass) !== false;
    }
    return true;
  };
  return {
    Call(node) {
      const signature = calculator(node.callee.value);
      if (!signature) return;
      const { parameters } = signature;
      if (node.args.length !== parameters.length) {
        const text = signatureText(signature);
        context.report(wrongArity(node.span, signature.name, text, parameters.length, node.args.length));
        return;
      }
      node.args.forEach((arg, i) => {
        const p = parameters[i]!;
        if (fits(arg, p)) return;
        const found = `${valueText(arg, context.source)} is ${describeValue(arg, symbols)}`;
        context.report(wrongArgument(arg.span, signature.name, p.name, p.expects, found));
      });
    },
  };
}
