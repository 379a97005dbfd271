import type { Criterion, Section, Span } from '../../ast';
import { duplicateCriterionId } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';

/** No two criteria that apply to the same cohort share an id; common criteria apply to every cohort. */
export function UniqueCriterionIdRule(context: CheckContext): Visitor {
  return {
    Protocol(node) {
      const common = new Map<string, Span>();
      for (const c of criteriaOf(node.sections)) {
        const seen = common.get(c.id.value);
        if (seen) context.report(duplicateCriterionId(c.id.span, c.id.value, seen, undefined));
        else common.set(c.id.value, c.id.span);
      }
      for (const cohort of node.cohorts) {
        const ids = new Map(common);
        for (const c of criteriaOf(cohort.sections)) {
          const seen = ids.get(c.id.value);
          if (seen) context.report(duplicateCriterionId(c.id.span, c.id.value, seen, cohort.id.value));
          else ids.set(c.id.value, c.id.span);
        }
      }
    },
  };
}

export function criteriaOf(sections: readonly Section[]): Criterion[] {
  return sections.flatMap((s) => s.criteria);
}
