import { windowLengthCalendar, windowLengthNotTime } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';
import { describeValue, valueText } from '../describe';
import { sameDimension } from '../units';

/** UCUM's months and years: mean lengths, not the calendar's. */
const MONTH_OR_YEAR = /^(mo|a)(_[jgst])?$/;

/**
 * A window's computed length (`within 5 * half_life before screening`) is a time, counted
 * exactly; calendar months and years are written as a duration, never computed.
 */
export function WindowLengthRule(context: CheckContext): Visitor {
  const { symbols } = context;
  return {
    WithinTest(node) {
      const length = node.duration;
      if (length.kind === 'Duration') return;
      const type = symbols.typeOf(length);
      if (type.kind === 'unknown') return;
      const unit = type.kind === 'quantity' ? type.unit : undefined;
      if (unit === undefined || sameDimension(unit, 'h') !== true) {
        const text = valueText(length, context.source);
        context.report(windowLengthNotTime(length.span, text, describeValue(length, symbols)));
      } else if (MONTH_OR_YEAR.test(unit)) {
        context.report(windowLengthCalendar(length.span, unit));
      }
    },
  };
}
