import type { DailyDose, RecordDecl } from '../../ast';
import { courseAcrossDrugs, courseOperator, courseTooShort } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';

/**
 * A course (`M daily dose >= X for at least D`) is a run of one day or more at or above a dose, read
 * in one drug's milligrams or a table's equivalents: across a class of drugs without a table,
 * 4 mg of dexamethasone would count as less than 5 mg of prednisone.
 */
export function DoseCourseRule(context: CheckContext): Visitor {
  const { symbols } = context;
  return {
    DoseCourse(node) {
      const { op } = node.test;
      if (op !== '>=' && op !== '>') context.report(courseOperator(node.test.span, op));
      // Hours are refused as in every duration outside a record window (E0217).
      if (node.duration.amount <= 0) context.report(courseTooShort(node.duration.span));
      const dose = node.test.left as DailyDose;
      if (dose.as) return;
      const info = symbols.get(dose.subject.name);
      if (info?.kind !== 'medication') return;
      const binding = (info.declaration as RecordDecl).binding;
      if (binding.any || binding.codes.some((c) => c.match !== 'exact')) {
        context.report(courseAcrossDrugs(dose.span, dose.subject.name));
      }
    },
  };
}
