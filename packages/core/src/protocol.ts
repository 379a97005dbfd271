import type { Protocol as ProtocolAst, RecordKind } from './ast';
import type { Diagnostic } from './diagnostics/diagnostic';
import type { Source } from './source';

/**
 * The compiled, frontend-facing description of a protocol: what the FHIR reader, the API, the
 * web form and the type emitter need to know about each data element, criterion and cohort,
 * without looking at the AST.
 */

export const CODE_SYSTEMS = {
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  atc: 'http://www.whocc.no/atc',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  /** CDC's vaccine codes (CVX), as FHIR Immunization.vaccineCode carries them in the US. */
  cvx: 'http://hl7.org/fhir/sid/cvx',
} as const;

/** Every kind of data element, in declaration order; the contracts' schema enumerates the same list. */
export const ELEMENT_KINDS = [
  'patient',
  'lab',
  'test',
  'condition',
  'medication',
  'procedure',
  'allergy',
  'encounter',
  'question',
  'define',
] as const;

export type ElementKind = (typeof ELEMENT_KINDS)[number];

export interface CodePatternInfo {
  /** Canonical system URI (see CODE_SYSTEMS). */
  readonly system: string;
  readonly code: string;
  readonly match: 'exact' | 'prefix' | 'range';
  readonly to?: string | undefined;
}

export interface CodeBindingInfo {
  readonly any: boolean;
  readonly include: readonly CodePatternInfo[];
  readonly exclude: readonly CodePatternInfo[];
}

/**
 * The codes a coded field of a record must match (`site snomed …`, `for icd10 …`) or, with
 * `except`, must not: a procedure's body site, a medication's reason.
 */
export interface CodeFilterInfo {
  readonly except: boolean;
  readonly codes: readonly CodePatternInfo[];
}

export interface AnswerInfo {
  readonly type: 'boolean' | 'count' | 'score' | 'number' | 'date' | 'code';
  readonly min?: number | undefined;
  readonly max?: number | undefined;
  readonly unit?: string | undefined;
  readonly values?: readonly string[] | undefined;
}

export interface ValueCodeInfo {
  readonly value: string;
  readonly system: string;
  readonly code: string;
}

export interface ElementInfo {
  readonly id: string;
  readonly label: string;
  /** `lay "…"`: the element put to the person it is about, in plain words (a public pre-screen). */
  readonly lay?: string | undefined;
  readonly kind: ElementKind;
  /** For `patient`: which Patient field. */
  readonly patientField?: 'birthDate' | 'gender' | undefined;
  /** For `lab`: the canonical UCUM unit values are converted to. */
  readonly unit?: string | undefined;
  /** For `lab`: g/mol, enabling mass <-> substance conversion. */
  readonly molarMass?: number | undefined;
  /** For `test` and coded questions/patient sex: the allowed codes. */
  readonly values?: readonly string[] | undefined;
  /**
   * For `test` and `lab`: codes a coded result may carry (system URI and code), each with the value
   * it reads as: a value word, or for a lab the number as written (`values 1 = snomed 420300004`).
   */
  readonly valueCodes?: readonly ValueCodeInfo[] | undefined;
  readonly binding?: CodeBindingInfo | undefined;
  /** For `lab` and `test`: the codes a result's method must have (`method snomed …`); absent, any. */
  readonly method?: CodeBindingInfo | undefined;
  /** For `encounter`: the classes it takes (`class inpatient, emergency`); absent, any class. */
  readonly classes?: readonly string[] | undefined;
  /** For `medication`: the routes of administration it takes (`route oral, intravenous`); absent, any. */
  readonly routes?: readonly string[] | undefined;
  /** For `lab`: what the reference range read for ULN and LLN must apply to (`range for …`); absent, any. */
  readonly rangeFor?: CodeFilterInfo | undefined;
  /** For `procedure`: the body sites its records must have (`site …`), or not (`site except …`); absent, any. */
  readonly sites?: CodeFilterInfo | undefined;
  /** For `medication`: the conditions its exposures must be given for (`for …`); absent, any. */
  readonly reasons?: CodeFilterInfo | undefined;
  readonly answer?: AnswerInfo | undefined;
  /** For record kinds: no matching record means absent (false) rather than unknown. */
  readonly closedWorld: boolean;
  /** Criterion ids whose rules use this element, directly or through a define. */
  readonly usedBy: readonly string[];
}

export interface CriterionInfo {
  readonly id: string;
  readonly kind: 'inclusion' | 'exclusion';
  readonly title: string | undefined;
  readonly source: string | undefined;
  /** `decided by sub-criteria` */
  readonly heading: boolean;
  /** Element ids (data and questions) the rule depends on, transitively through defines. */
  readonly elements: readonly string[];
}

export interface CohortInfo {
  readonly id: string;
  readonly label: string | undefined;
  /** Every criterion that applies to the cohort: common inclusion, cohort inclusion, common exclusion, cohort exclusion. */
  readonly criteria: readonly CriterionInfo[];
}

export interface ProtocolInfo {
  readonly id: string;
  readonly title: string | undefined;
  readonly version: string | undefined;
  /** The protocol's screening period, when its text gives one: older results do not count. */
  readonly screeningPeriod?: { readonly amount: number; readonly unit: string } | undefined;
  /** Stable hash of the source text. */
  readonly hash: string;
  readonly complete: readonly RecordKind[];
  readonly elements: readonly ElementInfo[];
  readonly cohorts: readonly CohortInfo[];
}

export interface CompiledInputs {
  readonly ast: ProtocolAst;
  readonly source: Source;
  readonly diagnostics: readonly Diagnostic[];
}
