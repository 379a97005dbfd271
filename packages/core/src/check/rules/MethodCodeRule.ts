import type { Binding } from '../../ast';
import { methodCodeSystem } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';

/** Systems whose codes name tests and diagnoses: never a result's method. */
const NOT_METHODS: ReadonlySet<string> = new Set(['loinc', 'icd10']);

/**
 * `method …` names how a result was obtained (FHIR Observation.method): a technique or a
 * substance. A LOINC code there is most often the test's own code in the wrong place, and an
 * ICD-10 code never names a method; either would make every result of the element fail the filter.
 */
export function MethodCodeRule(context: CheckContext): Visitor {
  const checkMethod = (method: Binding | undefined) => {
    for (const pattern of method?.codes ?? []) {
      if (NOT_METHODS.has(pattern.system)) context.report(methodCodeSystem(pattern.span, pattern.system));
    }
  };
  return {
    LabDecl(node) {
      checkMethod(node.method);
    },
    TestDecl(node) {
      checkMethod(node.method);
    },
  };
}
