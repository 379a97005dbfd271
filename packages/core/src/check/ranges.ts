import type { CompareOp, Expr, Node, QuantityLit } from '../ast';
import type { Source } from '../source';
import { isLiteral, valueText } from './describe';
import type { SymbolTable } from './symbols';
import { compare, isPlainNumberUnit, toUnit } from './units';

export interface Bound {
  /** In the subject's own unit. */
  readonly value: number;
  readonly inclusive: boolean;
}

/** What one comparison with a written number says about one value: `wbc >= 5 10*9/L`. */
export interface Constraint {
  /** Identifies the value across comparisons: its name and, for `x within 7 days`, the window. */
  readonly key: string;
  readonly subject: string;
  readonly text: string;
  readonly lower: Bound | undefined;
  readonly upper: Bound | undefined;
}

const FLIP: Record<CompareOp, CompareOp> = {
  '>=': '<=',
  '>': '<',
  '<=': '>=',
  '<': '>',
  '=': '=',
  '!=': '!=',
};

/** The operands of a chain of `and` (or `all of`) / `or` (or `any of`), flattened. */
export function flatten(expr: Expr, op: 'and' | 'or'): Expr[] {
  if (expr.kind === 'Binary' && expr.op === op)
    return [...flatten(expr.left, op), ...flatten(expr.right, op)];
  if (expr.kind === 'Quantifier' && expr.quantifier === (op === 'and' ? 'all' : 'any')) {
    return expr.operands.flatMap((e) => flatten(e, op));
  }
  return [expr];
}

/** Whether `expr` is the top of a chain of `op`, rather than a link inside a longer one. */
export function startsChain(expr: Expr, parent: Node | undefined, op: 'and' | 'or'): boolean {
  if (flatten(expr, op).length < 2) return false;
  if (parent?.kind === 'Binary') return parent.op !== op;
  if (parent?.kind === 'Quantifier') return parent.quantifier !== (op === 'and' ? 'all' : 'any');
  return true;
}

/** The constraint a comparison or `between` with written numbers puts on a value, if it is one. */
export function constraintOf(expr: Expr, symbols: SymbolTable, source?: Source): Constraint | undefined {
  if (expr.kind === 'Compare') {
    const literalLeft = isLiteral(expr.left) && !isLiteral(expr.right);
    const subject = literalLeft ? expr.right : expr.left;
    const literal = literalLeft ? expr.left : expr.right;
    const op = literalLeft ? FLIP[expr.op] : expr.op;
    if (literal.kind !== 'Quantity' || isLiteral(subject)) return undefined;
    const unit = subjectUnit(subject, symbols);
    if (unit === null) return undefined;
    const value = inUnit(literal, unit, symbols, subject);
    if (value === undefined || op === '!=') return undefined;
    const name = valueText(subject, source);
    const text = `${name} ${op} ${valueText(literal)}`;
    const bound = (inclusive: boolean): Bound => ({ value, inclusive });
    const lower = op === '>=' || op === '=' ? bound(true) : op === '>' ? bound(false) : undefined;
    const upper = op === '<=' || op === '=' ? bound(true) : op === '<' ? bound(false) : undefined;
    return { key: keyOf(subject, name), subject: name, text, lower, upper };
  }
  if (expr.kind === 'Between') {
    if (expr.low.kind !== 'Quantity' || expr.high.kind !== 'Quantity' || isLiteral(expr.value))
      return undefined;
    const unit = subjectUnit(expr.value, symbols);
    if (unit === null) return undefined;
    const low = inUnit(expr.low, unit, symbols, expr.value);
    const high = inUnit(expr.high, unit, symbols, expr.value);
    if (low === undefined || high === undefined) return undefined;
    const name = valueText(expr.value, source);
    const text = `${name} between ${valueText(expr.low)} and ${valueText(expr.high)}`;
    return {
      key: keyOf(expr.value, name),
      subject: name,
      text,
      lower: { value: low, inclusive: true },
      upper: { value: high, inclusive: true },
    };
  }
  return undefined;
}

/** Whether no number lies above `lower` and below `upper`. */
export function isEmpty(lower: Bound, upper: Bound): boolean {
  const c = compare(lower.value, upper.value);
  return c > 0 || (c === 0 && !(lower.inclusive && upper.inclusive));
}

/** The tighter of two lower (or, with `upper`, upper) bounds. */
export function tighter(a: Bound, b: Bound, side: 'lower' | 'upper'): Bound {
  const c = compare(a.value, b.value) * (side === 'lower' ? 1 : -1);
  if (c !== 0) return c > 0 ? a : b;
  return a.inclusive ? b : a;
}

/** The subject's unit (undefined for a plain number), or null when it is not a quantity. */
function subjectUnit(subject: Expr, symbols: SymbolTable): string | undefined | null {
  const type = symbols.typeOf(subject);
  return type.kind === 'quantity' ? type.unit : null;
}

function inUnit(
  literal: QuantityLit,
  unit: string | undefined,
  symbols: SymbolTable,
  subject: Expr,
): number | undefined {
  const from = literal.unit?.code;
  if (from === undefined) return unit === undefined || isPlainNumberUnit(unit) ? literal.value : undefined;
  if (unit === undefined) return undefined;
  const type = symbols.typeOf(subject);
  return toUnit(literal.value, from, unit, type.kind === 'quantity' ? type.molarMass : undefined);
}

function keyOf(subject: Expr, name: string): string {
  return subject.kind === 'Ref' && subject.window
    ? `${name}@${subject.window.amount} ${subject.window.unit}`
    : name;
}
