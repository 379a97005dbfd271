import { unknownFunction } from '../../diagnostics/catalog';
import { suggest } from '../../diagnostics/suggest';
import { CALCULATORS, calculator } from '../calculators';
import type { CheckContext, Visitor } from '../context';

/** Every function called is one of the calculators. */
export function KnownFunctionRule(context: CheckContext): Visitor {
  const known = Object.keys(CALCULATORS).sort();
  return {
    Call(node) {
      const name = node.callee.value;
      if (calculator(name)) return;
      context.report(unknownFunction(node.callee.span, name, known, suggest(name, known)));
    },
  };
}
