import type { Duration, RecordDecl } from '../../ast';
import { doseRiseAcrossDrugs, doseWindowTooShort } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';

/**
 * A dose history reads days back from the screening date: it needs at least one of them. A rise
 * compares one drug's milligrams, or a table's equivalents: across a class of drugs without a
 * table, a switch (dexamethasone 1 mg to prednisone 5 mg) would read as a rise.
 */
export function DoseHistoryRule(context: CheckContext): Visitor {
  const { symbols } = context;
  const tooShort = (d: Duration, form: string) => {
    if (d.amount <= 0) context.report(doseWindowTooShort(d.span, form));
  };
  return {
    DailyDose(node) {
      if (node.highestWithin) tooShort(node.highestWithin, 'highest daily dose … within');
    },
    DoseIncrease(node) {
      tooShort(node.duration, 'increased within');
      if (node.dose.as) return;
      const info = symbols.get(node.dose.subject.name);
      if (info?.kind !== 'medication') return;
      const binding = (info.declaration as RecordDecl).binding;
      if (binding.any || binding.codes.some((c) => c.match !== 'exact')) {
        context.report(doseRiseAcrossDrugs(node.dose.span, node.dose.subject.name));
      }
    },
  };
}
