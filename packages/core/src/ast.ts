/**
 * The Eligo AST: a readonly discriminated union keyed by `kind`. Every node carries the span of
 * source text it came from. Spans are offsets; `Source.locate` turns them into line and column.
 * The parser is the only producer; nothing downstream sees ohm types.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

interface NodeBase {
  readonly span: Span;
}

export interface Identifier extends NodeBase {
  readonly kind: 'Identifier';
  readonly value: string;
}

// ---------------------------------------------------------------- protocol

export type RecordKind = 'condition' | 'medication' | 'procedure' | 'allergy' | 'encounter';

export interface Protocol extends NodeBase {
  readonly kind: 'Protocol';
  readonly id: Identifier;
  readonly title: string | undefined;
  readonly version: string | undefined;
  /** `screening period N days`: results older than this before the screening date do not count. */
  readonly screeningPeriod: Duration | undefined;
  /** `records complete for …`: record kinds treated as a complete history (closed world). */
  readonly complete: readonly RecordKind[];
  readonly declarations: readonly Declaration[];
  /** Criteria common to every cohort. */
  readonly sections: readonly Section[];
  readonly cohorts: readonly Cohort[];
}

export interface Cohort extends NodeBase {
  readonly kind: 'Cohort';
  readonly id: Identifier;
  readonly label: string | undefined;
  readonly sections: readonly Section[];
}

export interface Section extends NodeBase {
  readonly kind: 'Section';
  readonly list: 'inclusion' | 'exclusion';
  readonly criteria: readonly Criterion[];
}

export interface Criterion extends NodeBase {
  readonly kind: 'Criterion';
  readonly id: Identifier;
  readonly title: string | undefined;
  /** The verbatim protocol sentence. */
  readonly source: string | undefined;
  /** `met if …`; null for a heading (`decided by sub-criteria`). */
  readonly rule: Expr | null;
}

// ---------------------------------------------------------------- declarations

export type Declaration = PatientDecl | LabDecl | TestDecl | RecordDecl | QuestionDecl | DefineDecl;

/**
 * `lay "Have you been told you have diabetes?"` after a declaration: the element put to the person
 * it is about, in plain words, for a public pre-screen. The checker allows it only where a person
 * can answer (E0260).
 */
export interface LayWording extends NodeBase {
  readonly kind: 'LayWording';
  readonly text: string;
}

/** What every declaration may carry after its own syntax. */
interface DeclarationBase extends NodeBase {
  readonly lay?: LayWording | undefined;
}

export interface PatientDecl extends DeclarationBase {
  readonly kind: 'PatientDecl';
  readonly name: Identifier;
  readonly label: string;
  readonly field: 'birthDate' | 'gender';
}

export interface LabDecl extends DeclarationBase {
  readonly kind: 'LabDecl';
  readonly name: Identifier;
  readonly label: string;
  readonly unit: UnitRef;
  readonly binding: Binding;
  /** `molar mass 113.12 g/mol` */
  readonly molarMass: QuantityLit | undefined;
  /** `positive above ULN` | `positive above 0 %` */
  readonly positiveAbove: LimitRef | QuantityLit | undefined;
  /**
   * `range for snomed 76498008`: ULN, LLN and `positive above ULN` read only the reference range
   * that applies to one of these (Observation.referenceRange.appliesTo); undefined, any range.
   */
  readonly rangeFor: CodeFilter | undefined;
  /** `method snomed …`: the codes a result's method must have; undefined, any method. */
  readonly method: Binding | undefined;
  /** `values 1 = snomed 420300004, …`: coded results read as these numbers. */
  readonly valueCodes: readonly ValueCode[] | undefined;
}

/** `iv = snomed 1222837003` in a `values` list: a coded result with this code reads as the value. */
export interface ValueCode extends NodeBase {
  readonly kind: 'ValueCode';
  /** The value word (a test) or number (a lab), as written. */
  readonly value: string;
  readonly system: CodeSystemName;
  readonly code: string;
}

export interface TestDecl extends DeclarationBase {
  readonly kind: 'TestDecl';
  readonly name: Identifier;
  readonly label: string;
  readonly binding: Binding;
  /** `values a, b`; undefined means the default `positive, negative`. */
  readonly values: readonly Identifier[] | undefined;
  /** The codes bound to values (`values iv = snomed 1222837003, …`), in order; empty when none are. */
  readonly valueCodes: readonly ValueCode[] | undefined;
  readonly positiveAbove: LimitRef | QuantityLit | undefined;
  /** `method snomed …`: the codes a result's method must have; undefined, any method. */
  readonly method: Binding | undefined;
}

export interface RecordDecl extends DeclarationBase {
  readonly kind: 'RecordDecl';
  readonly record: RecordKind;
  readonly name: Identifier;
  readonly label: string;
  readonly binding: Binding;
  /**
   * `class inpatient, emergency`: the encounter classes the element takes (any when undefined).
   * Read after any record kind's binding; the checker allows it on encounters only.
   */
  readonly classes: readonly Identifier[] | undefined;
  /**
   * `route oral, intravenous`: the routes of administration a medication's exposures must have
   * (any when undefined). Read after any record kind's binding; the checker allows it on
   * medications only.
   */
  readonly routes: readonly Identifier[] | undefined;
  /**
   * `site snomed …` / `site except snomed …`: the body sites a procedure's records must (or must
   * not) have. Read after any record kind's binding; the checker allows it on procedures only.
   */
  readonly sites: CodeFilter | undefined;
  /**
   * `for icd10 …`: the conditions a medication's exposures must be given for (their reason).
   * Read after any record kind's binding; the checker allows it on medications only.
   */
  readonly reasons: CodeFilter | undefined;
}

/** Codes that a coded field of a record (its body site, its reason) must match, or must not (`except`). */
export interface CodeFilter extends NodeBase {
  readonly kind: 'CodeFilter';
  readonly except: boolean;
  readonly codes: readonly CodePattern[];
}

export interface QuestionDecl extends DeclarationBase {
  readonly kind: 'QuestionDecl';
  readonly name: Identifier;
  readonly label: string;
  readonly answer: AnswerType;
}

export interface DefineDecl extends DeclarationBase {
  readonly kind: 'DefineDecl';
  readonly name: Identifier;
  readonly label: string | undefined;
  readonly expr: Expr;
}

export type CodeSystemName = 'loinc' | 'snomed' | 'icd10' | 'atc' | 'rxnorm' | 'cvx';

export interface Binding extends NodeBase {
  readonly kind: 'Binding';
  /** `from any` */
  readonly any: boolean;
  readonly codes: readonly CodePattern[];
  readonly except: readonly CodePattern[];
}

export interface CodePattern extends NodeBase {
  readonly kind: 'CodePattern';
  readonly system: CodeSystemName;
  /** For `range`, the lower bound. */
  readonly code: string;
  readonly match: 'exact' | 'prefix' | 'range';
  /** Upper bound of a `range` (`C00 to C97`). */
  readonly to: string | undefined;
}

export interface AnswerType extends NodeBase {
  readonly kind: 'AnswerType';
  readonly type: 'boolean' | 'count' | 'score' | 'number' | 'date' | 'code';
  /** `score 0 to 63` */
  readonly min: number | undefined;
  readonly max: number | undefined;
  /** `number in kg` */
  readonly unit: UnitRef | undefined;
  /** `one of a, b, c` */
  readonly values: readonly Identifier[] | undefined;
}

export interface UnitRef extends NodeBase {
  readonly kind: 'UnitRef';
  /** UCUM code exactly as written. */
  readonly code: string;
}

// ---------------------------------------------------------------- expressions

export type Expr =
  | IfExpr
  | UnlessExpr
  | GivenExpr
  | BinaryExpr
  | NotExpr
  | QuantifierExpr
  | CompareExpr
  | BetweenExpr
  | IsExpr
  | ConditionTest
  | MedicationTest
  | WithinTest
  | AnyReading
  | SevereTest
  | TrendExpr
  | DoseIncrease
  | DoseCourse
  | Value;

/** Expressions that produce a value (quantity, date, code, boolean reference). */
export type Value = Ref | QuantityLit | LimitMultiple | Call | LatestExpr | Arith | DailyDose | Episodes;

/**
 * `episodes of R`, `episodes of R separated by more than D`: how many separate periods a
 * medication's exposures, an encounter's stays or a procedure's dates make (lines of therapy,
 * admissions); periods that overlap or follow within D (the next day without it) are one.
 */
export interface Episodes extends NodeBase {
  readonly kind: 'Episodes';
  readonly subject: Ref;
  readonly separatedBy: Duration | undefined;
}

/**
 * `M daily dose`, `M daily dose as prednisone`: the daily dose of a medication's exposures ongoing
 * on the screening date, a mass per time; with `as T`, in equivalents of T's table.
 * `M highest daily dose [as T] within D`: the highest daily dose on any day of the last D.
 */
export interface DailyDose extends NodeBase {
  readonly kind: 'DailyDose';
  readonly subject: Ref;
  /** The equivalence table, named by its reference drug. */
  readonly as: Identifier | undefined;
  /** For `highest daily dose … within D`: D. */
  readonly highestWithin: Duration | undefined;
}

/**
 * `M daily dose [as T] increased within D`: on some day of the last D the daily dose was higher
 * than on an earlier day of it (its negation: stable or decreasing).
 */
export interface DoseIncrease extends NodeBase {
  readonly kind: 'DoseIncrease';
  /** The daily dose followed (never `highest`). */
  readonly dose: DailyDose;
  readonly duration: Duration;
}

/**
 * `M daily dose [as T] >= X for at least D [within [less than] W before screening]`: a course,
 * some run of consecutive days on each of which the daily dose passed the comparison (`>=` or
 * `>`), lasting at least D with both ends counted, that reaches into the window when one is
 * written (decide/doseCourse.ts).
 */
export interface DoseCourse extends NodeBase {
  readonly kind: 'DoseCourse';
  /** The comparison each day's dose is put to; its left side is the daily dose (never `highest`). */
  readonly test: CompareExpr;
  readonly duration: Duration;
  /** W, counted back from the screening date; undefined for any time up to it. */
  readonly window: Duration | undefined;
  /** `within less than W`: the day exactly W before the screening date is outside. */
  readonly strict: boolean;
}

/** `A + B`, `A - B`, `A * B`, `A / B`: arithmetic on quantities, units composed as UCUM does. */
export interface Arith extends NodeBase {
  readonly kind: 'Arith';
  readonly op: '+' | '-' | '*' | '/';
  readonly left: Value;
  readonly right: Value;
}

export interface IfExpr extends NodeBase {
  readonly kind: 'If';
  readonly condition: Expr;
  readonly then: Expr;
  readonly else: Expr;
}

/** `A unless B` = A and not B; B names an exception. */
export interface UnlessExpr extends NodeBase {
  readonly kind: 'Unless';
  readonly expr: Expr;
  readonly exception: Expr;
}

/**
 * `A given B`: A's value once B is true; unknown while B is false or unknown. An answer that
 * speaks for a record (the read of the screening MRI) decides only when that record exists.
 */
export interface GivenExpr extends NodeBase {
  readonly kind: 'Given';
  readonly expr: Expr;
  readonly premise: Expr;
}

/** Binary and left-associative: `a and b and c` is `(a and b) and c`. */
export interface BinaryExpr extends NodeBase {
  readonly kind: 'Binary';
  readonly op: 'and' | 'or';
  readonly left: Expr;
  readonly right: Expr;
}

export interface NotExpr extends NodeBase {
  readonly kind: 'Not';
  readonly operand: Expr;
}

export interface QuantifierExpr extends NodeBase {
  readonly kind: 'Quantifier';
  readonly quantifier: 'any' | 'all' | 'atLeast';
  /** N of `at least N of`. */
  readonly count: number | undefined;
  readonly operands: readonly Expr[];
}

export type CompareOp = '>=' | '>' | '<=' | '<' | '=' | '!=';

export interface CompareExpr extends NodeBase {
  readonly kind: 'Compare';
  readonly op: CompareOp;
  readonly left: Value;
  readonly right: Value;
}

/** Inclusive on both ends. */
export interface BetweenExpr extends NodeBase {
  readonly kind: 'Between';
  readonly value: Value;
  readonly low: Value;
  readonly high: Value;
}

export interface IsExpr extends NodeBase {
  readonly kind: 'Is';
  readonly subject: Value;
  readonly negated: boolean;
  /** `is known VALUE`: a result must show VALUE; none at all is not VALUE. */
  readonly known: boolean;
  /** `is only VALUE`: the latest day's results show VALUE and nothing else. */
  readonly only: boolean;
  readonly value: Identifier;
}

export interface ConditionTest extends NodeBase {
  readonly kind: 'ConditionTest';
  readonly subject: Ref;
  readonly qualifier: 'suspected' | 'ever' | 'resolvedMoreThan' | 'resolvedAtLeast';
  /** For `resolved more than D ago` and `resolved at least D ago`. */
  readonly duration: Duration | undefined;
}

export interface MedicationTest extends NodeBase {
  readonly kind: 'MedicationTest';
  readonly subject: Ref;
  /**
   * `for at least`, `for more than`; `stable for at least`: the same drug and daily dose over
   * the last D up to the screening date.
   */
  readonly qualifier: 'forAtLeast' | 'forMoreThan' | 'stableForAtLeast';
  readonly duration: Duration;
}

/**
 * `R within D before A`: a record dated in the D before A — a medication taken or an encounter
 * (a stay, a visit) under way at some time in it, a condition whose onset falls in it, a
 * procedure done in it. A is the screening date, or a
 * dated value: a result's date or a date answered on the screening form (a planned first dose).
 *
 * `Q within D before A`, `Q within D after A`: a date answered on the screening form (a last dose,
 * a planned departure) in the D up to A or from A on. Only a date's window may look forward, or
 * have a length computed from values (`5 * half_life`), which counts exactly, as hours do.
 */
export interface WithinTest extends NodeBase {
  readonly kind: 'WithinTest';
  readonly subject: Ref;
  /** A duration, or a computed time (a Value). */
  readonly duration: Duration | Value;
  readonly side: 'before' | 'after';
  readonly anchor: Ref | 'screening';
  /** `within less than D`: the day (or moment) exactly D from the anchor is outside the window. */
  readonly strict: boolean;
}

/**
 * `any L within D before A OP V`: some result of the lab L dated in the D before A passes the
 * comparison (`any body_temperature within 72 hours before enrollment_datetime > 38 Cel`), not
 * only the latest. The comparison is the one each result is put to; its left side is L.
 */
export interface AnyReading extends NodeBase {
  readonly kind: 'AnyReading';
  readonly test: CompareExpr;
  readonly duration: Duration;
  readonly anchor: Ref | 'screening';
  /** `within less than D`: a result exactly D before the anchor is outside the window. */
  readonly strict: boolean;
}

/** `A severe`: an allergy of high criticality or with a severe reaction. */
export interface SevereTest extends NodeBase {
  readonly kind: 'SevereTest';
  readonly subject: Ref;
}

/**
 * `V fell by at least N % within M months`; `V stable within N % for at least D`: every result of
 * the last D within N % of the last one before them.
 */
export interface TrendExpr extends NodeBase {
  readonly kind: 'Trend';
  readonly change: 'fell' | 'stable';
  readonly subject: Value;
  readonly percent: number;
  readonly duration: Duration;
}

export interface Ref extends NodeBase {
  readonly kind: 'Ref';
  readonly name: string;
  /** `serum_hcg within 7 days`: only results in the window before the screening date. */
  readonly window: Duration | undefined;
}

export interface QuantityLit extends NodeBase {
  readonly kind: 'Quantity';
  readonly value: number;
  /** UCUM code as written; undefined for a bare number. */
  readonly unit: UnitRef | undefined;
}

export interface LimitRef extends NodeBase {
  readonly kind: 'LimitRef';
  readonly limit: 'ULN' | 'LLN';
}

/** `3 x ULN`: the factor times the limit of the lab on the other side of the comparison. */
export interface LimitMultiple extends NodeBase {
  readonly kind: 'LimitMultiple';
  readonly factor: number;
  readonly limit: 'ULN' | 'LLN';
}

export interface Call extends NodeBase {
  readonly kind: 'Call';
  readonly callee: Identifier;
  readonly args: readonly Value[];
}

export interface LatestExpr extends NodeBase {
  readonly kind: 'Latest';
  readonly alternatives: readonly Value[];
}

export interface Duration extends NodeBase {
  readonly kind: 'Duration';
  readonly amount: number;
  readonly unit: 'hour' | 'day' | 'week' | 'month' | 'year';
}

export type Node =
  | Protocol
  | Cohort
  | Section
  | Criterion
  | Identifier
  | Declaration
  | LayWording
  | Binding
  | CodeFilter
  | CodePattern
  | ValueCode
  | AnswerType
  | UnitRef
  | Expr
  | LimitRef
  | Duration;
