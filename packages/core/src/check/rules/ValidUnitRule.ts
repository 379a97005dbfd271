import { invalidUnit } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';
import { unitSuggestions, validUnit } from '../units';

/** Every unit is a valid UCUM code. */
export function ValidUnitRule(context: CheckContext): Visitor {
  return {
    UnitRef(node) {
      if (!validUnit(node.code))
        context.report(invalidUnit(node.span, node.code, unitSuggestions(node.code)));
    },
  };
}
