import type { Criterion } from '../../ast';
import { headingWithoutSubCriteria } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';
import { criteriaOf } from './UniqueCriterionIdRule';

/** A heading `decided by sub-criteria` has at least one criterion whose id starts with its id and a dot. */
export function SubCriteriaRule(context: CheckContext): Visitor {
  const checkScope = (headings: readonly Criterion[], visible: readonly Criterion[]) => {
    for (const heading of headings) {
      if (heading.rule !== null) continue;
      const prefix = `${heading.id.value}.`;
      if (!visible.some((c) => c.id.value.startsWith(prefix))) {
        context.report(headingWithoutSubCriteria(heading.id.span, heading.id.value));
      }
    }
  };
  return {
    Protocol(node) {
      const common = criteriaOf(node.sections);
      const cohorts = node.cohorts.map((c) => criteriaOf(c.sections));
      checkScope(common, [...common, ...cohorts.flat()]);
      for (const own of cohorts) checkScope(own, [...common, ...own]);
    },
  };
}
