import type { AnswerType, Declaration, DefineDecl, Expr, Protocol, QuantityLit, RecordKind } from '../ast';
import { DAILY_DOSE_UNIT } from '../decide/dosing';
import { composeUnits } from '../units/algebra';
import { calculator } from './calculators';
import { BOOLEAN, DATE, UNKNOWN, type ValueType } from './types';
import { toUnit } from './units';

export type SymbolKind = 'patient' | 'lab' | 'test' | RecordKind | 'question' | 'define';

export interface SymbolInfo {
  readonly name: string;
  readonly kind: SymbolKind;
  readonly declaration: Declaration;
  /** The value a reference to this name produces (a define's is inferred from its expression). */
  readonly type: ValueType;
  /** The values `NAME is VALUE` accepts; undefined when `is` does not apply. */
  readonly values: readonly string[] | undefined;
}

export const SEX_VALUES = ['male', 'female', 'other', 'unknown'] as const;
export const DEFAULT_TEST_VALUES = ['positive', 'negative'] as const;

/**
 * Every declared name with its kind and type. The first declaration of a name wins (a second is
 * an error reported by the checker). Define types are inferred on first use; a define that depends
 * on itself has type `unknown`.
 */
export class SymbolTable {
  readonly #declarations = new Map<string, Declaration>();
  readonly #infos = new Map<string, SymbolInfo>();
  readonly #inferring = new Set<string>();

  constructor(protocol: Protocol) {
    for (const declaration of protocol.declarations ?? []) {
      const name = declaration?.name?.value;
      if (name !== undefined && !this.#declarations.has(name)) this.#declarations.set(name, declaration);
    }
  }

  has(name: string): boolean {
    return this.#declarations.has(name);
  }

  get(name: string): SymbolInfo | undefined {
    const cached = this.#infos.get(name);
    if (cached) return cached;
    const declaration = this.#declarations.get(name);
    if (!declaration) return undefined;
    if (this.#inferring.has(name)) return undefined;
    this.#inferring.add(name);
    try {
      const info = this.#describe(declaration);
      this.#infos.set(name, info);
      return info;
    } finally {
      this.#inferring.delete(name);
    }
  }

  /** Declared names in declaration order. */
  names(): string[] {
    return [...this.#declarations.keys()];
  }

  *[Symbol.iterator](): IterableIterator<SymbolInfo> {
    for (const name of this.#declarations.keys()) {
      const info = this.get(name);
      if (info) yield info;
    }
  }

  /** The type of an expression; `unknown` where an unknown name or a cycle leaves it open. */
  typeOf(expr: Expr | null | undefined): ValueType {
    if (!expr) return UNKNOWN;
    switch (expr.kind) {
      case 'Ref':
        return this.#refType(expr.name);
      case 'Quantity':
        return { kind: 'quantity', unit: expr.unit?.code };
      case 'LimitMultiple':
        return { kind: 'limit', limit: expr.limit };
      case 'Call':
        return calculator(expr.callee?.value)?.result ?? UNKNOWN;
      case 'DailyDose':
        return { kind: 'quantity', unit: DAILY_DOSE_UNIT };
      case 'Episodes':
        return { kind: 'quantity', unit: undefined };
      case 'Latest': {
        const first = expr.alternatives?.[0];
        return first ? this.typeOf(first) : UNKNOWN;
      }
      case 'Arith': {
        const l = this.typeOf(expr.left);
        const r = this.typeOf(expr.right);
        if (l.kind !== 'quantity' || r.kind !== 'quantity') return UNKNOWN;
        const molarMass = l.molarMass ?? r.molarMass;
        if (expr.op === '+' || expr.op === '-')
          return { kind: 'quantity', unit: l.unit ?? r.unit, molarMass };
        return { kind: 'quantity', unit: composeUnits(expr.op, l.unit, r.unit, molarMass), molarMass };
      }
      case 'If': {
        const then = this.typeOf(expr.then);
        return then.kind === 'unknown' ? this.typeOf(expr.else) : then;
      }
      default:
        return BOOLEAN;
    }
  }

  #refType(name: string): ValueType {
    if (this.#inferring.has(name)) return UNKNOWN;
    return this.get(name)?.type ?? UNKNOWN;
  }

  #describe(d: Declaration): SymbolInfo {
    const base = { name: d.name.value, declaration: d };
    switch (d.kind) {
      case 'PatientDecl':
        return d.field === 'gender'
          ? { ...base, kind: 'patient', type: { kind: 'code', values: SEX_VALUES }, values: SEX_VALUES }
          : { ...base, kind: 'patient', type: DATE, values: undefined };
      case 'LabDecl':
        return {
          ...base,
          kind: 'lab',
          type: { kind: 'quantity', unit: d.unit?.code, molarMass: molarMassOf(d.molarMass) },
          values: d.positiveAbove ? DEFAULT_TEST_VALUES : undefined,
        };
      case 'TestDecl': {
        const values = d.values?.map((v) => v.value) ?? DEFAULT_TEST_VALUES;
        return { ...base, kind: 'test', type: { kind: 'code', values }, values };
      }
      case 'RecordDecl':
        return { ...base, kind: d.record, type: BOOLEAN, values: undefined };
      case 'QuestionDecl':
        return { ...base, kind: 'question', ...answerType(d.answer) };
      case 'DefineDecl':
        return this.#define(d);
    }
  }

  #define(d: DefineDecl): SymbolInfo {
    const type = this.typeOf(d.expr);
    const values = type.kind === 'code' ? type.values : undefined;
    return { name: d.name.value, declaration: d, kind: 'define', type, values };
  }
}

function answerType(answer: AnswerType | undefined): {
  type: ValueType;
  values: readonly string[] | undefined;
} {
  switch (answer?.type) {
    case 'boolean':
      return { type: BOOLEAN, values: undefined };
    case 'count':
    case 'score':
      return { type: { kind: 'quantity', unit: undefined }, values: undefined };
    case 'number':
      return { type: { kind: 'quantity', unit: answer.unit?.code }, values: undefined };
    case 'date':
      return { type: DATE, values: undefined };
    case 'code': {
      const values = answer.values?.map((v) => v.value) ?? [];
      return { type: { kind: 'code', values }, values };
    }
    default:
      return { type: UNKNOWN, values: undefined };
  }
}

/** A lab's molar mass in g/mol, as the converter wants it; the unit itself is checked elsewhere. */
function molarMassOf(q: QuantityLit | undefined): number | undefined {
  if (!q) return undefined;
  return q.unit === undefined ? q.value : toUnit(q.value, q.unit.code, 'g/mol');
}

/** "a lab in 10*9/L", "a condition", "a question answered yes or no" — for labels in messages. */
export function describeSymbol(info: SymbolInfo): string {
  switch (info.kind) {
    case 'lab':
      return info.type.kind === 'quantity' && info.type.unit ? `a lab in ${info.type.unit}` : 'a lab';
    case 'test':
      return 'a test';
    case 'patient':
      return info.type.kind === 'date' ? 'a date' : 'a coded value';
    case 'condition':
      return 'a condition';
    case 'medication':
      return 'a medication';
    case 'procedure':
      return 'a procedure';
    case 'allergy':
      return 'an allergy';
    case 'encounter':
      return 'an encounter';
    case 'question':
      return info.type.kind === 'boolean' ? 'a yes/no question' : 'a question';
    case 'define':
      return `a definition (${typeWords(info.type)})`;
  }
}

function typeWords(type: ValueType): string {
  switch (type.kind) {
    case 'boolean':
      return 'true or false';
    case 'quantity':
      return type.unit ? `a quantity in ${type.unit}` : 'a number';
    case 'code':
      return 'a coded value';
    case 'date':
      return 'a date';
    default:
      return 'of unknown type';
  }
}
