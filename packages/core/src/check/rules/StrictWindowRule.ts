import type { Duration, Value } from '../../ast';
import { emptyStrictWindow } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';

/**
 * A strict window (`within less than D`) leaves out the day D away from its anchor, so one of no
 * length leaves out its only day and holds none: the criterion could never be met.
 */
export function StrictWindowRule(context: CheckContext): Visitor {
  const check = (strict: boolean, d: Duration | Value | undefined) => {
    if (!strict || d?.kind !== 'Duration' || d.amount > 0) return;
    context.report(emptyStrictWindow(d.span, `${d.amount} ${d.unit}s`));
  };
  return {
    WithinTest(node) {
      check(node.strict, node.duration);
    },
    AnyReading(node) {
      check(node.strict, node.duration);
    },
    DoseCourse(node) {
      check(node.strict, node.window);
    },
  };
}
