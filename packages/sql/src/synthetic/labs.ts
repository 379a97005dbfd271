import { type CodedTest, HCG, NEGATIVE, POSITIVE, SEROLOGY, SYSTEMS } from './codes';
import type { PatientContext } from './context';

type Resource = Record<string, unknown>;

/** A unit a laboratory reports in, how many of it make one canonical unit, and its LOINC if it has its own. */
interface UnitVariant {
  readonly unit: string;
  readonly factor: number;
  readonly decimals: number;
  readonly weight: number;
  readonly loinc?: string;
}

/** A quantitative laboratory result: LOINC codes, unit variants, the canonical range drawn from, the reference range. */
interface Lab {
  readonly loinc: readonly string[];
  readonly display: string;
  readonly units: readonly UnitVariant[];
  readonly range: readonly [number, number];
  /** Where most patients' results fall (four in five); the rest spread over `range`. */
  readonly normal?: readonly [number, number];
  readonly reference?: { readonly low: number; readonly high: number };
  /** How often a patient has this result at all. */
  readonly presence: number;
  /** How many results of it (dates) a patient with one has. */
  readonly repeats: readonly [number, number];
}

const one = (unit: string, decimals: number): UnitVariant[] => [{ unit, factor: 1, decimals, weight: 1 }];

const LABS: Readonly<Record<string, Lab>> = {
  wbc: {
    loinc: ['6690-2', '26464-8'],
    display: 'Leukocytes [#/volume] in Blood',
    units: [
      { unit: '10*9/L', factor: 1, decimals: 1, weight: 70 },
      { unit: '10*3/uL', factor: 1, decimals: 1, weight: 30 },
    ],
    range: [1.5, 13],
    normal: [4, 9],
    reference: { low: 3.5, high: 9.5 },
    presence: 0.92,
    repeats: [1, 2],
  },
  neutrophils: {
    loinc: ['751-8', '26499-4'],
    display: 'Neutrophils [#/volume] in Blood',
    units: one('10*9/L', 2),
    range: [0.4, 9],
    normal: [1.8, 6],
    reference: { low: 1.8, high: 6.3 },
    presence: 0.88,
    repeats: [1, 1],
  },
  hemoglobin: {
    loinc: ['718-7'],
    display: 'Hemoglobin [Mass/volume] in Blood',
    units: [
      { unit: 'g/L', factor: 1, decimals: 0, weight: 70 },
      { unit: 'g/dL', factor: 0.1, decimals: 1, weight: 30 },
    ],
    range: [55, 170],
    normal: [110, 160],
    reference: { low: 115, high: 150 },
    presence: 0.92,
    repeats: [1, 2],
  },
  alt: {
    loinc: ['1742-6'],
    display: 'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma',
    units: one('U/L', 0),
    range: [6, 160],
    normal: [8, 45],
    reference: { low: 0, high: 40 },
    presence: 0.9,
    repeats: [1, 1],
  },
  ast: {
    loinc: ['1920-8'],
    display: 'Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma',
    units: one('U/L', 0),
    range: [8, 140],
    normal: [10, 40],
    reference: { low: 0, high: 40 },
    presence: 0.9,
    repeats: [1, 1],
  },
  bilirubin: {
    loinc: ['14631-6'],
    display: 'Bilirubin.total in Serum or Plasma',
    units: [
      { unit: 'umol/L', factor: 1, decimals: 1, weight: 65, loinc: '14631-6' },
      { unit: 'mg/dL', factor: 1 / 17.104, decimals: 2, weight: 35, loinc: '1975-2' },
    ],
    range: [3, 45],
    normal: [4, 20],
    reference: { low: 0, high: 21 },
    presence: 0.85,
    repeats: [1, 1],
  },
  inr: {
    loinc: ['6301-6', '34714-6'],
    display: 'INR in Platelet poor plasma or blood by Coagulation assay',
    units: [
      { unit: '{INR}', factor: 1, decimals: 2, weight: 80 },
      { unit: '1', factor: 1, decimals: 2, weight: 20 },
    ],
    range: [0.8, 2.2],
    normal: [0.9, 1.2],
    reference: { low: 0.8, high: 1.2 },
    presence: 0.8,
    repeats: [1, 1],
  },
  prothrombin: {
    loinc: ['5902-2'],
    display: 'Prothrombin time (PT)',
    units: one('s', 1),
    range: [10, 21],
    normal: [11, 13.5],
    reference: { low: 11, high: 13.5 },
    presence: 0.8,
    repeats: [1, 1],
  },
  lvef: {
    loinc: ['10230-1'],
    display: 'Left ventricular Ejection fraction',
    units: one('%', 0),
    range: [35, 72],
    normal: [55, 70],
    presence: 0.6,
    repeats: [1, 1],
  },
  cd19: {
    loinc: ['8117-4'],
    display: 'CD19 cells/100 cells in Blood',
    units: one('%', 1),
    range: [0, 25],
    normal: [4, 20],
    presence: 0.7,
    repeats: [1, 1],
  },
  creatinine: {
    loinc: ['2160-0'],
    display: 'Creatinine [Mass or Moles/volume] in Serum or Plasma',
    units: [
      { unit: 'mg/dL', factor: 1, decimals: 2, weight: 55, loinc: '2160-0' },
      { unit: 'umol/L', factor: 88.42, decimals: 0, weight: 40, loinc: '14682-9' },
      // Micromoles filed under the mass code: common in exports, readable through the unit.
      { unit: 'umol/L', factor: 88.42, decimals: 0, weight: 5, loinc: '2160-0' },
    ],
    range: [0.5, 6],
    reference: { low: 0.5, high: 1.1 },
    presence: 0.95,
    repeats: [1, 3],
  },
  egfr: {
    loinc: ['98979-8'],
    display: 'Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] by CKD-EPI 2021',
    units: [
      { unit: 'mL/min/{1.73_m2}', factor: 1, decimals: 0, weight: 95 },
      // Not UCUM: how some laboratory systems write it.
      { unit: 'mL/min/1.73m2', factor: 1, decimals: 0, weight: 5 },
    ],
    range: [8, 120],
    presence: 0.6,
    repeats: [1, 2],
  },
  urineProtein24h: {
    loinc: ['2889-4'],
    display: 'Protein [Mass/time] in 24 hour Urine',
    units: [
      { unit: 'g/(24.h)', factor: 1, decimals: 2, weight: 60 },
      { unit: 'mg/(24.h)', factor: 1000, decimals: 0, weight: 30 },
      { unit: 'g/d', factor: 1, decimals: 2, weight: 10 },
    ],
    range: [0.05, 3],
    presence: 0.75,
    repeats: [1, 2],
  },
  upcr: {
    loinc: ['2890-2'],
    display: 'Protein/Creatinine [Mass Ratio] in Urine',
    units: [
      { unit: 'g/g', factor: 1, decimals: 2, weight: 40 },
      { unit: 'mg/g', factor: 1000, decimals: 0, weight: 30 },
      { unit: 'mg/mmol', factor: 113.12, decimals: 1, weight: 30 },
    ],
    range: [0.05, 8],
    presence: 0.6,
    repeats: [1, 1],
  },
  uacr: {
    loinc: ['9318-7'],
    display: 'Albumin/Creatinine [Mass Ratio] in Urine',
    units: [
      { unit: 'mg/g', factor: 1, decimals: 0, weight: 60 },
      { unit: 'mg/mmol', factor: 0.11312, decimals: 1, weight: 40 },
    ],
    range: [5, 3000],
    presence: 0.5,
    repeats: [1, 1],
  },
};

/** Heavier proteinuria for the nephrotic diagnoses, so some patients clear PMN-IN-2 and IgAN-IN-3. */
function rangeFor(context: PatientContext, key: string, lab: Lab): readonly [number, number] {
  if (key === 'urineProtein24h' || key === 'upcr') {
    if (context.candidate) return context.diagnosis === 'PMN' ? [3.6, 12] : [1.1, 5];
    if (context.diagnosis === 'PMN' || context.diagnosis === 'FSGS') return [1, 12];
    if (context.diagnosis === 'IgAN') return [0.3, 5];
  }
  if (key === 'creatinine' && (context.diagnosis === 'none' || context.candidate)) return [0.5, 1.6];
  if (key === 'egfr' && context.candidate) return [50, 120];
  if (lab.normal !== undefined && (context.candidate || context.random.chance(0.8))) return lab.normal;
  return lab.range;
}

/** The Observations of one patient: quantitative labs, viral loads, serology, pregnancy tests, ANCA. */
export function laboratoryResults(context: PatientContext): Resource[] {
  const { random } = context;
  const results: Resource[] = [];
  for (const [key, lab] of Object.entries(LABS)) {
    if (!random.chance(context.candidate ? Math.max(lab.presence, 0.97) : lab.presence)) continue;
    const count = random.int(lab.repeats[0], lab.repeats[1]);
    for (let i = 0; i < count; i += 1) results.push(quantity(context, key, lab, rangeFor(context, key, lab)));
  }
  results.push(...viralLoads(context));
  for (const test of SEROLOGY)
    if (random.chance(context.candidate ? 0.95 : 0.7))
      results.push(coded(context, context.candidate ? { ...test, positiveRate: 0 } : test));
  if (context.sex === 'female' && random.chance(0.5)) results.push(coded(context, HCG, random.int(-3, 20)));
  const ancaRate = context.diagnosis === 'AAV' ? 0.9 : 0.08;
  if (random.chance(ancaRate)) results.push(...anca(context));
  return results;
}

function quantity(
  context: PatientContext,
  key: string,
  lab: Lab,
  range: readonly [number, number],
): Resource {
  const { random } = context;
  const variant = pickUnit(context, lab.units);
  const canonical = random.real(range[0], range[1], 6);
  const value: Resource = {
    value: Number((canonical * variant.factor).toFixed(variant.decimals)),
    unit: variant.unit,
    system: SYSTEMS.ucum,
    code: variant.unit,
  };
  // Laboratories report a high eGFR as "> 90" and an undetectable CD19 count as "< 0.1".
  if (key === 'egfr' && canonical > 90 && random.chance(0.6))
    Object.assign(value, { value: 90, comparator: '>' });
  if (key === 'cd19' && random.chance(0.08)) Object.assign(value, { value: 0.1, comparator: '<' });
  if (key === 'alt' && random.chance(0.01)) Object.assign(value, { value: 1000, comparator: '>=' });
  const reference =
    lab.reference === undefined || random.chance(0.05)
      ? undefined
      : [
          {
            low: ucum(lab.reference.low * variant.factor, variant),
            high: ucum(lab.reference.high * variant.factor, variant),
          },
        ];
  return observation(
    context,
    variant.loinc ?? random.pick(lab.loinc),
    lab.display,
    { valueQuantity: value },
    reference,
  );
}

function pickUnit(context: PatientContext, units: readonly UnitVariant[]): UnitVariant {
  const weights = Object.fromEntries(units.map((u, i) => [String(i), u.weight]));
  return units[Number(context.random.weighted(weights))] as UnitVariant;
}

const ucum = (value: number, variant: UnitVariant) => ({
  value: Number(value.toFixed(variant.decimals + 1)),
  unit: variant.unit,
  system: SYSTEMS.ucum,
  code: variant.unit,
});

/** HBV DNA and HCV RNA: mostly below the limit of detection ("< 20"), which is also the reference range's high. */
function viralLoads(context: PatientContext): Resource[] {
  const { random } = context;
  const loads: Resource[] = [];
  for (const [loinc, display, limit, positiveRate] of [
    ['29615-2', 'Hepatitis B virus DNA [#/volume] in Serum or Plasma by NAA with probe detection', 20, 0.05],
    ['11011-4', 'Hepatitis C virus RNA [#/volume] in Serum or Plasma by NAA with probe detection', 15, 0.03],
  ] as const) {
    if (!random.chance(0.6)) continue;
    const unit = { unit: '[IU]/mL', system: SYSTEMS.ucum, code: '[IU]/mL' };
    const value = random.chance(positiveRate)
      ? { value: random.int(50, 1_000_000), ...unit }
      : { value: limit, comparator: '<', ...unit };
    loads.push(
      observation(context, loinc, display, { valueQuantity: value }, [{ high: { value: limit, ...unit } }]),
    );
  }
  return loads;
}

function coded(context: PatientContext, test: CodedTest, days?: number): Resource {
  const result = context.random.chance(test.positiveRate) ? POSITIVE : NEGATIVE;
  return observation(
    context,
    context.random.pick(test.loinc),
    test.display,
    { valueCodeableConcept: { coding: [{ system: SYSTEMS.snomed, ...result }], text: result.display } },
    undefined,
    days,
  );
}

/** MPO- and PR3-ANCA, as a titre against the reference range's high or as a coded result. */
function anca(context: PatientContext): Resource[] {
  const { random } = context;
  const positiveRate = context.diagnosis === 'AAV' ? 0.75 : 0.05;
  return (
    [
      ['46266-3', 'Myeloperoxidase Ab [Units/volume] in Serum by Immunoassay'],
      ['46267-1', 'Proteinase 3 Ab [Units/volume] in Serum by Immunoassay'],
    ] as const
  ).map(([loinc, display]) => {
    const positive = random.chance(positiveRate);
    if (random.chance(0.3))
      return coded(context, { loinc: [loinc], display, positiveRate: positive ? 1 : 0 });
    const unit = { unit: 'U/mL', system: SYSTEMS.ucum, code: 'U/mL' };
    const value = positive ? random.real(25, 150, 1) : random.real(0, 15, 1);
    return observation(context, loinc, display, { valueQuantity: { value, ...unit } }, [
      { high: { value: 20, ...unit } },
    ]);
  });
}

/**
 * One Observation, with the mess real exports have: statuses that do not count (preliminary,
 * cancelled, entered-in-error), partial and timed dates, a few results after the screening date,
 * a few with no date, and results with no value at all or a dataAbsentReason instead.
 */
function observation(
  context: PatientContext,
  loinc: string,
  display: string,
  value: Resource,
  referenceRange: Resource[] | undefined,
  days?: number,
): Resource {
  const { random } = context;
  const status = random.weighted({
    final: 900,
    amended: 30,
    corrected: 20,
    preliminary: 20,
    'entered-in-error': 20,
    cancelled: 10,
  });
  const absence = random.weighted({ present: 96, none: 2, reason: 2 });
  const when = days ?? (random.chance(0.02) ? -random.int(1, 30) : random.int(0, 150));
  const resource: Resource = {
    resourceType: 'Observation',
    id: context.nextId('obs'),
    status,
    category: [{ coding: [{ system: SYSTEMS.observationCategory, code: 'laboratory' }] }],
    code: { coding: [{ system: SYSTEMS.loinc, code: loinc, display }] },
    subject: context.subject(),
  };
  if (!random.chance(0.01)) resource.effectiveDateTime = context.messyDate(when);
  if (absence === 'present') Object.assign(resource, value);
  if (absence === 'reason') {
    const reason = random.pick(['not-performed', 'error', 'unknown', 'asked-unknown', 'temp-unknown']);
    resource.dataAbsentReason = { coding: [{ system: SYSTEMS.absent, code: reason }] };
  }
  if (referenceRange !== undefined) resource.referenceRange = referenceRange;
  return resource;
}
