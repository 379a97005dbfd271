import { EQUIVALENCE_TABLE_NAMES, equivalenceTable } from '../../codes/equivalents';
import { unknownEquivalenceTable } from '../../diagnostics/catalog';
import { suggest } from '../../diagnostics/suggest';
import type { CheckContext, Visitor } from '../context';

/** `daily dose as T` names a dose equivalence table. */
export function EquivalenceTableRule(context: CheckContext): Visitor {
  return {
    DailyDose(node) {
      if (!node.as || equivalenceTable(node.as.value)) return;
      const name = node.as.value;
      context.report(
        unknownEquivalenceTable(
          node.as.span,
          name,
          EQUIVALENCE_TABLE_NAMES,
          suggest(name, EQUIVALENCE_TABLE_NAMES),
        ),
      );
    },
  };
}
