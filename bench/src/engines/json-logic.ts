import jsonLogic, { type RulesLogic } from 'json-logic-js';
import { REPORTED_UNITS } from '../generate';
import type { BenchInput, BenchPatient, LabResult, Status, Verdict } from '../patient';
import { CRITERIA } from '../patient';
import type { Engine, Screener } from './engine';
import { ge, le } from './shared/compare';
import { ageOn, daysBefore } from './shared/days';
import { latest } from './shared/latest';
import { unitFactor } from './shared/units';

/**
 * json-logic-js with the benchmark subset as JSON rules. Statuses are numbers (1 met, 0 not met,
 * 0.5 unknown), so Kleene `and`/`or`/`not` are json-logic's own `min`/`max`/`-`.
 *
 * What is not plain json-logic, and why:
 * - An adapter (timed with the engine) hands json-logic one flat document per patient with each
 *   lab's result in use ({value, unit, date, high}): json-logic has no way to keep "the most recent
 *   result on or before the screening date" and then read its fields.
 * - Custom operations: `ageOn` (completed years between two dates), `daysBefore` (calendar day
 *   arithmetic), `pow` (CKD-EPI's exponents), and `ge12`/`le12` (comparisons rounded to 12
 *   significant digits, the language's rule against conversion residue).
 * - The screening date is written into the rules as a literal (rules are cached per date), because
 *   inside `reduce` json-logic can only see the current record.
 * - Unit factors are constants in the rules, computed with UCUM when the rules are built, for the
 *   units the generator reports.
 */

jsonLogic.add_operation('ageOn', (birth: string, day: string) => ageOn(birth, day));
jsonLogic.add_operation('daysBefore', (day: string, n: number) => daysBefore(day, n));
jsonLogic.add_operation('pow', (x: number, y: number) => x ** y);
jsonLogic.add_operation('ge12', (x: number, y: number) => ge(x, y));
jsonLogic.add_operation('le12', (x: number, y: number) => le(x, y));

type Rule = RulesLogic;
const v = (path: string): Rule => ({ var: path });
const isNull = (path: string): Rule => ({ '==': [v(path), null] });
const iff = (...args: unknown[]): Rule => ({ if: args }) as Rule;
const UNKNOWN = 0.5;

/** The factor from each reported unit to `to`, as a json-logic `if` chain (null for an unknown unit). */
function factorOf(lab: string, to: string, molarMass?: number): Rule {
  const chain: unknown[] = [];
  for (const unit of REPORTED_UNITS[lab] ?? []) {
    chain.push({ '==': [v(`${lab}.unit`), unit] }, unitFactor(unit, to, molarMass));
  }
  chain.push(null);
  return iff(...chain);
}

function atLeast(lab: string, threshold: number, to: string): Rule {
  return iff(
    isNull(lab),
    UNKNOWN,
    iff({ ge12: [{ '*': [v(`${lab}.value`), factorOf(lab, to)] }, threshold] }, 1, 0),
  );
}

function withinUln(lab: string, k: number): Rule {
  return iff(
    isNull(`${lab}.high`),
    UNKNOWN,
    iff({ le12: [v(`${lab}.value`), { '*': [k, v(`${lab}.high`)] }] }, 1, 0),
  );
}

const NEVER = ['refuted', 'entered-in-error'];
const ACTIVE = ['active', 'recurrence', 'relapse'];

/** Closed-world diagnosis as the max of its records' statuses; `mode` as in docs/language.md. */
function condition(element: string, asOf: string, mode: 'active' | 'suspected' | 'ever'): Rule {
  const status = v('current.verificationStatus');
  const record = iff(
    { in: [status, NEVER] },
    0,
    { '>': [v('current.onset'), asOf] },
    0,
    ...(mode === 'ever'
      ? [{ '==': [status, 'confirmed'] }, 1, UNKNOWN]
      : [
          { '!': { in: [v('current.clinicalStatus'), ACTIVE] } },
          0,
          mode === 'suspected' ? { '!': { in: [status, NEVER] } } : { '==': [status, 'confirmed'] },
          1,
          UNKNOWN,
        ]),
  );
  return { reduce: [v(element), { max: [v('accumulator'), record] }, 0] } as Rule;
}

/**
 * A CSF exposure overlapping the 14 days up to the neutrophil count's date. `reduce` sees only the
 * current record and its accumulator, so the accumulator carries the anchor and window start as
 * text: "<anchor><windowStart><0|1>".
 */
function csfBeforeNeutrophils(asOf: string): Rule {
  const acc = v('accumulator');
  const anchor = { substr: [acc, 0, 10] };
  const windowStart = { substr: [acc, 10, 10] };
  const start = v('current.start');
  const end = v('current.end');
  const hit = {
    and: [
      { '<=': [start, anchor] },
      { '<=': [start, asOf] },
      { or: [{ '!': end }, { and: [{ '<=': [start, end] }, { '>=': [end, windowStart] }] }] },
    ],
  };
  const step = {
    cat: [{ substr: [acc, 0, 20] }, iff({ '==': [{ substr: [acc, 20] }, '1'] }, '1', hit, '1', '0')],
  };
  const initial = { cat: [v('neutrophils.date'), { daysBefore: [v('neutrophils.date'), 14] }, '0'] };
  return { '==': [{ substr: [{ reduce: [v('csf'), step, initial] }, 20] }, '1'] } as Rule;
}

function ckdEpi2021AtLeast(threshold: number): Rule {
  const female = { '==': [v('sex'), 'female'] };
  const scr = { '*': [v('serum_creatinine.value'), factorOf('serum_creatinine', 'mg/dL', 113.12)] };
  const ratio = { '/': [scr, iff(female, 0.7, 0.9)] };
  const egfr = {
    '*': [
      142,
      { pow: [{ min: [ratio, 1] }, iff(female, -0.241, -0.302)] },
      { pow: [{ max: [ratio, 1] }, -1.2] },
      { pow: [0.9938, { ageOn: [v('birth_date'), v('serum_creatinine.date')] }] },
      iff(female, 1.012, 1),
    ],
  };
  return iff(
    {
      or: [
        isNull('serum_creatinine'),
        isNull('birth_date'),
        { '!': { in: [v('sex'), ['male', 'female']] } },
        isNull('serum_creatinine.unit'),
      ],
    },
    UNKNOWN,
    iff({ ge12: [egfr, threshold] }, 1, 0),
  );
}

/** The eleven criteria, in CRITERIA order, with the screening date as a literal. */
function criteriaRules(asOf: string): Rule[] {
  const age = { ageOn: [v('birth_date'), asOf] };
  const gilbert = condition('gilbert_syndrome', asOf, 'active');
  const strict = withinUln('bilirubin_total', 1.5);
  const lenient = withinUln('bilirubin_total', 3);
  return [
    iff(isNull('birth_date'), UNKNOWN, iff({ '<=': [18, age, 70] }, 1, 0)),
    atLeast('wbc', 3, '10*9/L'),
    iff(isNull('neutrophils'), UNKNOWN, {
      min: [atLeast('neutrophils', 1, '10*9/L'), iff(csfBeforeNeutrophils(asOf), 0, 1)],
    }),
    atLeast('hemoglobin', 60, 'g/L'),
    withinUln('alt', 3),
    withinUln('ast', 3),
    iff(
      { '==': [gilbert, 1] },
      lenient,
      { '==': [gilbert, 0] },
      strict,
      { '==': [strict, lenient] },
      strict,
      UNKNOWN,
    ),
    ckdEpi2021AtLeast(45),
    condition('active_infection', asOf, 'suspected'),
    condition('malignant_neoplasm', asOf, 'ever'),
    condition('diabetes', asOf, 'active'),
  ];
}

/** min(all inclusions, not any exclusion): 1 eligible, 0 ineligible, 0.5 undetermined. */
function verdictRule(asOf: string): Rule {
  const rules = criteriaRules(asOf);
  const combined = { min: [...rules.slice(0, 8), { '-': [1, { max: rules.slice(8) }] }] };
  return {
    reduce: [
      [combined],
      iff({ '==': [v('current'), 1] }, 'eligible', { '==': [v('current'), 0] }, 'ineligible', 'undetermined'),
      null,
    ],
  } as unknown as Rule;
}

interface FlatLab {
  value: number;
  unit: string;
  date: string;
  high: number | undefined;
}

function flat(r: LabResult | undefined): FlatLab | undefined {
  return r === undefined
    ? undefined
    : { value: r.value, unit: r.unit, date: r.date, high: r.referenceRange?.high };
}

/** The adapter: each lab's result in use, flattened; records as they are. */
function document(input: BenchInput): Record<string, unknown> {
  const f = input.facts;
  const asOf = input.asOf;
  return {
    birth_date: f.birth_date,
    sex: f.sex,
    wbc: flat(latest(f.wbc, asOf)),
    neutrophils: flat(latest(f.neutrophils, asOf)),
    hemoglobin: flat(latest(f.hemoglobin, asOf)),
    alt: flat(latest(f.alt, asOf)),
    ast: flat(latest(f.ast, asOf)),
    bilirubin_total: flat(latest(f.bilirubin_total, asOf)),
    serum_creatinine: flat(latest(f.serum_creatinine, asOf)),
    gilbert_syndrome: f.gilbert_syndrome,
    diabetes: f.diabetes,
    malignant_neoplasm: f.malignant_neoplasm,
    active_infection: f.active_infection,
    csf: f.colony_stimulating_factor,
  };
}

/** The rules in JSON for one screening date, for the docs and for inspection. */
export function rulesFor(asOf: string): { verdict: Rule; criteria: Rule[] } {
  return { verdict: verdictRule(asOf), criteria: criteriaRules(asOf) };
}

export const jsonLogicEngine: Engine = {
  name: 'json-logic-js',
  description:
    'json-logic-js 2.0.5 rules of the same criteria, with five custom operations and a flattening adapter',
  layout: 'objects',
  async prepare(): Promise<Screener> {
    const byDate = new Map<string, Rule>();
    const ruleFor = (asOf: string) => {
      let rule = byDate.get(asOf);
      if (rule === undefined) {
        rule = verdictRule(asOf);
        byDate.set(asOf, rule);
      }
      return rule;
    };
    return {
      run(batch: readonly BenchPatient[]): Verdict[] {
        const out: Verdict[] = new Array(batch.length);
        for (let i = 0; i < batch.length; i++) {
          const input = batch[i]!.input;
          out[i] = jsonLogic.apply(ruleFor(input.asOf), document(input)) as Verdict;
        }
        return out;
      },
      criteria(patient: BenchPatient): Record<string, Status> {
        const data = document(patient.input);
        const rules = criteriaRules(patient.input.asOf);
        return Object.fromEntries(
          CRITERIA.map((id, i) => {
            const t = jsonLogic.apply(rules[i]!, data) as number;
            return [id, t === 1 ? 'met' : t === 0 ? 'not_met' : 'unknown'];
          }),
        );
      },
    };
  },
};
