import type { Expr, Ref, Span } from '../ast';
import type { Source } from '../source';
import { describeSymbol, type SymbolTable } from './symbols';
import { describeType } from './types';

/** The span of a reference's name alone (`serum_hcg` in `serum_hcg within 7 days`). */
export function nameSpan(ref: Ref): Span {
  return { start: ref.span.start, end: ref.span.start + ref.name.length };
}

/** The text after `inner` up to the end of `outer`, skipping blanks: the qualifier of `C ever`. */
export function tailSpan(inner: Span, outer: Span, source: Source | undefined): Span {
  let start = inner.end;
  if (source) while (start < outer.end && /\s/.test(source.body[start] ?? '')) start++;
  return start < outer.end ? { start, end: outer.end } : outer;
}

/** An expression as a person would write it: `wbc`, `3 10*9/L`, `age(birth_date)`. */
export function valueText(expr: Expr | undefined, source?: Source): string {
  if (!expr) return 'this value';
  switch (expr.kind) {
    case 'Ref':
      return expr.name;
    case 'Quantity':
      return expr.unit ? `${expr.value} ${expr.unit.code}` : String(expr.value);
    case 'LimitMultiple':
      return `${expr.factor} x ${expr.limit}`;
    case 'Call':
      return `${expr.callee.value}(${expr.args.map((a) => valueText(a, source)).join(', ')})`;
    case 'Latest':
      return `latest of (${expr.alternatives.map((a) => valueText(a, source)).join(', ')})`;
    case 'DailyDose':
      return `${expr.subject.name} daily dose${expr.as ? ` as ${expr.as.value}` : ''}`;
    case 'Episodes':
      return `episodes of ${expr.subject.name}`;
    default:
      return source ? source.spanText(expr.span) : 'this expression';
  }
}

/** What a value is, for a label: "a lab in 10*9/L", "a condition", "a plain number". */
export function describeValue(expr: Expr, symbols: SymbolTable): string {
  if (expr.kind === 'Ref') {
    const info = symbols.get(expr.name);
    if (info) return describeSymbol(info);
  }
  return describeType(symbols.typeOf(expr));
}

/** True for a number or quantity written in the text, as opposed to a value read from the record. */
export function isLiteral(expr: Expr): boolean {
  return expr.kind === 'Quantity' || expr.kind === 'LimitMultiple';
}
