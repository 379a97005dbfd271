import type { CodeFilter, CodeSystemName, RecordDecl } from '../../ast';
import { filterCodeSystem, reasonOnNonMedication, siteOnNonProcedure } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';

/** The code systems that can name what each filter reads: body structures, diagnoses. */
const SYSTEMS: Readonly<Record<'site' | 'for' | 'range', readonly CodeSystemName[]>> = {
  site: ['snomed'],
  for: ['snomed', 'icd10'],
  range: ['snomed'],
};

/**
 * `site …` is declared on procedures only and names SNOMED CT body structures; `for …` on
 * medications only and names diagnoses (SNOMED CT or ICD-10); a lab's `range for …` names what a
 * reference range applies to (SNOMED CT).
 */
export function RecordFilterRule(context: CheckContext): Visitor {
  const checkFilter = (node: RecordDecl, filter: CodeFilter | undefined, field: 'site' | 'for') => {
    if (!filter) return;
    const takes = field === 'site' ? 'procedure' : 'medication';
    if (node.record !== takes) {
      const report = field === 'site' ? siteOnNonProcedure : reasonOnNonMedication;
      context.report(report(filter.span, node.name.value, node.record));
      return;
    }
    codeSystems(filter, field);
  };
  const codeSystems = (filter: CodeFilter, field: 'site' | 'for' | 'range') => {
    for (const code of filter.codes) {
      if (!SYSTEMS[field].includes(code.system))
        context.report(filterCodeSystem(code.span, code.system, field));
    }
  };
  return {
    RecordDecl(node) {
      checkFilter(node, node.sites, 'site');
      checkFilter(node, node.reasons, 'for');
    },
    LabDecl(node) {
      if (node.rangeFor) codeSystems(node.rangeFor, 'range');
    },
  };
}
