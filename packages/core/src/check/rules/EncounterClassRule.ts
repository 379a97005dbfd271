import type { RecordDecl, Span } from '../../ast';
import { classOnNonEncounter, unknownEncounterClass } from '../../diagnostics/catalog';
import { suggest } from '../../diagnostics/suggest';
import { EncounterClass } from '../../facts/shapes';
import type { CheckContext, Visitor } from '../context';

const CLASSES: readonly string[] = EncounterClass.options;

/** `class …` restricts encounters, and names classes an encounter can have (facts/shapes.ts). */
export function EncounterClassRule(context: CheckContext): Visitor {
  return {
    RecordDecl(node) {
      const classes = node.classes;
      if (classes === undefined || classes.length === 0) return;
      if (node.record !== 'encounter') {
        const kind = node.record === 'allergy' ? 'an allergy' : `a ${node.record}`;
        context.report(classOnNonEncounter(classSpan(context, node), node.name.value, kind));
        return;
      }
      for (const c of classes) {
        if (!CLASSES.includes(c.value))
          context.report(unknownEncounterClass(c.span, c.value, CLASSES, suggest(c.value, CLASSES)));
      }
    },
  };
}

/** From the `class` keyword to the last class; the tree keeps no span for the keyword itself. */
function classSpan(context: CheckContext, node: RecordDecl): Span {
  const first = node.classes![0]!.span;
  const end = node.classes!.at(-1)!.span.end;
  const body = context.source?.body;
  const at = body === undefined ? -1 : body.lastIndexOf('class', first.start);
  return { start: at >= node.binding.span.end ? at : first.start, end };
}
