import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { ElementInfo, ProtocolInfo } from '../protocol';
import { emitTypes, typeNameOf } from './emitTypes';

const element = (e: Partial<ElementInfo> & Pick<ElementInfo, 'id' | 'label' | 'kind'>): ElementInfo => ({
  closedWorld: false,
  usedBy: [],
  ...e,
});

const info: ProtocolInfo = {
  id: 'NCT00000001',
  title: 'A small trial',
  version: '2',
  hash: 'h',
  complete: ['condition'],
  cohorts: [],
  elements: [
    element({ id: 'birth_date', label: 'Date of birth', kind: 'patient', patientField: 'birthDate' }),
    element({ id: 'sex', label: 'Sex', kind: 'patient', patientField: 'gender' }),
    element({ id: 'creatinine', label: 'Serum creatinine', kind: 'lab', unit: 'mg/dL', molarMass: 113.12 }),
    element({ id: 'hcg', label: 'Pregnancy test', kind: 'test', values: ['positive', 'negative'] }),
    element({ id: 'diabetes', label: 'Diabetes */ mellitus', kind: 'condition' }),
    element({ id: 'steroids', label: 'Systemic steroids', kind: 'medication' }),
    element({ id: 'biopsy', label: 'Kidney biopsy', kind: 'procedure' }),
    element({ id: 'penicillin', label: 'Penicillin allergy', kind: 'allergy' }),
    element({ id: 'hf_admission', label: 'Hospitalisation for heart failure', kind: 'encounter' }),
    element({ id: 'consent', label: 'Consent signed', kind: 'question', answer: { type: 'boolean' } }),
    element({ id: 'bdi', label: 'BDI-II', kind: 'question', answer: { type: 'score', min: 0, max: 63 } }),
    element({ id: 'stage', label: 'Stage', kind: 'question', answer: { type: 'code', values: ['I', 'II'] } }),
    element({ id: 'last_dose', label: 'Last dose', kind: 'question', answer: { type: 'date' } }),
    element({ id: 'adult', label: 'Adult', kind: 'define' }),
  ],
};

const SHARED = `/** A date: YYYY, YYYY-MM or YYYY-MM-DD (a time part is ignored). */
export type PartialDate = string;

/** A full calendar date YYYY-MM-DD. */
export type Day = string;

/** A date, or a date and time with its UTC offset. */
export type DateAnswer = string;

export type Sex = "male" | "female" | "other" | "unknown";

export type Comparator = "<" | "<=" | ">=" | ">";

/** A code of a record’s coded field (a body site, a reason, what a reference range applies to), its system by URI. */
export interface Coding {
  system: string;
  code: string;
  display?: string;
}

/** Reference range of a result; \`unit\` when it differs from the value’s. */
export interface ReferenceRange {
  low?: number;
  high?: number;
  unit?: string;
  appliesTo?: Coding[];
}

/** One lab or test result: a number with a UCUM unit, or a coded result such as \`positive\`. */
export interface Measurement {
  value?: number;
  unit?: string;
  comparator?: Comparator;
  code?: string;
  date?: PartialDate;
  referenceRange?: ReferenceRange;
}

export type ClinicalStatus = "active" | "recurrence" | "relapse" | "inactive" | "remission" | "resolved";

export type VerificationStatus = "confirmed" | "provisional" | "differential" | "unconfirmed" | "refuted" | "entered-in-error";

/** A diagnosis; status defaults to active and confirmed. */
export interface ConditionRecord {
  system?: string;
  code?: string;
  display?: string;
  unclassified?: true;
  clinicalStatus?: ClinicalStatus;
  verificationStatus?: VerificationStatus;
  onset?: PartialDate;
  abatement?: PartialDate;
  severity?: "mild" | "moderate" | "severe";
}

/** A route of administration. */
export type Route = "oral" | "sublingual" | "buccal" | "enteral_tube" | "rectal" | "intravenous" | "intra_arterial" | "intramuscular" | "subcutaneous" | "intradermal" | "intraosseous" | "intrathecal" | "epidural" | "intra_articular" | "intralesional" | "intravitreal" | "intravesical" | "intraperitoneal" | "topical" | "transdermal" | "inhalation" | "nasal" | "ophthalmic" | "otic" | "vaginal";

/** An amount of a drug with its UCUM unit. */
export interface DoseQuantity {
  value: number;
  unit: string;
}

/** A period on a medication, with its route and dose when known; no \`end\` means ongoing. */
export interface Exposure {
  system?: string;
  code?: string;
  display?: string;
  unclassified?: true;
  start?: PartialDate;
  end?: PartialDate;
  route?: Route;
  dose?: DoseQuantity;
  perDay?: number;
  dailyDose?: DoseQuantity;
  reason?: Coding[];
}

export interface ProcedureRecord {
  system?: string;
  code?: string;
  display?: string;
  unclassified?: true;
  date?: PartialDate;
  end?: PartialDate;
  inProgress?: true;
  bodySite?: Coding[];
}

export interface AllergyRecord {
  system?: string;
  code?: string;
  display?: string;
  unclassified?: true;
  criticality?: "low" | "high" | "unable-to-assess";
  severity?: "mild" | "moderate" | "severe";
}

export type EncounterClass = "inpatient" | "emergency" | "ambulatory" | "observation" | "short_stay" | "preadmission" | "home" | "field" | "virtual";

export type EncounterStatus = "planned" | "arrived" | "triaged" | "in-progress" | "onleave" | "finished" | "cancelled" | "entered-in-error" | "unknown";

/** A stay or visit; no \`end\` means under way, or for a finished one, ended by the screening date. */
export interface EncounterRecord {
  system?: string;
  code?: string;
  display?: string;
  unclassified?: true;
  start?: PartialDate;
  end?: PartialDate;
  class?: EncounterClass;
  status?: EncounterStatus;
}
`;

const EXPECTED = `/**
 * Screening input of protocol NCT00000001 (A small trial, version 2).
 * Generated from the protocol; do not edit.
 */

${SHARED}
export interface NCT00000001Facts {
  /** Date of birth */
  birth_date?: PartialDate;
  /** Sex */
  sex?: Sex;
  /** Serum creatinine (mg/dL; molar mass 113.12 g/mol) */
  creatinine?: Measurement | Measurement[];
  /** Pregnancy test (values: positive, negative) */
  hcg?: Measurement | Measurement[];
  /** Diabetes *\\/ mellitus */
  diabetes?: boolean | ConditionRecord[];
  /** Systemic steroids */
  steroids?: boolean | Exposure[];
  /** Kidney biopsy */
  biopsy?: boolean | ProcedureRecord[];
  /** Penicillin allergy */
  penicillin?: boolean | AllergyRecord[];
  /** Hospitalisation for heart failure */
  hf_admission?: boolean | EncounterRecord[];
}

export interface NCT00000001Answers {
  /** Consent signed (yes or no) */
  consent?: boolean | null;
  /** BDI-II (score 0 to 63) */
  bdi?: number | null;
  /** Stage (one of I, II) */
  stage?: "I" | "II" | null;
  /** Last dose (a date YYYY-MM-DD, or a date and time with its UTC offset) */
  last_dose?: DateAnswer | null;
}

export interface NCT00000001Input {
  /** The screening date: facts after it are ignored, ages are counted on it. */
  asOf: Day;
  facts?: NCT00000001Facts;
  answers?: NCT00000001Answers;
}
`;

const compilerOptions: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  // The declarations need nothing beyond ES5 (`Record`); a small lib keeps the check fast.
  lib: ['lib.es5.d.ts'],
  types: [],
};
const libraryFiles = new Map<string, ts.SourceFile | undefined>();

/** Type-checks files held in memory (strict) and returns the diagnostics as `file:line: message`. */
function typecheck(files: Record<string, string>): string[] {
  const at = (name: string) => `/virtual/${name}`;
  const virtual = new Map(Object.entries(files).map(([name, text]) => [at(name), text]));
  const host = ts.createCompilerHost(compilerOptions);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) => {
    const text = virtual.get(name);
    if (text !== undefined) return ts.createSourceFile(name, text, language);
    if (!libraryFiles.has(name)) libraryFiles.set(name, getSourceFile(name, language, ...rest));
    return libraryFiles.get(name);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => virtual.has(name) || fileExists(name);
  host.directoryExists = (name) => name === '/virtual' || ts.sys.directoryExists(name);
  const program = ts.createProgram([...virtual.keys()], compilerOptions, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    const name = d.file?.fileName.replace('/virtual/', '');
    return `${name}:${line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

describe('emitTypes', () => {
  const text = emitTypes(info);

  it('matches the expected declarations', () => {
    expect(text).toBe(EXPECTED);
  });

  it('compiles, and its types accept good input and reject bad input', () => {
    const use = `import type { NCT00000001Input } from './types';
const good: NCT00000001Input = {
  asOf: '2025-06-01',
  facts: {
    birth_date: '1990',
    sex: 'female',
    creatinine: [{ value: 1.05, unit: 'mg/dL', date: '2025-05-30' }],
    hcg: { code: 'negative' },
    diabetes: [{ code: '44054006', clinicalStatus: 'active' }],
    steroids: false,
    penicillin: [{ criticality: 'high' }],
    hf_admission: [{ code: 'I50.9', start: '2025-01-03', end: '2025-01-09', class: 'inpatient', status: 'finished' }],
  },
  answers: { consent: true, bdi: null, stage: 'II' },
};
// @ts-expect-error an unknown fact
const unknownFact: NCT00000001Input = { asOf: '2025-06-01', facts: { wbc: { value: 4 } } };
// @ts-expect-error an encounter class outside the list
const badClass: NCT00000001Input = { asOf: '2025-06-01', facts: { hf_admission: [{ class: 'IMP' }] } };
// @ts-expect-error a code outside the list
const badCode: NCT00000001Input = { asOf: '2025-06-01', answers: { stage: 'III' } };
// @ts-expect-error a defined element is not input
const define: NCT00000001Input = { asOf: '2025-06-01', facts: { adult: true } };
export { good, unknownFact, badClass, badCode, define };
`;
    expect(typecheck({ 'types.ts': text, 'use.ts': use })).toEqual([]);
  });

  it('is caught by the compiler when wrong', () => {
    expect(typecheck({ 'types.ts': 'export interface X { a?: Measurement }\n' })).toEqual([
      "types.ts:1: Cannot find name 'Measurement'.",
    ]);
  });

  it('emits an empty answers type for a protocol without questions', () => {
    const small: ProtocolInfo = {
      ...info,
      id: 'tiny-trial',
      title: undefined,
      version: undefined,
      elements: [],
    };
    const out = emitTypes(small);
    expect(out.startsWith('/**\n * Screening input of protocol tiny-trial.\n')).toBe(true);
    expect(out).toContain('export type TinyTrialFacts = Record<string, never>;\n');
    expect(out).toContain('export type TinyTrialAnswers = Record<string, never>;\n');
    expect(typecheck({ 'types.ts': out })).toEqual([]);
  });
});

describe('typeNameOf', () => {
  it('turns a protocol id into a type name', () => {
    expect(typeNameOf('NCT06469190')).toBe('NCT06469190');
    expect(typeNameOf('my-trial.v2')).toBe('MyTrialV2');
    expect(typeNameOf('2024_study')).toBe('P2024Study');
  });
});
