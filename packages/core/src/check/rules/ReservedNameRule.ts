import { reservedName } from '../../diagnostics/catalog';
import { calculator } from '../calculators';
import type { CheckContext, Visitor } from '../context';

/** Words of the language; a data element named like one would make expressions ambiguous to read. */
export const KEYWORDS: ReadonlySet<string> = new Set(
  (
    'trial version records complete for patient lab test condition medication procedure allergy ' +
    'encounter question define from in inclusion exclusion cohort source met if then else unless given decided by and or not any all ' +
    'of at least is between within before screening ever suspected resolved more than ago severe latest fell ' +
    'ULN LLN x yes no true false route daily dose as stable'
  ).split(' '),
);

/** No declaration takes the name of a keyword or a calculator. */
export function ReservedNameRule(context: CheckContext): Visitor {
  return {
    Protocol(node) {
      for (const d of node.declarations) {
        const name = d.name.value;
        if (KEYWORDS.has(name)) context.report(reservedName(d.name.span, name, 'keyword'));
        else if (calculator(name)) context.report(reservedName(d.name.span, name, 'calculator'));
      }
    },
  };
}
