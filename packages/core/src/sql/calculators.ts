import { NONE, OK, UNDECIDED, type Val } from '../evaluate/ir';
import { laterDay } from './arithmetic';
import { NotCompilable, type SqlContext } from './context';
import { dayToKey, doubleLiteral, infinity, literal, typedNull, yearsBetween } from './dialect';
import { birthDateCte, codeCte, materialize, NOTHING, perPatientCte, type SqlVal, sqlVal } from './values';
import { weightForAgeEnds } from './weightForAge';

/**
 * BMI from weight and height (evaluate/values.ts readBmi): it rises with weight and falls with
 * height, so the low end comes from the lightest weight over the tallest height. A NULL end is
 * infinite and stays so through the products (−∞ weight gives −∞); no height gives 0 at the low
 * end and ∞ at the high end, as there.
 */
export function bmiVal(v: Extract<Val, { k: 'bmi' }>, ctx: SqlContext): SqlVal {
  const d = ctx.dialect;
  const w = sqlVal(v.weight, ctx);
  const h = sqlVal(v.height, ctx);
  const toKg = doubleLiteral(d, v.toKg);
  const toM = doubleLiteral(d, v.toM);
  const hLo = `(${h.lo} * ${toM})`;
  const hHi = `(${h.hi} * ${toM})`;
  const usable = `${w.state} = ${OK} AND ${h.state} = ${OK} AND ${w.code} IS NULL AND ${h.code} IS NULL`;
  const state = `(CASE WHEN ${usable} THEN ${OK} WHEN ${w.state} = ${NONE} OR ${h.state} = ${NONE} THEN ${NONE} ELSE ${UNDECIDED} END)`;
  // A height of 0 at the tallest (or one whose square is below the smallest double) divides as
  // readBmi's does: a weight above 0 gives +∞, below 0 (or without a low end) −∞, 0 no number.
  const wLo = `(${w.lo} * ${toKg})`;
  const byZero = `(CASE WHEN ${w.lo} IS NULL OR ${wLo} < 0 THEN ${infinity(d, -1)} WHEN ${wLo} > 0 THEN ${infinity(d, 1)} END)`;
  const lo = `(CASE WHEN ${h.hi} IS NULL THEN ${doubleLiteral(d, 0)} WHEN ${hHi} * ${hHi} = 0 THEN ${byZero} ELSE ${wLo} / (${hHi} * ${hHi}) END)`;
  const hi = `(CASE WHEN ${h.lo} IS NULL OR ${hLo} <= 0 THEN NULL ELSE (${w.hi} * ${toKg}) / (${hLo} * ${hLo}) END)`;
  const computed: SqlVal = {
    state,
    lo: `(CASE WHEN ${state} = ${OK} THEN ${lo} END)`,
    hi: `(CASE WHEN ${state} = ${OK} THEN ${hi} END)`,
    loOpen: `(CASE WHEN ${w.loOpen} = 1 OR ${h.hiOpen} = 1 THEN 1 ELSE 0 END)`,
    hiOpen: `(CASE WHEN ${w.hiOpen} = 1 OR ${h.loOpen} = 1 THEN 1 ELSE 0 END)`,
    low: 'NULL',
    high: 'NULL',
    code: 'NULL',
    unit: v.unit === undefined ? 'NULL' : literal(d, v.unit),
    // The later of the two dates; none when neither has one.
    dayLo: laterDay(w.dayLo, h.dayLo, 'NULL'),
    dayHi: laterDay(w.dayHi, h.dayHi, 'NULL'),
    exact: false,
    joins: [...new Set([...w.joins, ...h.joins])],
  };
  return materialize(ctx, `bmi:${state}:${lo}:${hi}`, 'BMI from weight and height', computed);
}

/**
 * A formula on one end of every argument (numbers in the parameter's unit, never below 0, a sex
 * code, an age in years). A NULL argument is +∞; a NULL result is infinite towards the end it
 * computes, as is a result with no value.
 */
type Formula = (ctx: SqlContext, a: readonly string[]) => string;

/**
 * calculators/cockcroftGault.ts: ((140 − age) × weight × 0.85 if female) / (72 × creatinine).
 * Creatinine infinite (NULL) divides a finite numerator to 0 and an infinite one to no value; a
 * creatinine of 0 or an infinite numerator leaves the end infinite; a weight below 0 gives none.
 */
function cockcroftGault(ctx: SqlContext, age: string, weight: string, scr: string, sex: string): string {
  const d = ctx.dialect;
  const k = `(CASE WHEN ${sex} = 'female' THEN ${doubleLiteral(d, 0.85)} ELSE ${doubleLiteral(d, 1)} END)`;
  const n = `((140 - ${age}) * ${weight} * ${k})`;
  const den = `(72 * ${scr})`;
  return `(CASE WHEN ${weight} < 0 THEN NULL WHEN ${scr} IS NULL THEN (CASE WHEN ${n} IS NULL THEN NULL ELSE ${doubleLiteral(d, 0)} END) WHEN ${den} = 0 OR ${n} IS NULL THEN NULL ELSE ${n} / ${den} END)`;
}

/** calculators/cockcroftGault.ts idealBodyWeightDevine: rises with height, so an infinite height stays infinite. */
function idealWeight(ctx: SqlContext, heightCm: string, sex: string): string {
  const d = ctx.dialect;
  return `((CASE WHEN ${sex} = 'female' THEN ${doubleLiteral(d, 45.5)} ELSE ${doubleLiteral(d, 50)} END) + ${doubleLiteral(d, 2.3)} * (${heightCm} / ${doubleLiteral(d, 2.54)} - 60))`;
}

/**
 * calculators/mdrd.ts: 175 × creatinine^−1.154 × age^−0.203 × 0.742 if female. A negative power
 * of an infinite creatinine is 0; of 0 it is infinite, of a negative number it has no value, and
 * SQL engines refuse both (NULL here, as the end they leave is unbounded).
 */
function mdrd(ctx: SqlContext, scr: string, sex: string, age: string): string {
  const d = ctx.dialect;
  const s = `(CASE WHEN ${scr} IS NULL THEN ${doubleLiteral(d, 0)} WHEN ${scr} > 0 THEN POWER(${scr}, ${doubleLiteral(d, -1.154)}) END)`;
  const a = `(CASE WHEN ${age} > 0 THEN POWER(${age}, ${doubleLiteral(d, -0.203)}) END)`;
  const k = `(CASE WHEN ${sex} = 'female' THEN ${doubleLiteral(d, 0.742)} ELSE ${doubleLiteral(d, 1)} END)`;
  return `(CASE WHEN ${s} IS NULL OR ${a} IS NULL THEN NULL ELSE 175 * ${s} * ${a} * ${k} END)`;
}

/**
 * calculators/qtc.ts: QT / root(60 / heart rate), the cube root (Fridericia) or the square root
 * (Bazett). An infinite QT or heart rate leaves the end infinite (∞/x, or QT over a root of 0); a
 * heart rate of 0 gives 0.
 */
function qtc(ctx: SqlContext, qt: string, hr: string, root: 'CBRT' | 'SQRT'): string {
  const d = ctx.dialect;
  return `(CASE WHEN ${qt} IS NULL OR ${hr} IS NULL THEN NULL WHEN ${hr} = 0 THEN ${doubleLiteral(d, 0)} ELSE ${qt} / ${root}(${doubleLiteral(d, 60)} / ${hr}) END)`;
}

/**
 * calculators/bodySurfaceArea.ts, from the height (cm) and weight (kg): Mosteller √(h·w/3600), Du
 * Bois 0.007184 · w^0.425 · h^0.725. An infinite argument leaves the end infinite (the arguments
 * are never below 0, so no root or power of a negative number is taken).
 */
function bsa(ctx: SqlContext, weight: string, height: string, formula: 'mosteller' | 'dubois'): string {
  const d = ctx.dialect;
  const area =
    formula === 'mosteller'
      ? `SQRT((${height} * ${weight}) / ${doubleLiteral(d, 3600)})`
      : `${doubleLiteral(d, 0.007184)} * POWER(${weight}, ${doubleLiteral(d, 0.425)}) * POWER(${height}, ${doubleLiteral(d, 0.725)})`;
  return `(CASE WHEN ${weight} IS NULL OR ${height} IS NULL THEN NULL ELSE ${area} END)`;
}

/** calculators/correctedCalcium.ts: calcium + 0.8 × (4 − albumin); an infinite argument leaves the end infinite. */
function correctedCalcium(ctx: SqlContext, calcium: string, albumin: string): string {
  const d = ctx.dialect;
  return `(CASE WHEN ${calcium} IS NULL OR ${albumin} IS NULL THEN NULL ELSE ${calcium} + ${doubleLiteral(d, 0.8)} * (${doubleLiteral(d, 4)} - ${albumin}) END)`;
}

/**
 * Calculators whose result is not monotone in every argument: their ends come from a search over
 * the arguments' ranges (the calculator's own `range`), a CTE of `pid`, `lo`, `hi` over the
 * arguments' CTE and the positions of its parameters.
 */
type RangedForm = (ctx: SqlContext, args: string, at: (kind: string) => number) => string;

const RANGED: Readonly<Record<string, RangedForm>> = {
  // Not monotone in age (sql/weightForAge.ts): every day of age is looked at.
  who_weight_for_age_z: (ctx, args, at) =>
    weightForAgeEnds(ctx, {
      cte: args,
      weightLo: `a${at('quantity')}_lo`,
      weightHi: `a${at('quantity')}_hi`,
      sex: `a${at('sex')}`,
      birthLo: `a${at('ageInDays')}_blo`,
      birthHi: `a${at('ageInDays')}_bhi`,
    }),
};

const FORMULAS: Readonly<Record<string, Formula>> = {
  qtc_fridericia: (ctx, a) => qtc(ctx, a[0]!, a[1]!, 'CBRT'),
  qtc_bazett: (ctx, a) => qtc(ctx, a[0]!, a[1]!, 'SQRT'),
  bsa_mosteller: (ctx, a) => bsa(ctx, a[0]!, a[1]!, 'mosteller'),
  bsa_dubois: (ctx, a) => bsa(ctx, a[0]!, a[1]!, 'dubois'),
  corrected_calcium: (ctx, a) => correctedCalcium(ctx, a[0]!, a[1]!),
  mdrd: (ctx, a) => mdrd(ctx, a[0]!, a[1]!, a[2]!),
  cockcroft_gault: (ctx, a) => cockcroftGault(ctx, a[3]!, a[1]!, a[0]!, a[2]!),
  cockcroft_gault_ideal_weight: (ctx, a) =>
    cockcroftGault(ctx, a[3]!, idealWeight(ctx, a[1]!, a[2]!), a[0]!, a[2]!),
  cockcroft_gault_adjusted_weight: (ctx, a) => {
    const ibw = idealWeight(ctx, a[2]!, a[3]!);
    return cockcroftGault(
      ctx,
      a[4]!,
      `(${ibw} + ${doubleLiteral(ctx.dialect, 0.4)} * (${a[1]!} - ${ibw}))`,
      a[0]!,
      a[3]!,
    );
  },
  cockcroft_gault_ideal_or_actual_weight: (ctx, a) => {
    const ibw = idealWeight(ctx, a[2]!, a[3]!);
    const w = a[1]!;
    // An infinite weight or ideal weight gives way to the other.
    const lesser = `(CASE WHEN ${w} IS NULL THEN ${ibw} WHEN ${ibw} IS NULL THEN ${w} ELSE LEAST(${w}, ${ibw}) END)`;
    return cockcroftGault(ctx, a[4]!, lesser, a[0]!, a[3]!);
  },
};

/**
 * A library calculator (evaluate/values.ts readCalc): each quantity converted to its parameter's
 * unit, the sex, the age in completed years on the date of the latest measured input; the result's
 * ends from the corners, each parameter monotone. Read in two steps: the arguments' ends per
 * patient, then the formula on them.
 */
export function calcVal(v: Extract<Val, { k: 'calc' }>, ctx: SqlContext): SqlVal {
  const { def, args } = v;
  const values = args.map((arg) => (arg.kind === 'value' ? sqlVal(arg.val, ctx) : undefined));
  // A yes/no argument (MELD's dialysis) is asked on the form, and a population has no one to ask:
  // the argument is missing for every patient, and so is the score, as readCalc reads it.
  if (values.some((r, i) => def.parameters[i]!.kind === 'boolean' && r?.state === String(NONE)))
    return NOTHING;
  const formula = FORMULAS[def.name];
  const ranged = RANGED[def.name];
  if (def.range !== undefined ? ranged === undefined : formula === undefined)
    throw new NotCompilable(`the ${def.name} calculator`);
  const d = ctx.dialect;
  const columns: [string, string][] = [];
  const joins = new Set<string>();
  for (const r of values) for (const j of r?.joins ?? []) joins.add(j);
  const read = values.filter((r) => r !== undefined);
  const missing = read.map((r) => `${r.state} = ${NONE}`).join(' OR ') || 'FALSE';
  const unsettled = read.map((r) => `${r.state} <> ${OK}`).join(' OR ') || 'FALSE';
  const blocked: string[] = [];
  const loOpen: string[] = [];
  const hiOpen: string[] = [];
  let birth: string | undefined;
  args.forEach((arg, i) => {
    const p = def.parameters[i]!;
    const rising = def.monotone[i]! >= 0;
    const r = values[i];
    if (arg.kind === 'value' && r !== undefined) {
      if (p.kind === 'boolean') throw new NotCompilable(`the ${def.name} calculator`);
      blocked.push(`${r.code} IS NOT NULL`);
      const scale = (x: string) => (arg.factor === 1 ? x : `(${x} * ${doubleLiteral(d, arg.factor)})`);
      // Never below 0, as in evaluate/values.ts readCalc: a low end at −∞ (NULL) is 0, a high end
      // at +∞ (NULL) stays NULL. A NULL argument is then always +∞.
      const zero = doubleLiteral(d, 0);
      const lo = `(CASE WHEN ${scale(r.lo)} IS NULL OR ${scale(r.lo)} < 0 THEN ${zero} ELSE ${scale(r.lo)} END)`;
      const hi = `(CASE WHEN ${scale(r.hi)} < 0 THEN ${zero} ELSE ${scale(r.hi)} END)`;
      columns.push([`a${i}_lo`, rising ? lo : hi], [`a${i}_hi`, rising ? hi : lo]);
      // An open end stays open only through an argument the result follows one way.
      const direction = def.monotone[i]!;
      if (direction !== 0) {
        loOpen.push(`${direction > 0 ? r.loOpen : r.hiOpen} = 1`);
        hiOpen.push(`${direction > 0 ? r.hiOpen : r.loOpen} = 1`);
      }
    } else if (arg.kind === 'element' && p.kind === 'sex') {
      const t = codeCte(ctx, arg.el);
      joins.add(t);
      columns.push([`a${i}`, `${t}.code`]);
      blocked.push(`${t}.code IS NULL OR ${t}.code NOT IN ('male', 'female')`);
    } else if (arg.kind === 'element' && (p.kind === 'age' || p.kind === 'ageInDays')) {
      birth = birthDateCte(ctx, arg.el);
      joins.add(birth);
      blocked.push(`${birth}.pid IS NULL`);
      if (p.kind === 'ageInDays')
        columns.push([`a${i}_blo`, `${birth}.day_lo`], [`a${i}_bhi`, `${birth}.day_hi`]);
    } else throw new NotCompilable(`the ${def.name} calculator`);
  });
  let dayLo = 'NULL';
  let dayHi = 'NULL';
  for (const r of read) {
    dayLo = laterDay(dayLo, `(CASE WHEN ${r.state} = ${OK} THEN ${r.dayLo} END)`, 'NULL');
    dayHi = laterDay(dayHi, `(CASE WHEN ${r.state} = ${OK} THEN ${r.dayHi} END)`, 'NULL');
  }
  const state = `(CASE WHEN ${missing} THEN ${NONE} WHEN ${unsettled} THEN ${UNDECIDED} WHEN ${blocked.join(' OR ') || 'FALSE'} THEN ${UNDECIDED} ELSE ${OK} END)`;
  const rounded = def.reportedDecimals !== undefined;
  const either = (xs: string[]) =>
    rounded || xs.length === 0 ? '0' : `(CASE WHEN ${xs.join(' OR ')} THEN 1 ELSE 0 END)`;
  columns.push(
    ['state', state],
    ['day_lo', `COALESCE(${dayLo}, ${ctx.asOf})`],
    ['day_hi', `COALESCE(${dayHi}, ${ctx.asOf})`],
    ['lo_open', either(loOpen)],
    ['hi_open', either(hiOpen)],
  );
  const key = `calc:${def.name}:${columns.map(([, x]) => x).join(':')}`;
  const t = perPatientCte(
    ctx,
    `${key}:args`,
    'c',
    `the ${def.name} calculator: its arguments' ends`,
    columns.map(([name, x]) => [name, x === 'NULL' ? typedNull(d, 'double') : x]),
    joins,
  );
  const end = (e: -1 | 1) => {
    const list = args.map((arg, i) => {
      const p = def.parameters[i]!;
      if (p.kind === 'sex') return `${t}.a${i}`;
      if (p.kind === 'age') {
        // Born late in the range is youngest; the youngest age on the earliest date.
        const youngest = yearsBetween(`${birth}.key_hi`, dayToKey(d, `${t}.day_lo`));
        const oldest = yearsBetween(`${birth}.key_lo`, dayToKey(d, `${t}.day_hi`));
        const rising = def.monotone[i]! >= 0;
        return e < 0 === rising ? youngest : oldest;
      }
      return arg.kind === 'value' ? `${t}.a${i}_${e < 0 ? 'lo' : 'hi'}` : 'NULL';
    });
    return formula!(ctx, list);
  };
  let lo: string;
  let hi: string;
  const extra: string[] = [];
  if (ranged !== undefined) {
    const z = ranged(ctx, t, (kind) => def.parameters.findIndex((p) => p.kind === kind));
    lo = `${z}.lo`;
    hi = `${z}.hi`;
    extra.push(z);
  } else {
    lo = end(-1);
    hi = end(1);
  }
  const ok = `(${t}.state = ${OK} AND (${lo} IS NOT NULL OR ${hi} IS NOT NULL))`;
  const computed: SqlVal = {
    state: `(CASE WHEN ${t}.state <> ${OK} THEN ${t}.state WHEN ${ok} THEN ${OK} ELSE ${UNDECIDED} END)`,
    lo: `(CASE WHEN ${ok} THEN ${lo} END)`,
    hi: `(CASE WHEN ${ok} THEN ${hi} END)`,
    loOpen: `${t}.lo_open`,
    hiOpen: `${t}.hi_open`,
    low: 'NULL',
    high: 'NULL',
    code: 'NULL',
    unit: v.unit === undefined ? 'NULL' : literal(d, v.unit),
    dayLo: `${t}.day_lo`,
    dayHi: `${t}.day_hi`,
    exact: false,
    joins: [t, ...(birth === undefined ? [] : [birth]), ...extra],
  };
  return materialize(ctx, key, `the ${def.name} calculator`, computed);
}
