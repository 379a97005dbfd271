import type * as Ast from '../ast';
import { CALCULATOR_LIBRARY } from '../calculators/library';
import { equivalenceTable } from '../codes/equivalents';
import { codeFilterInfo } from '../codes/filter';
import { DAILY_DOSE_UNIT } from '../decide/dosing';
import { incomparable } from '../diagnostics/catalog';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { composeUnits } from '../units/algebra';
import { type Conversion, conversionBetween, conversionFactor, convert } from '../units/ucum';
import {
  type Bool,
  type BoolDefine,
  type CalcArg,
  type Element,
  OK,
  type PositiveRule,
  Reading,
  type RecordFilter,
  UNKNOWN,
  type Val,
  valNode,
  type Window,
} from './ir';
import { referencedNames } from './referencedNames';

/**
 * Turns a checked AST into the shared rule form: names resolved to elements and defines, literal
 * thresholds converted once to the unit of the value they are compared with, and one value node
 * per (element, window) so each is read once per patient.
 */

export const DIMENSIONLESS = '1';
const EGFR_UNIT = 'mL/min/{1.73_m2}';
const IDENTITY: Conversion = { factor: 1, offset: 0 };
/** Values that do not convert read as NaN: unknown. */
const NO_CONVERSION: Conversion = { factor: Number.NaN, offset: 0 };

export interface Lowering {
  readonly elements: Element[];
  readonly byId: Map<string, Element>;
  /** Element ids a rule reads, through defines. */
  readonly depsOf: (expr: Ast.Expr) => string[];
  /** Every name a rule refers to, through defines (elements and defines alike). */
  readonly namesIn: (expr: Ast.Expr) => Set<string>;
  /** The element ids among such names, in declaration order. */
  readonly elementIdsIn: (names: ReadonlySet<string>) => string[];
  readonly lowerRule: (expr: Ast.Expr) => Bool;
  readonly diagnostics: Diagnostic[];
}

export function lowering(ast: Ast.Protocol): Lowering {
  const decls = new Map<string, Ast.Declaration>();
  for (const d of ast.declarations) if (!decls.has(d.name.value)) decls.set(d.name.value, d);
  const elements: Element[] = [];
  const byId = new Map<string, Element>();
  for (const d of ast.declarations) {
    if (d.kind === 'DefineDecl' || byId.has(d.name.value)) continue;
    const el = elementOf(d, elements.length, ast.complete);
    elements.push(el);
    byId.set(el.id, el);
  }
  const diagnostics: Diagnostic[] = [];
  const labNodes = new Map<string, Val>();
  const defineVals = new Map<string, Val>();
  const defineBools = new Map<string, BoolDefine>();

  const qty = (value: number, unit: string, written: string): Val => {
    const out = new Reading();
    out.setPoint(value);
    out.state = OK;
    out.unit = unit;
    out.epoch = Number.POSITIVE_INFINITY;
    return valNode({ k: 'qty', value, unit, written, out });
  };

  const lowerVal = (v: Ast.Value | Ast.Expr): Val => {
    switch (v.kind) {
      case 'Quantity':
        return qty(v.value, v.unit?.code ?? DIMENSIONLESS, `${v.value}${v.unit ? ` ${v.unit.code}` : ''}`);
      case 'LimitMultiple':
        return valNode({ k: 'limit', factor: v.factor, limit: v.limit, unit: undefined, out: new Reading() });
      case 'Ref':
        return lowerRefVal(v);
      case 'Latest': {
        const alts = v.alternatives.map(lowerVal);
        const unit = alts.find((a) => a.unit !== undefined)?.unit;
        const factors = alts.map((a) => conversionOf(a, unit));
        return valNode({ k: 'latest', alts, factors, unit, out: new Reading() });
      }
      case 'Call':
        return lowerCall(v);
      case 'DailyDose': {
        const el = byId.get(v.subject.name);
        const table = v.as ? equivalenceTable(v.as.value) : undefined;
        if (el?.kind !== 'medication' || (v.as && !table))
          return qty(Number.NaN, DAILY_DOSE_UNIT, v.subject.name);
        const h = v.highestWithin;
        return valNode({
          k: 'dose',
          el,
          table,
          tableName: v.as?.value,
          window: h ? { amount: h.amount, unit: h.unit } : undefined,
          unit: DAILY_DOSE_UNIT,
          out: new Reading(),
        });
      }
      case 'Episodes': {
        const el = byId.get(v.subject.name);
        if (!el) return qty(Number.NaN, DIMENSIONLESS, v.subject.name);
        const j = v.separatedBy;
        const window = j ? { amount: j.amount, unit: j.unit } : undefined;
        return valNode({ k: 'episodes', el, window, unit: DIMENSIONLESS, out: new Reading() });
      }
      case 'Arith': {
        const l = lowerVal(v.left);
        const r = lowerVal(v.right);
        const molarMass = molarMassOf(l) ?? molarMassOf(r);
        if (v.op === '+' || v.op === '-') {
          const unit = plainUnit(l.unit) ? (plainUnit(r.unit) ? DIMENSIONLESS : r.unit) : l.unit;
          const factor = plainUnit(l.unit) && !plainUnit(r.unit) ? 1 : factorBetween(r, unit);
          return valNode({ k: 'arith', op: v.op, l, r, factor, unit, out: new Reading() });
        }
        const unit = composeUnits(v.op, l.unit, r.unit, molarMass) ?? DIMENSIONLESS;
        return valNode({ k: 'arith', op: v.op, l, r, factor: 1, unit, out: new Reading() });
      }
      default:
        return qty(Number.NaN, DIMENSIONLESS, '?');
    }
  };

  // Alternatives of `latest of` are values of one quantity, so offset scales convert too (Cel, [degF]).
  const conversionOf = (a: Val, unit: string | undefined): Conversion => {
    if (a.unit === undefined || unit === undefined || a.unit === unit) return IDENTITY;
    return conversionBetween(a.unit, unit, molarMassOf(a)) ?? NO_CONVERSION;
  };

  const factorBetween = (a: Val, unit: string | undefined): number => {
    if (a.unit === undefined || unit === undefined || a.unit === unit) return 1;
    return conversionFactor(a.unit, unit, molarMassOf(a)) ?? Number.NaN;
  };

  const molarMassOf = (a: Val): number | undefined =>
    a.k === 'lab'
      ? a.el.molarMass
      : a.k === 'define'
        ? molarMassOf(a.body)
        : a.k === 'arith'
          ? (molarMassOf(a.l) ?? molarMassOf(a.r))
          : undefined;
  const plainUnit = (unit: string | undefined) => unit === undefined || unit === DIMENSIONLESS;

  const lowerRefVal = (ref: Ast.Ref): Val => {
    const decl = decls.get(ref.name);
    const el = byId.get(ref.name);
    if (decl?.kind === 'DefineDecl') {
      let node = defineVals.get(ref.name);
      if (!node) {
        const body = lowerVal(decl.expr);
        node = valNode({
          k: 'define',
          name: decl.name.value,
          label: decl.label ?? decl.name.value,
          body,
          unit: body.unit,
          out: body.out,
        });
        defineVals.set(ref.name, node);
      }
      return node;
    }
    if (!el) return qty(Number.NaN, DIMENSIONLESS, ref.name);
    if (el.kind === 'lab' || el.kind === 'test') {
      // Without a window of its own, a result counts within the protocol's screening period.
      const written = ref.window ?? ast.screeningPeriod;
      const window: Window | undefined = written ? { amount: written.amount, unit: written.unit } : undefined;
      const key = `${el.id}|${window ? `${window.amount} ${window.unit}` : ''}`;
      let node = labNodes.get(key);
      if (!node) {
        node = valNode({ k: 'lab', el, window, unit: el.unit, out: new Reading() });
        labNodes.set(key, node);
      }
      return node;
    }
    if (el.kind === 'patient') {
      return el.unit === 'date'
        ? valNode({ k: 'date', el, unit: undefined, out: new Reading() })
        : valNode({ k: 'sex', el, unit: undefined, out: new Reading() });
    }
    if (el.kind === 'question') {
      const a = el.answer;
      const unit =
        a?.type === 'number'
          ? (a.unit ?? DIMENSIONLESS)
          : a?.type === 'count' || a?.type === 'score'
            ? DIMENSIONLESS
            : undefined;
      return valNode({ k: 'answer', el, unit, out: new Reading() });
    }
    return qty(Number.NaN, DIMENSIONLESS, ref.name);
  };

  // A condition as an anchor is dated by its first onset; anything else by its own date.
  const lowerAnchor = (ref: Ast.Ref): Val => {
    const el = byId.get(ref.name);
    if (el?.kind === 'condition') return valNode({ k: 'onset', el, unit: undefined, out: new Reading() });
    return lowerVal(ref);
  };

  const argElement = (arg: Ast.Value | undefined): Element | undefined =>
    arg?.kind === 'Ref' ? byId.get(arg.name) : undefined;

  const lowerCall = (call: Ast.Call): Val => {
    const name = call.callee.value;
    const [a, b, c] = call.args;
    if (name === 'age' || name === 'age_in_months') {
      const birth = argElement(a);
      const months = name === 'age_in_months';
      if (birth) return valNode({ k: 'age', birth, months, unit: DIMENSIONLESS, out: new Reading() });
    }
    if ((name === 'ckd_epi_2021' || name === 'ckd_epi_2009') && a && b && c) {
      const creatinine = lowerVal(a);
      const sex = argElement(b);
      const birth = argElement(c);
      if (sex && birth) {
        const toMgDl = factorBetween(creatinine, 'mg/dL');
        return valNode({
          k: 'ckd',
          version: name === 'ckd_epi_2021' ? '2021' : '2009',
          creatinine,
          toMgDl,
          sex,
          birth,
          unit: EGFR_UNIT,
          out: new Reading(),
        });
      }
    }
    if (name === 'bmi' && a && b) {
      const weight = lowerVal(a);
      const height = lowerVal(b);
      return valNode({
        k: 'bmi',
        weight,
        height,
        toKg: factorBetween(weight, 'kg'),
        toM: factorBetween(height, 'm'),
        unit: 'kg/m2',
        out: new Reading(),
      });
    }
    const def = CALCULATOR_LIBRARY.find((d) => d.name === name);
    if (def && call.args.length === def.parameters.length) {
      const args: CalcArg[] = [];
      for (let i = 0; i < def.parameters.length; i++) {
        const p = def.parameters[i]!;
        const arg = call.args[i]!;
        if (p.kind === 'sex' || p.kind === 'age' || p.kind === 'ageInDays') {
          const el = argElement(arg);
          if (!el) return qty(Number.NaN, DIMENSIONLESS, name);
          args.push({ kind: 'element', el });
        } else {
          const val = lowerVal(arg);
          args.push({
            kind: 'value',
            val,
            factor: p.kind === 'quantity' ? factorBetween(val, p.unit === '1' ? DIMENSIONLESS : p.unit) : 1,
          });
        }
      }
      return valNode({
        k: 'calc',
        def,
        args,
        unit: def.resultUnit === '1' ? DIMENSIONLESS : def.resultUnit,
        out: new Reading(),
      });
    }
    return qty(Number.NaN, DIMENSIONLESS, name);
  };

  /** Brings two compared values to one unit: a literal converts at compile time, anything else by a factor. */
  const align = (l: Val, r: Val, span: Ast.Span): [Val, Val] => {
    if (l.k === 'limit' || r.k === 'limit') return [l, r];
    if (l.unit === undefined || r.unit === undefined || l.unit === r.unit) return [l, r];
    if (r.k === 'qty' && l.k !== 'qty') return [l, convertQty(r, l, span)];
    if (l.k === 'qty' && r.k !== 'qty') return [convertQty(l, r, span), r];
    const conversion = conversionOf(r, l.unit);
    if (Number.isNaN(conversion.factor)) diagnostics.push(incomparable(span, l.unit, r.unit));
    return [l, valNode({ k: 'latest', alts: [r], factors: [conversion], unit: l.unit, out: new Reading() })];
  };

  const convertQty = (q: Extract<Val, { k: 'qty' }>, to: Val, span: Ast.Span): Val => {
    const value = convert(q.value, q.unit ?? DIMENSIONLESS, to.unit!, molarMassOf(to));
    if (value === undefined) {
      diagnostics.push(incomparable(span, q.written, to.unit!));
      return qty(Number.NaN, to.unit!, q.written);
    }
    return qty(value, to.unit!, q.written);
  };

  const lowerRule = (e: Ast.Expr): Bool => {
    switch (e.kind) {
      case 'If':
        return { k: 'if', c: lowerRule(e.condition), t: lowerRule(e.then), e: lowerRule(e.else) };
      case 'Unless':
        return { k: 'unless', a: lowerRule(e.expr), b: lowerRule(e.exception) };
      case 'Given':
        return { k: 'given', a: lowerRule(e.expr), b: lowerRule(e.premise), needs: depsOf(e.premise) };
      case 'Binary':
        return { k: e.op, a: lowerRule(e.left), b: lowerRule(e.right) };
      case 'Not':
        return { k: 'not', a: lowerRule(e.operand) };
      case 'Quantifier': {
        const ops = e.operands.map(lowerRule);
        const n = e.quantifier === 'any' ? 1 : e.quantifier === 'all' ? ops.length : (e.count ?? 1);
        return { k: 'quant', q: e.quantifier, n, ops };
      }
      case 'Compare': {
        const [l, r] = align(lowerVal(e.left), lowerVal(e.right), e.span);
        return { k: 'cmp', op: e.op, l, r };
      }
      case 'Between': {
        const v = lowerVal(e.value);
        const [, lo] = align(v, lowerVal(e.low), e.span);
        const [, hi] = align(v, lowerVal(e.high), e.span);
        return { k: 'between', v, lo, hi };
      }
      case 'Is':
        return {
          k: 'is',
          s: lowerVal(e.subject),
          value: e.value.value.toLowerCase(),
          negated: e.negated,
          known: e.known,
          only: e.only,
        };
      case 'ConditionTest': {
        const el = byId.get(e.subject.name);
        if (!el) return { k: 'const', value: UNKNOWN };
        const mode =
          e.qualifier === 'resolvedMoreThan'
            ? 'resolved'
            : e.qualifier === 'resolvedAtLeast'
              ? 'resolvedAtLeast'
              : e.qualifier;
        return {
          k: 'cond',
          el,
          mode,
          ago: e.duration ? { amount: e.duration.amount, unit: e.duration.unit } : undefined,
        };
      }
      case 'MedicationTest': {
        const el = byId.get(e.subject.name);
        if (!el) return { k: 'const', value: UNKNOWN };
        const window = { amount: e.duration.amount, unit: e.duration.unit };
        if (e.qualifier === 'stableForAtLeast') return { k: 'stable', el, duration: window };
        const mode = e.qualifier === 'forAtLeast' ? 'atLeast' : 'moreThan';
        return {
          k: 'med',
          el,
          mode,
          duration: { amount: e.duration.amount, unit: e.duration.unit },
          anchor: undefined,
        };
      }
      case 'WithinTest': {
        const el = byId.get(e.subject.name);
        if (!el) return { k: 'const', value: UNKNOWN };
        const anchor = e.anchor === 'screening' ? undefined : lowerAnchor(e.anchor);
        if (el.kind === 'question') {
          const written = e.duration.kind === 'Duration' ? e.duration : undefined;
          const computed = written ? undefined : lowerVal(e.duration as Ast.Value);
          return {
            k: 'dateWithin',
            s: lowerVal(e.subject),
            length: written ? { amount: written.amount, unit: written.unit, strict: e.strict } : undefined,
            computed,
            toHours: computed ? factorBetween(computed, 'h') : 1,
            after: e.side === 'after',
            strict: e.strict,
            anchor,
          };
        }
        // Records count back by a duration only (the checker says so).
        if (e.duration.kind !== 'Duration' || e.side === 'after') return { k: 'const', value: UNKNOWN };
        const window = { amount: e.duration.amount, unit: e.duration.unit, strict: e.strict };
        if (el.kind === 'medication' || el.kind === 'encounter')
          return { k: 'med', el, mode: 'within', duration: window, anchor };
        return { k: 'within', el, window, anchor };
      }
      case 'AnyReading': {
        const el = e.test.left.kind === 'Ref' ? byId.get(e.test.left.name) : undefined;
        if (!el) return { k: 'const', value: UNKNOWN };
        const [, r] = align(lowerVal(e.test.left), lowerVal(e.test.right), e.test.span);
        const anchor = e.anchor === 'screening' ? undefined : lowerAnchor(e.anchor);
        const window = { amount: e.duration.amount, unit: e.duration.unit, strict: e.strict };
        return { k: 'anyReading', el, op: e.test.op, r, window, anchor };
      }
      case 'SevereTest': {
        const el = byId.get(e.subject.name);
        if (el?.kind === 'condition') return { k: 'cond', el, mode: 'severe', ago: undefined };
        return el ? { k: 'severe', el } : { k: 'const', value: UNKNOWN };
      }
      case 'Trend':
        return {
          k: 'trend',
          change: e.change,
          s: lowerVal(e.subject),
          percent: e.percent,
          within: { amount: e.duration.amount, unit: e.duration.unit },
        };
      case 'DoseIncrease': {
        const el = byId.get(e.dose.subject.name);
        const table = e.dose.as ? equivalenceTable(e.dose.as.value) : undefined;
        if (el?.kind !== 'medication' || (e.dose.as && !table)) return { k: 'const', value: UNKNOWN };
        const window = { amount: e.duration.amount, unit: e.duration.unit };
        return { k: 'doseRise', el, table, tableName: e.dose.as?.value, window };
      }
      case 'DoseCourse': {
        const dose = e.test.left as Ast.DailyDose;
        const el = byId.get(dose.subject.name);
        const table = dose.as ? equivalenceTable(dose.as.value) : undefined;
        // Only `>=` and `>` name a course (the checker says so).
        const above = e.test.op === '>';
        if (el?.kind !== 'medication' || (dose.as && !table) || (!above && e.test.op !== '>='))
          return { k: 'const', value: UNKNOWN };
        const [, r] = align(lowerVal(dose), lowerVal(e.test.right), e.test.span);
        const w = e.window;
        return {
          k: 'doseCourse',
          el,
          table,
          tableName: dose.as?.value,
          above,
          r,
          duration: { amount: e.duration.amount, unit: e.duration.unit },
          window: w ? { amount: w.amount, unit: w.unit, strict: e.strict } : undefined,
        };
      }
      case 'Ref':
        return lowerRefBool(e);
      default:
        return { k: 'const', value: UNKNOWN };
    }
  };

  const lowerRefBool = (ref: Ast.Ref): Bool => {
    const decl = decls.get(ref.name);
    if (decl?.kind === 'DefineDecl') {
      let d = defineBools.get(ref.name);
      if (!d) {
        // Registered before lowering the body so that a (rejected) cycle cannot recurse forever.
        const placeholder: BoolDefine = {
          name: ref.name,
          label: decl.label ?? ref.name,
          body: { k: 'const', value: UNKNOWN },
          epoch: -1,
          value: UNKNOWN,
        };
        defineBools.set(ref.name, placeholder);
        (placeholder as { body: Bool }).body = lowerRule(decl.expr);
        d = placeholder;
      }
      return { k: 'define', d };
    }
    const el = byId.get(ref.name);
    if (!el) return { k: 'const', value: UNKNOWN };
    if (el.kind === 'condition') return { k: 'cond', el, mode: 'active', ago: undefined };
    if (el.kind === 'medication' || el.kind === 'encounter')
      return { k: 'med', el, mode: 'any', duration: undefined, anchor: undefined };
    if (el.kind === 'procedure' || el.kind === 'allergy') return { k: 'record', el };
    if (el.kind === 'question') return { k: 'answer', el };
    return { k: 'const', value: UNKNOWN };
  };

  const defineOf = (name: string) => {
    const decl = decls.get(name);
    return decl?.kind === 'DefineDecl' ? decl : undefined;
  };
  const namesIn = (expr: Ast.Expr) => referencedNames(expr, defineOf);
  const elementIdsIn = (names: ReadonlySet<string>) =>
    elements.filter((el) => names.has(el.id)).map((el) => el.id);
  const depsOf = (expr: Ast.Expr): string[] => elementIdsIn(namesIn(expr));

  return { elements, byId, depsOf, namesIn, elementIdsIn, lowerRule, diagnostics };
}

const DEFAULT_VALUES: readonly string[] = ['positive', 'negative'];

function elementOf(
  d: Exclude<Ast.Declaration, Ast.DefineDecl>,
  index: number,
  complete: readonly Ast.RecordKind[],
): Element {
  const id = d.name.value;
  const base = {
    index,
    id,
    label: d.label,
    name: shortName(d.label),
    factors: new Map<string, Conversion | null>(),
    molarMass: undefined as number | undefined,
    positive: undefined as PositiveRule | undefined,
    answer: undefined as Element['answer'],
    classes: undefined as Element['classes'],
    routes: undefined as Element['routes'],
    values: undefined as Element['values'],
    filter: undefined as Element['filter'],
    unit: undefined as string | undefined,
    closedWorld: false,
  };
  switch (d.kind) {
    case 'PatientDecl':
      return { ...base, kind: 'patient', unit: d.field === 'birthDate' ? 'date' : undefined };
    case 'LabDecl':
      return {
        ...base,
        kind: 'lab',
        unit: d.unit.code,
        molarMass: d.molarMass ? molarMassInGPerMol(d.molarMass) : undefined,
        filter: d.rangeFor ? { field: 'appliesTo', ...codeFilterInfo(d.rangeFor) } : undefined,
        positive: positiveRule(d.positiveAbove),
        values: DEFAULT_VALUES,
      };
    case 'TestDecl':
      return {
        ...base,
        kind: 'test',
        positive: positiveRule(d.positiveAbove),
        values: d.values?.map((v) => v.value.toLowerCase()) ?? DEFAULT_VALUES,
      };
    case 'RecordDecl':
      return {
        ...base,
        kind: d.record,
        closedWorld: complete.includes(d.record),
        classes: d.record === 'encounter' ? d.classes?.map((c) => c.value) : undefined,
        routes: d.record === 'medication' ? d.routes?.map((r) => r.value) : undefined,
        filter: recordFilter(d),
      };
    case 'QuestionDecl':
      return {
        ...base,
        kind: 'question',
        answer: {
          type: d.answer.type,
          min: d.answer.min,
          max: d.answer.max,
          unit: d.answer.unit?.code,
          values: d.answer.values?.map((v) => v.value),
        },
      };
  }
}

/** A procedure's `site` or a medication's `for`: the only coded-field filters a record kind takes. */
function recordFilter(d: Ast.RecordDecl): RecordFilter | undefined {
  if (d.record === 'procedure' && d.sites) return { field: 'bodySite', ...codeFilterInfo(d.sites) };
  if (d.record === 'medication' && d.reasons) return { field: 'reason', ...codeFilterInfo(d.reasons) };
  return undefined;
}

/** Molar mass as written (`113.12 g/mol`, or `0.11312 kg/mol`) in g/mol. */
export function molarMassInGPerMol(q: Ast.QuantityLit): number | undefined {
  const unit = q.unit?.code ?? 'g/mol';
  if (unit === 'g/mol') return q.value;
  return convert(q.value, unit, 'g/mol');
}

function positiveRule(p: Ast.LimitRef | Ast.QuantityLit | undefined): PositiveRule | undefined {
  if (!p) return undefined;
  if (p.kind === 'LimitRef') return { kind: 'limit', limit: p.limit };
  return { kind: 'threshold', value: p.value, unit: p.unit?.code ?? DIMENSIONLESS };
}

/** "CD19+ cells in peripheral blood (flow cytometry)" → "CD19+ cells in peripheral blood". */
export function shortName(label: string): string {
  const cut = label.indexOf(' (');
  return cut > 0 ? label.slice(0, cut) : label;
}
