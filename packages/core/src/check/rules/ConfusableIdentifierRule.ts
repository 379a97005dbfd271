import type { Span } from '../../ast';
import { confusableIdentifier } from '../../diagnostics/catalog';
import { skeleton } from '../../lexical/scripts';
import type { CheckContext, Visitor } from '../context';

/**
 * No two declarations have names that look the same on screen (the same TR39 skeleton: `coe` in
 * Latin and `сое` in Cyrillic, `hba1c` and `hbalc`), so a reader cannot take one for the other.
 */
export function ConfusableIdentifierRule(context: CheckContext): Visitor {
  return {
    Protocol(node) {
      const first = new Map<string, { name: string; span: Span }>();
      for (const d of node.declarations) {
        const name = d.name.value;
        const key = skeleton(name);
        const seen = first.get(key);
        // The same name twice is a duplicate declaration (E0103), reported on its own.
        if (seen && seen.name !== name)
          context.report(confusableIdentifier(d.name.span, name, seen.name, seen.span));
        else if (!seen) first.set(key, { name, span: d.name.span });
      }
    },
  };
}
