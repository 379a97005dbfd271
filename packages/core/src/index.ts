/**
 * @eligo/core public API. Frontends import only from here.
 *
 * Pipeline: parse(source) → check(ast) → compile(source) → screen(protocol, input).
 * Every phase returns diagnostics as values and never throws on any input.
 */
export type * from './ast';
export { bmi } from './calculators/bmi';
export { type CalculatorSex, ckdEpi2009, ckdEpi2021, egfrRange } from './calculators/ckdEpi';
export { whoWeightAtZ, whoWeightForAgeZReported } from './calculators/weightForAge';
export type { CalculatorSignature, Parameter } from './check/calculators';
export { CALCULATORS } from './check/calculators';
export type { CheckOptions, CheckResult } from './check/check';
export { check, MAX_DIAGNOSTICS } from './check/check';
export type { CheckContext, Rule, Visitor } from './check/context';
export { specifiedRules } from './check/rules';
export type { SymbolInfo, SymbolKind } from './check/symbols';
export { describeSymbol, SymbolTable } from './check/symbols';
export type { ValueType } from './check/types';
export { describeType } from './check/types';
export {
  EQUIVALENCE_TABLE_NAMES,
  type EquivalenceEntry,
  type EquivalenceTable,
  equivalenceFactor,
  equivalenceTable,
} from './codes/equivalents';
export { CODE_SYSTEM_ALIASES, canonicalSystem, matchesBinding, matchesCode } from './codes/match';
export { ROUTE_WORDS, ROUTES, type RouteEntry, routeOfSnomed } from './codes/routes';
export type { CompiledCohort, CompiledCriterion, CompiledProtocol, CompileResult } from './compile';
export { compile, hashOf } from './compile';
export {
  CohortResultSchema,
  CompactCohortSchema,
  CompactScreeningSchema,
  CriterionInfoSchema,
  CriterionResultSchema,
  DiagnosticSchema,
  ElementInfoSchema,
  InputWarningSchema,
  ProtocolInfoSchema,
  ScreeningSchema,
  StatusSchema,
  TraceSchema,
  TrialMatchSchema,
  VerdictSchema,
} from './contracts';
export { renderDiagnostic, renderDiagnostics } from './diagnostics/codeFrame';
export type * from './diagnostics/diagnostic';
export { hasErrors, locate } from './diagnostics/diagnostic';
export { didYouMean, editDistance, suggest } from './diagnostics/suggest';
export { emitTypes, typeNameOf } from './facts/emitTypes';
export {
  answersSchema,
  describeElement,
  factsSchema,
  inputJsonSchema,
  isFactElement,
  screeningInputSchema,
} from './facts/schema';
export * from './facts/shapes';
export type { FastResult } from './fast/verdicts';
export { KEYWORDS } from './grammar/keywords';
export { exceededLimit, LIMITS, type Limits, type Measure, measure } from './limits';
export type { ParseResult } from './parse';
export { parse, parseExpression } from './parse';
export {
  CodeWriter,
  DateWriter,
  PopulationBuilder,
  type PopulationProblem,
  RecordWriter,
  ResultWriter,
} from './population/builder';
export * from './population/columns';
export { factsOf } from './population/materialize';
export { type PopulationVerdicts, VERDICT_CODES } from './population/screen';
export type { FormatResult } from './print';
export { format, print, printExpression } from './print';
export type * from './protocol';
export { CODE_SYSTEMS, ELEMENT_KINDS } from './protocol';
export {
  type CohortVerdictChange,
  type CriterionStatusChange,
  verdictChanges,
} from './screen/changes';
export {
  type CompactCohort,
  type CompactScreening,
  compactScreening,
  screenCompact,
  type UntracedScreening,
  withoutTraces,
} from './screen/compact';
export type { FastVerdicts, Funnel, FunnelCohort, FunnelCriterion, FunnelResult } from './screen/funnel';
export { createFunnel } from './screen/funnel';
export type { ParsedInput } from './screen/input';
export { parseScreeningInput } from './screen/input';
export { rankMatches, type TrialMatch } from './screen/matches';
export { type ScreenOptions, screen, verdictOf } from './screen/screen';
export type * from './screen/types';
export { Source } from './source';
export { addMonthsSql, SQL_DIALECTS, type SqlDialect, sessionSettings } from './sql/dialect';
export { funnelFromRow, funnelSql, type SqlFunnel, type SqlFunnelColumn } from './sql/funnel';
export {
  protocolToSql,
  type SqlCompileOptions,
  type SqlCompileResult,
  type SqlCriterionColumn,
  type SqlProblem,
  type SqlQuery,
} from './sql/query';
export {
  DEFAULT_TABLES,
  type SqlTableNames,
  TABLE_COLUMNS,
  tableDefinitions,
  unitsInDataSql,
} from './sql/tables';
export {
  addDays,
  addDuration,
  addMonths,
  addYears,
  ageInYears,
  ageRange,
  type DateRange,
  type DayNumber,
  dayFromIso,
  dayKey,
  formatDay,
  parseDate,
} from './time/dates';
export { compareNumbers, round12 } from './units/exact';
export {
  applyConversion,
  type Conversion,
  commensurable,
  conversionBetween,
  conversionFactor,
  convert,
  describeUnit,
  isValidUnit,
  suggestUnits,
  unitDimension,
} from './units/ucum';
export {
  compareIntervals,
  fromComparator,
  type Interval,
  type IntervalOp,
  point,
  scale,
  type Truth,
} from './values/interval';
export type { EnterLeave, VisitFn, Visitor as NodeVisitor } from './visitor';
export { CHILD_KEYS, children, visit, withoutSpans } from './visitor';
