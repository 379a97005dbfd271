import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commensurable, convert, isValidUnit } from '../units/ucum';
import {
  CALCULATOR_LIBRARY,
  type CalculatorArgument,
  type CalculatorDefinition,
  type CalculatorParameter,
  calculatorDefinition,
} from './library';

const NAMES = [
  'cockcroft_gault',
  'cockcroft_gault_ideal_weight',
  'cockcroft_gault_adjusted_weight',
  'cockcroft_gault_ideal_or_actual_weight',
  'bsa_mosteller',
  'bsa_dubois',
  'meld',
  'meld_na',
  'qtc_fridericia',
  'qtc_bazett',
  'corrected_calcium',
  'bmi',
  'ckd_epi_2021',
  'ckd_epi_2009',
  'mdrd',
  'who_weight_for_age_z',
];

function definition(name: string): CalculatorDefinition {
  const found = calculatorDefinition(name);
  if (!found) throw new Error(`no calculator ${name}`);
  return found;
}

describe('CALCULATOR_LIBRARY, the table', () => {
  it('has each calculator once, under the names authors write', () => {
    expect(CALCULATOR_LIBRARY.map((c) => c.name)).toEqual(NAMES);
  });

  it.each(CALCULATOR_LIBRARY.map((c) => [c.name, c] as const))(
    '%s: valid UCUM units, one monotonicity per parameter, 0 exactly for the non-numeric ones',
    (_name, calculator) => {
      expect(isValidUnit(calculator.resultUnit)).toBe(true);
      expect(calculator.monotone).toHaveLength(calculator.parameters.length);
      calculator.parameters.forEach((parameter, i) => {
        if (parameter.kind === 'quantity') expect(isValidUnit(parameter.unit)).toBe(true);
        const numeric =
          parameter.kind === 'quantity' || parameter.kind === 'age' || parameter.kind === 'ageInDays';
        // A numeric parameter may be marked 0 (not monotone) only where the calculator gives its range.
        const scanned = calculator.range !== undefined && calculator.monotone[i] === 0;
        expect(calculator.monotone[i] !== 0 || scanned).toBe(numeric || scanned);
      });
      expect(calculator.reference.length).toBeGreaterThan(20);
    },
  );

  it('gives results in units of what they are', () => {
    const kinds: Record<string, string> = {
      'mL/min': 'L/h',
      m2: 'cm2',
      '1': '%',
      ms: 's',
      'mg/dL': 'g/L',
      'kg/m2': 'g/cm2',
      'mL/min/{1.73_m2}': 'L/h',
    };
    for (const calculator of CALCULATOR_LIBRARY) {
      const other = kinds[calculator.resultUnit];
      expect(other, calculator.resultUnit).toBeDefined();
      expect(commensurable(calculator.resultUnit, other as string), calculator.name).toBe(true);
    }
  });

  it('refuses an argument of the wrong kind: a caller bug, not missing data', () => {
    const cg = definition('cockcroft_gault');
    expect(() => cg.compute([1.1, 70, 'M' as CalculatorArgument, 50])).toThrow(TypeError);
    expect(() => cg.compute([1.1, '70' as CalculatorArgument, 'male', 50])).toThrow(TypeError);
    expect(() => definition('meld').compute([1, 1, 1, 0 as CalculatorArgument])).toThrow(TypeError);
  });
});

/*
 * Conversions a caller makes before the call, into the units the table declares, through Eligo's
 * UCUM module. Each row: a parameter name, a value in a unit laboratories report, the molar mass that
 * bridges mass and substance where needed, and the value expected in the table's unit.
 */
describe('parameter units, reached from units laboratories report', () => {
  const reported: Record<
    string,
    [value: number, unit: string, molarMass: number | undefined, expected: number]
  > = {
    'serum creatinine': [88.4, 'umol/L', 113.12, 1.0], // 88.4 µmol/L = 1 mg/dL
    weight: [154, '[lb_av]', undefined, 69.853],
    height: [70, '[in_i]', undefined, 177.8], // cm for Cockcroft-Gault and BSA; m for BMI below
    'total bilirubin': [17.1, 'umol/L', 584.66, 1.0], // 17.1 µmol/L = 1 mg/dL
    INR: [1.2, '{INR}', undefined, 1.2],
    'serum sodium': [130, 'mmol/L', undefined, 130],
    'QT interval': [0.44, 's', undefined, 440],
    'heart rate': [1.25, '/s', undefined, 75],
    'total calcium': [2.5, 'mmol/L', 40.078, 10.02],
    albumin: [35, 'g/L', undefined, 3.5],
  };

  for (const calculator of CALCULATOR_LIBRARY) {
    for (const parameter of calculator.parameters) {
      if (parameter.kind !== 'quantity') continue;
      it(`${calculator.name}: ${parameter.name} in ${parameter.unit}`, () => {
        const row = reported[parameter.name];
        expect(row, parameter.name).toBeDefined();
        const [value, unit, molarMass, expected] = row as NonNullable<typeof row>;
        const target = parameter.unit === 'm' ? expected / 100 : expected;
        const converted = convert(value, unit, parameter.unit, molarMass);
        expect(converted).toBeDefined();
        expect(Math.abs((converted as number) / target - 1)).toBeLessThan(0.001);
      });
    }
  }

  // CDC, About Adult BMI: 150 lb and 5 ft 5 in: [150 ÷ (65)²] × 703 = 24.96.
  it('BMI of the CDC example in pounds and inches, converted by UCUM: 24.96', () => {
    const kg = convert(150, '[lb_av]', 'kg') as number;
    const m = convert(65, '[in_i]', 'm') as number;
    expect(definition('bmi').compute([kg, m]).toFixed(2)).toBe('24.96');
  });

  // clinPK test suite (test_calc_egfr.R, "unit conversion"): creatinine 1 mg/dL and 88.42 µmol/L give
  // the same Cockcroft-Gault clearance once rounded: 111 mL/min for a man of 40 years and 80 kg.
  it('Cockcroft-Gault from a creatinine in µmol/L: 88.42 µmol/L gives 111 mL/min like 1 mg/dL', () => {
    const scr = convert(88.42, 'umol/L', 'mg/dL', 113.12) as number;
    expect(definition('cockcroft_gault').compute([scr, 80, 'male', 40]).toFixed(0)).toBe('111');
  });
});

/*
 * One published vector per calculator, through the table (so the order of `parameters` and of the
 * arguments handed on is checked too). Sources are cited where the vectors are tested in full:
 * cockcroftGault.test.ts, bodySurfaceArea.test.ts, meld.test.ts, qtc.test.ts, correctedCalcium.test.ts,
 * ckdEpi.test.ts; BMI from the CDC's About Adult BMI page (68 kg, 165 cm: 68 ÷ 1.65² = 24.98).
 */
describe('published vectors through the table', () => {
  it.each<[string, CalculatorArgument[], string, number]>([
    ['cockcroft_gault', [1.1, 70, 'male', 50], '79.54545', 5],
    ['cockcroft_gault_ideal_weight', [1, 180, 'male', 40], '104', 0],
    ['cockcroft_gault_adjusted_weight', [1, 150, 180, 'male', 50], '131', 0],
    ['cockcroft_gault_ideal_or_actual_weight', [1, 60, 180, 'male', 40], '83.3', 1],
    ['cockcroft_gault_ideal_or_actual_weight', [1, 150, 180, 'male', 40], '104', 0],
    ['bsa_mosteller', [70, 175], '1.845', 3],
    ['bsa_dubois', [70, 170], '1.809708', 6],
    ['meld', [1.3, 1.9, 1.2, false], '13.41', 2],
    ['meld_na', [1.0, 1.5, 1.5, 135, false], '15', 0],
    ['qtc_bazett', [395, 85.9], '473', 0],
    ['qtc_fridericia', [395, 85.9], '445', 0],
    ['corrected_calcium', [8.0, 2.5], '9.2', 1],
    ['bmi', [68, 1.65], '24.98', 2],
    ['ckd_epi_2021', [1.05, 'female', 34], '71.5', 1],
    ['ckd_epi_2021', [1.1, 'male', 52], '80.8', 1],
    ['mdrd', [1.45, 'female', 82], '34.6', 1],
    ['mdrd', [1.55, 'male', 80], '43.4', 1],
    // anthro's test-zscore-weight-for-age.R: a girl of 1522 days and 17 kg has zwei 0.24.
    ['who_weight_for_age_z', [17, 'female', 1522], '0.24', 2],
  ])('%s(%j) → %s', (name, args, expected, decimals) => {
    expect(definition(name).compute(args).toFixed(decimals)).toBe(expected);
  });

  it('ckd_epi_2009 agrees with the piecewise form of Levey 2009, Table 2 (white or other race), to 0.4 %', () => {
    // Table 2: female, Scr > 0.7: 144 × (Scr/0.7)^−1.209 × 0.993^age; male, Scr ≤ 0.9: 141 × (Scr/0.9)^−0.411 × 0.993^age.
    const ckd2009 = definition('ckd_epi_2009');
    const female = 144 * (1.2 / 0.7) ** -1.209 * 0.993 ** 60;
    const male = 141 * (0.8 / 0.9) ** -0.411 * 0.993 ** 45;
    expect(Math.abs(ckd2009.compute([1.2, 'female', 60]) / female - 1)).toBeLessThan(0.004);
    expect(Math.abs(ckd2009.compute([0.8, 'male', 45]) / male - 1)).toBeLessThan(0.004);
  });

  it('hands the dialysis flag and sodium to MELD in the declared order', () => {
    const meld = definition('meld');
    const meldNa = definition('meld_na');
    expect(meld.compute([1.2, 2, 1.5, true])).toBe(meld.compute([4, 2, 1.5, false]));
    expect(meldNa.compute([1.2, 2, 1.5, 130, true])).toBe(meldNa.compute([4, 2, 1.5, 130, false]));
    expect(meldNa.compute([1.9, 4.2, 1.2, 125, false])).toBeGreaterThan(
      meldNa.compute([1.9, 4.2, 1.2, 137, false]),
    );
  });
});

/*
 * Monotonicity over the physiological adult range, the promise callers rely on when they evaluate an
 * interval (a creatinine reported as "<0.5") at its corners.
 */
const RANGES: Record<string, [min: number, max: number]> = {
  'serum creatinine mg/dL': [0.2, 15],
  'weight kg': [30, 250],
  'height cm': [120, 220],
  'height m': [1.2, 2.2],
  'age years': [18, 110],
  'total bilirubin mg/dL': [0.1, 50],
  'INR 1': [0.8, 10],
  'serum sodium mmol/L': [110, 165],
  'QT interval ms': [200, 700],
  'heart rate /min': [30, 220],
  'total calcium mg/dL': [4, 16],
  'albumin g/dL': [1, 6],
};

/** A child's ranges where a calculator is for children: WHO's table by age in days, 0 to 5 years. */
const CHILD_RANGES: Record<string, Record<string, [min: number, max: number]>> = {
  who_weight_for_age_z: { 'weight kg': [1, 35], 'age days': [0, 1826] },
};

function range(parameter: CalculatorParameter, calculator: string): [number, number] {
  const key =
    parameter.kind === 'age'
      ? 'age years'
      : parameter.kind === 'ageInDays'
        ? 'age days'
        : parameter.kind === 'quantity'
          ? `${parameter.name} ${parameter.unit}`
          : '';
  const found = CHILD_RANGES[calculator]?.[key] ?? RANGES[key];
  if (!found) throw new Error(`no physiological range for ${key || parameter.kind}`);
  return found;
}

function argument(parameter: CalculatorParameter, calculator: string): fc.Arbitrary<CalculatorArgument> {
  if (parameter.kind === 'sex') return fc.constantFrom<CalculatorArgument>('male', 'female');
  if (parameter.kind === 'boolean') return fc.boolean();
  const [min, max] = range(parameter, calculator);
  return parameter.kind === 'age' || parameter.kind === 'ageInDays'
    ? fc.integer({ min, max })
    : fc.double({ min, max, noNaN: true });
}

/** Two values of one numeric parameter, the first not above the second. */
function ordered(parameter: CalculatorParameter, calculator: string): fc.Arbitrary<[number, number]> {
  return fc.tuple(argument(parameter, calculator), argument(parameter, calculator)).map(([a, b]) => {
    const [x, y] = [a as number, b as number];
    return x <= y ? [x, y] : [y, x];
  });
}

/** An interval of one argument and a fraction of the way across it; sex and booleans are a point. */
function side(
  parameter: CalculatorParameter,
  calculator: string,
): fc.Arbitrary<[CalculatorArgument, CalculatorArgument, number]> {
  if (parameter.kind === 'sex' || parameter.kind === 'boolean')
    return argument(parameter, calculator).map((value) => [value, value, 0]);
  return fc
    .tuple(ordered(parameter, calculator), fc.double({ min: 0, max: 1, noNaN: true }))
    .map(([[lo, hi], t]) => [lo, hi, t]);
}

// Floating-point rounding may move a result by an ulp either way between two almost equal arguments.
const slack = (value: number) => 1e-12 * Math.max(1, Math.abs(value));

describe('declared monotonicity holds over the physiological range', () => {
  for (const calculator of CALCULATOR_LIBRARY) {
    calculator.parameters.forEach((parameter, i) => {
      const direction = calculator.monotone[i] as number;
      if (direction === 0) return;
      it(`${calculator.name}: ${direction > 0 ? 'never decreases' : 'never increases'} as ${parameter.name} rises`, () => {
        fc.assert(
          fc.property(
            fc.tuple(...calculator.parameters.map((p) => argument(p, calculator.name))),
            ordered(parameter, calculator.name),
            (base, [low, high]) => {
              const lowArgs = [...base];
              const highArgs = [...base];
              lowArgs[i] = low;
              highArgs[i] = high;
              const atLow = calculator.compute(lowArgs);
              const atHigh = calculator.compute(highArgs);
              expect(Number.isFinite(atLow) && Number.isFinite(atHigh)).toBe(true);
              expect(direction * (atHigh - atLow)).toBeGreaterThanOrEqual(-slack(atLow));
            },
          ),
          { numRuns: 150, seed: 2026 + i },
        );
      });
    });

    const how = calculator.range ? 'its range' : 'the corners';
    it(`${calculator.name}: ${how} of a box of arguments bound every point inside it`, () => {
      fc.assert(
        fc.property(fc.tuple(...calculator.parameters.map((p) => side(p, calculator.name))), (sides) => {
          const corner = (towards: 1 | -1) =>
            sides.map(([lo, hi], i) => (towards * (calculator.monotone[i] as number) < 0 ? lo : hi));
          // Ages are whole years or days.
          const inside = sides.map(([lo, hi, t], i) => {
            if (typeof lo !== 'number') return lo;
            const at = lo + t * ((hi as number) - lo);
            const kind = calculator.parameters[i]!.kind;
            return kind === 'age' || kind === 'ageInDays' ? Math.round(at) : at;
          });
          const [lowest, highest] = calculator.range
            ? calculator.range(
                sides.map(([lo]) => lo),
                sides.map(([, hi]) => hi),
              )
            : [calculator.compute(corner(-1)), calculator.compute(corner(1))];
          const value = calculator.compute(inside);
          expect(value).toBeGreaterThanOrEqual(lowest - slack(lowest));
          expect(value).toBeLessThanOrEqual(highest + slack(highest));
        }),
        { numRuns: 150, seed: 7 },
      );
    });
  }
});
