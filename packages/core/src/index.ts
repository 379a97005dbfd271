/**
 * @eligo/core public API. Frontends import only from here.
 *
 * Pipeline: parse(source) → check(ast) → compile(source) → screen(protocol, input).
 * Every phase returns diagnostics as values and never throws on any input.
 */
export type * from './ast';
export type * from './diagnostics/diagnostic';
export { hasErrors, locate } from './diagnostics/diagnostic';
export * from './facts/shapes';
export type * from './protocol';
export { CODE_SYSTEMS } from './protocol';
export type * from './screen/types';
export { Source } from './source';

// -- syntax: parse, print, visit
export type { ParseResult } from './parse';
export { parse, parseExpression } from './parse';
export type { FormatResult } from './print';
export { format, print, printExpression } from './print';
export type { EnterLeave, VisitFn, Visitor as NodeVisitor } from './visitor';
export { CHILD_KEYS, children, visit, withoutSpans } from './visitor';

// -- checks and diagnostics
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
export { renderDiagnostic, renderDiagnostics } from './diagnostics/codeFrame';
export { didYouMean, editDistance, suggest } from './diagnostics/suggest';

// -- units, dates, intervals, calculators
export { bmi } from './calculators/bmi';
export { type CalculatorSex, ckdEpi2009, ckdEpi2021 } from './calculators/ckdEpi';
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
  formatDay,
  parseDate,
} from './time/dates';
export { compareNumbers, round12 } from './units/exact';
export {
  commensurable,
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

// -- facts schema and emitted types
export { emitTypes, typeNameOf } from './facts/emitTypes';
export {
  answersSchema,
  describeElement,
  factsSchema,
  inputJsonSchema,
  isFactElement,
  screeningInputSchema,
} from './facts/schema';

// -- compile, screen, fast path
export type { CompileResult, CompiledCohort, CompiledCriterion, CompiledProtocol } from './compile';
export { compile, hashOf } from './compile';
export type { FastResult } from './fast/verdicts';
export type { FastVerdicts, Funnel, FunnelCohort, FunnelCriterion, FunnelResult } from './screen/funnel';
export { createFunnel } from './screen/funnel';
export type { ParsedInput } from './screen/input';
export { parseScreeningInput } from './screen/input';
export { screen, verdictOf } from './screen/screen';

// -- code bindings
export { CODE_SYSTEM_ALIASES, canonicalSystem, matchesBinding, matchesCode } from './codes/match';
