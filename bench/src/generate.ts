import type { BenchFacts, BenchPatient, ConditionEntry, ExposureEntry, LabResult } from './patient';

/**
 * Seeded synthetic patients for the benchmark protocol, in Eligo's facts format: the population of
 * a nephrology clinic, with each lab missing for 5–15 % of patients, units as different
 * laboratories report them (g/dL or g/L, 10*3/uL or 10*9/L, umol/L or mg/dL), reference ranges
 * that differ between laboratories, repeated and future-dated results, and a few diagnoses and
 * colony-stimulating factor courses, some provisional or resolved. Dates are full days
 * (no partial dates, no comparators: those are covered by Eligo's conformance cases, not here).
 *
 * Patients come in chunks so a million of them never sit in memory at once.
 */

export interface GenerateOptions {
  readonly seed: number;
  readonly asOf: string;
}

/** sfc32: small, fast, and good enough for synthetic data. */
export function prng(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

const MS_PER_DAY = 86_400_000;
/** 10 ** decimals, looked up rather than computed per result. */
const SCALES = [1, 10, 100, 1000];

/** Dates as strings, computed once per day number: formatting dominates generation otherwise. */
class DayTable {
  private readonly base: number;
  private readonly days: string[] = [];
  constructor(private readonly asOf: string) {
    this.base = Date.parse(`${asOf}T00:00:00Z`) / MS_PER_DAY;
  }
  /** The day `n` days before the screening date (negative: after it). */
  before(n: number): string {
    const i = n + 40_000;
    let s = this.days[i];
    if (s === undefined) {
      s = new Date((this.base - n) * MS_PER_DAY).toISOString().slice(0, 10);
      this.days[i] = s;
    }
    return s;
  }
  get screeningDate(): string {
    return this.asOf;
  }
}

interface LabSpec {
  readonly id: keyof BenchFacts;
  readonly missing: number;
  /** Median and log-normal spread in the first unit listed. */
  readonly median: number;
  readonly sigma: number;
  /** Units a laboratory may report, with their factor from the first unit and the share of results, and decimals. */
  readonly units: readonly { unit: string; factor: number; share: number; decimals: number }[];
  /** Reference ranges (in the first unit) laboratories use; `high` is the ULN. */
  readonly ranges: readonly { low: number; high: number }[];
  /** Share of results reported without a reference range. */
  readonly noRange: number;
}

/**
 * Factors between reported units here are the data's own (what a laboratory prints); engines never
 * see them: they convert with UCUM.
 */
const LABS: readonly LabSpec[] = [
  {
    id: 'wbc',
    missing: 0.06,
    median: 6.2,
    sigma: 0.38,
    units: [
      { unit: '10*9/L', factor: 1, share: 0.6, decimals: 1 },
      { unit: '10*3/uL', factor: 1, share: 0.35, decimals: 1 },
      { unit: '10*3/mm3', factor: 1, share: 0.05, decimals: 1 },
    ],
    ranges: [
      { low: 3.5, high: 9.5 },
      { low: 4, high: 10 },
    ],
    noRange: 0.1,
  },
  {
    id: 'neutrophils',
    missing: 0.1,
    median: 3.8,
    sigma: 0.5,
    units: [
      { unit: '10*9/L', factor: 1, share: 0.65, decimals: 1 },
      { unit: '10*3/uL', factor: 1, share: 0.35, decimals: 2 },
    ],
    ranges: [{ low: 1.8, high: 6.3 }],
    noRange: 0.1,
  },
  {
    id: 'hemoglobin',
    missing: 0.05,
    median: 122,
    sigma: 0.22,
    units: [
      { unit: 'g/L', factor: 1, share: 0.55, decimals: 0 },
      { unit: 'g/dL', factor: 0.1, share: 0.45, decimals: 1 },
    ],
    ranges: [
      { low: 115, high: 150 },
      { low: 130, high: 175 },
    ],
    noRange: 0.1,
  },
  {
    id: 'alt',
    missing: 0.08,
    median: 24,
    sigma: 0.65,
    units: [{ unit: 'U/L', factor: 1, share: 1, decimals: 0 }],
    ranges: [
      { low: 7, high: 40 },
      { low: 0, high: 35 },
      { low: 10, high: 50 },
    ],
    noRange: 0.03,
  },
  {
    id: 'ast',
    missing: 0.12,
    median: 23,
    sigma: 0.6,
    units: [{ unit: 'U/L', factor: 1, share: 1, decimals: 0 }],
    ranges: [
      { low: 13, high: 40 },
      { low: 0, high: 35 },
    ],
    noRange: 0.03,
  },
  {
    id: 'bilirubin_total',
    missing: 0.14,
    median: 10,
    sigma: 0.55,
    units: [
      { unit: 'umol/L', factor: 1, share: 0.7, decimals: 1 },
      { unit: 'mg/dL', factor: 1 / 17.104, share: 0.3, decimals: 2 },
    ],
    ranges: [
      { low: 0, high: 21 },
      { low: 3.4, high: 17.1 },
    ],
    noRange: 0.03,
  },
  {
    id: 'serum_creatinine',
    missing: 0.07,
    median: 1.25,
    sigma: 0.5,
    units: [
      { unit: 'mg/dL', factor: 1, share: 0.5, decimals: 2 },
      { unit: 'umol/L', factor: 88.4, share: 0.5, decimals: 0 },
    ],
    ranges: [
      { low: 0.6, high: 1.1 },
      { low: 0.7, high: 1.3 },
    ],
    noRange: 0.2,
  },
];

/** Every unit the generator reports, per lab: engines that need a unit table up front build it from this (with UCUM). */
export const REPORTED_UNITS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  LABS.map((lab) => [lab.id, lab.units.map((u) => u.unit)]),
);

const CODES = {
  gilbert_syndrome: ['E80.4'],
  diabetes: ['E11.9', 'E11.9', 'E11.65', 'E10.9', 'E11.22'],
  malignant_neoplasm: ['C50.9', 'C18.7', 'C61', 'C34.1', 'C91.1', 'C64'],
  active_infection: ['J18.9', 'N39.0', 'B34.9', 'A41.9', 'L03.1', 'J15.9'],
  colony_stimulating_factor: ['L03AA02', 'L03AA13', 'L03AA10'],
} as const;

type LabId = LabSpec['id'];
type ConditionKind = Exclude<keyof typeof CODES, 'colony_stimulating_factor'>;

/**
 * Where generated patients go. Dates are given as days before the screening date (negative:
 * after it), so each sink writes them in its own layout: date strings for facts objects, day
 * numbers for columns. The generator draws the same random numbers whatever the sink, so a seed
 * gives the same patients in every layout.
 */
export interface PatientSink {
  birth(daysBefore: number): void;
  sex(sex: 'female' | 'male' | 'other'): void;
  /** The lab's results in the order they are listed; `high`/`low` are NaN without a reference range. */
  result(lab: LabId, value: number, unit: string, daysBefore: number, low: number, high: number): void;
  condition(
    kind: ConditionKind,
    code: string,
    clinical: ConditionEntry['clinicalStatus'],
    verification: ConditionEntry['verificationStatus'],
    onsetDaysBefore: number,
    abatementDaysBefore: number | undefined,
  ): void;
  exposure(code: string, startDaysBefore: number, endDaysBefore: number | undefined): void;
  endPatient(): void;
}

export class PatientGenerator {
  private readonly random: () => number;
  private readonly days: DayTable;
  private nextId = 0;

  constructor(options: GenerateOptions) {
    this.random = prng(options.seed);
    this.days = new DayTable(options.asOf);
  }

  /** The next `n` patients as facts objects, in a fresh array. */
  chunk(n: number): BenchPatient[] {
    const sink = new ObjectSink(this.days, this.nextId);
    for (let i = 0; i < n; i++) this.patient(sink);
    this.nextId += n;
    return sink.patients;
  }

  /** The next `n` patients written to a sink (for example as columns); returns the first patient's id. */
  into(sink: PatientSink, n: number): number {
    const first = this.nextId;
    for (let i = 0; i < n; i++) this.patient(sink);
    this.nextId += n;
    return first;
  }

  private patient(sink: PatientSink): void {
    const r = this.random;
    if (r() > 0.01) {
      // Ages 12 to 88, birthdays on any day.
      sink.birth(Math.floor((12 + r() * 76) * 365.25));
    }
    const s = r();
    if (s < 0.49) sink.sex('female');
    else if (s < 0.98) sink.sex('male');
    else if (s < 0.99) sink.sex('other');

    const unwell = r() < 0.06;
    for (const lab of LABS) {
      if (r() < lab.missing) continue;
      this.results(sink, lab, unwell);
    }
    this.conditions(sink);
    if (r() < 0.04) this.csf(sink);
    sink.endPatient();
  }

  private results(sink: PatientSink, lab: LabSpec, unwell: boolean): void {
    const r = this.random;
    const latestAge = 1 + Math.floor(r() * 30);
    const k = r();
    if (k < 0.12) this.result(sink, lab, unwell, latestAge + 20 + Math.floor(r() * 150));
    this.result(sink, lab, unwell, latestAge);
    // A result dated after the screening date, which every engine must ignore.
    if (k > 0.97) this.result(sink, lab, unwell, -1 - Math.floor(r() * 10));
  }

  private result(sink: PatientSink, lab: LabSpec, unwell: boolean, daysBefore: number): void {
    const r = this.random;
    // Log-normal around the median; unwell patients drift to the abnormal side.
    const z = gaussian(r);
    let value = lab.median * Math.exp(lab.sigma * z);
    if (unwell) value *= lab.id === 'hemoglobin' || lab.id === 'wbc' || lab.id === 'neutrophils' ? 0.45 : 3.5;
    let pick = r();
    const units = lab.units;
    let u = units[0]!;
    for (let i = 0; i < units.length; i++) {
      u = units[i]!;
      pick -= u.share;
      if (pick < 0) break;
    }
    const scale = SCALES[u.decimals]!;
    const reported = Math.max(1 / scale, Math.round(value * u.factor * scale) / scale);
    let low = Number.NaN;
    let high = Number.NaN;
    if (r() >= lab.noRange) {
      const range = lab.ranges[Math.floor(r() * lab.ranges.length)]!;
      low = Math.round(range.low * u.factor * scale) / scale;
      high = Math.round(range.high * u.factor * scale) / scale;
    }
    sink.result(lab.id, reported, u.unit, daysBefore, low, high);
  }

  private conditions(sink: PatientSink): void {
    const r = this.random;
    if (r() < 0.03) this.condition(sink, 'gilbert_syndrome', 1, 0);
    if (r() < 0.14) this.condition(sink, 'diabetes', 0.9, 0.07);
    if (r() < 0.05) this.condition(sink, 'malignant_neoplasm', 0.5, 0.1);
    if (r() < 0.07) {
      this.condition(sink, 'active_infection', 0.6, 0.2);
      if (r() < 0.3) this.condition(sink, 'active_infection', 0.2, 0.1);
    }
  }

  /** One diagnosis: active with probability `active`, provisional with probability `provisional`. */
  private condition(sink: PatientSink, kind: ConditionKind, active: number, provisional: number): void {
    const r = this.random;
    const codes = CODES[kind];
    // A few onsets fall after the screening date: those records must not count.
    const onsetDays = Math.floor(r() * 3650) - 3;
    const code = codes[Math.floor(r() * codes.length)]!;
    let clinical: ConditionEntry['clinicalStatus'] = 'active';
    let abatement: number | undefined;
    if (r() >= active) {
      clinical = r() < 0.5 ? 'resolved' : 'remission';
      abatement = Math.max(0, Math.floor(onsetDays * r()));
    }
    let verification: ConditionEntry['verificationStatus'] = 'confirmed';
    const v = r();
    if (v < provisional) verification = v < provisional / 2 ? 'provisional' : 'differential';
    else if (v > 0.99) verification = 'refuted';
    sink.condition(kind, code, clinical, verification, onsetDays, abatement);
  }

  private csf(sink: PatientSink): void {
    const r = this.random;
    const n = r() < 0.8 ? 1 : 2;
    for (let i = 0; i < n; i++) {
      const start = 1 + Math.floor(r() * 70);
      const code = CODES.colony_stimulating_factor[Math.floor(r() * 3)]!;
      const end = r() > 0.2 ? Math.max(0, start - 1 - Math.floor(r() * 14)) : undefined;
      sink.exposure(code, start, end);
    }
  }
}

/** Patients as Eligo facts objects, the layout a single screening takes. */
class ObjectSink implements PatientSink {
  readonly patients: BenchPatient[] = [];
  private facts: BenchFacts = {};

  constructor(
    private readonly days: DayTable,
    private nextId: number,
  ) {}

  birth(daysBefore: number): void {
    this.facts.birth_date = this.days.before(daysBefore);
  }

  sex(sex: 'female' | 'male' | 'other'): void {
    this.facts.sex = sex;
  }

  result(lab: LabId, value: number, unit: string, daysBefore: number, low: number, high: number): void {
    const entry: LabResult = { value, unit, date: this.days.before(daysBefore) };
    if (!Number.isNaN(high)) entry.referenceRange = { low, high };
    this.facts[lab] ??= [] as never;
    (this.facts[lab] as LabResult[]).push(entry);
  }

  condition(
    kind: ConditionKind,
    code: string,
    clinical: ConditionEntry['clinicalStatus'],
    verification: ConditionEntry['verificationStatus'],
    onsetDaysBefore: number,
    abatementDaysBefore: number | undefined,
  ): void {
    const entry: ConditionEntry = {
      code,
      clinicalStatus: clinical,
      verificationStatus: verification,
      onset: this.days.before(onsetDaysBefore),
    };
    if (abatementDaysBefore !== undefined) entry.abatement = this.days.before(abatementDaysBefore);
    this.facts[kind] ??= [];
    this.facts[kind].push(entry);
  }

  exposure(code: string, startDaysBefore: number, endDaysBefore: number | undefined): void {
    const entry: ExposureEntry = { code, start: this.days.before(startDaysBefore) };
    if (endDaysBefore !== undefined) entry.end = this.days.before(endDaysBefore);
    this.facts.colony_stimulating_factor ??= [];
    this.facts.colony_stimulating_factor.push(entry);
  }

  endPatient(): void {
    this.patients.push({
      id: this.nextId++,
      input: { asOf: this.days.screeningDate, facts: this.facts, answers: {} },
    });
    this.facts = {};
  }
}

function gaussian(r: () => number): number {
  const u = 1 - r();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}
