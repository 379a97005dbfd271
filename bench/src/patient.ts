/**
 * The benchmark's patient: an id and one screening input in Eligo's facts format. The shapes are
 * those of packages/core/src/facts/shapes.ts, restated loosely so engines other than Eligo can
 * read them without depending on zod types.
 */

export interface LabResult {
  value: number;
  unit: string;
  date: string;
  referenceRange?: { low?: number; high?: number };
}

export interface ConditionEntry {
  code: string;
  clinicalStatus: 'active' | 'recurrence' | 'relapse' | 'inactive' | 'remission' | 'resolved';
  verificationStatus:
    | 'confirmed'
    | 'provisional'
    | 'differential'
    | 'unconfirmed'
    | 'refuted'
    | 'entered-in-error';
  onset?: string;
  abatement?: string;
}

export interface ExposureEntry {
  code: string;
  start: string;
  end?: string;
}

export interface BenchFacts {
  birth_date?: string;
  sex?: string;
  wbc?: LabResult[];
  neutrophils?: LabResult[];
  hemoglobin?: LabResult[];
  alt?: LabResult[];
  ast?: LabResult[];
  bilirubin_total?: LabResult[];
  serum_creatinine?: LabResult[];
  gilbert_syndrome?: ConditionEntry[];
  diabetes?: ConditionEntry[];
  malignant_neoplasm?: ConditionEntry[];
  active_infection?: ConditionEntry[];
  colony_stimulating_factor?: ExposureEntry[];
}

export interface BenchInput {
  asOf: string;
  facts: BenchFacts;
  answers: Record<string, never>;
}

export interface BenchPatient {
  readonly id: number;
  readonly input: BenchInput;
}

export type Verdict = 'eligible' | 'ineligible' | 'undetermined';
export type Status = 'met' | 'not_met' | 'unknown';

/** The subset's criteria in the order the protocol lists them. */
export const CRITERIA = [
  'C-IN-1',
  'C-IN-3.1.a',
  'C-IN-3.1.b',
  'C-IN-3.1.c',
  'C-IN-3.2.a',
  'C-IN-3.2.b',
  'C-IN-3.2.c',
  'PMN-IN-4',
  'C-EX-2',
  'C-EX-6',
  'PMN-EX-2',
] as const;

export const INCLUSIONS = 8;
