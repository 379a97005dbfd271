import type { Span } from '../../ast';
import { duplicateCohortId } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';

/** No two cohorts share an id. */
export function UniqueCohortIdRule(context: CheckContext): Visitor {
  return {
    Protocol(node) {
      const first = new Map<string, Span>();
      for (const cohort of node.cohorts) {
        const seen = first.get(cohort.id.value);
        if (seen) context.report(duplicateCohortId(cohort.id.span, cohort.id.value, seen));
        else first.set(cohort.id.value, cohort.id.span);
      }
    },
  };
}
