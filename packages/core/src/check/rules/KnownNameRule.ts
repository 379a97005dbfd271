import { unknownName } from '../../diagnostics/catalog';
import { suggest } from '../../diagnostics/suggest';
import type { CheckContext, Visitor } from '../context';
import { nameSpan } from '../describe';

/** Every name an expression refers to is declared. */
export function KnownNameRule(context: CheckContext): Visitor {
  const { symbols } = context;
  return {
    Ref(node) {
      if (symbols.has(node.name)) return;
      context.report(unknownName(nameSpan(node), node.name, suggest(node.name, symbols.names())));
    },
  };
}
