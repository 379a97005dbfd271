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

// -- checks and diagnostics

// -- units, dates, intervals, calculators

// -- facts schema and emitted types

// -- compile, screen, fast path

// -- code bindings
export type { CompileResult, CompiledCohort, CompiledCriterion, CompiledProtocol } from './compile';
export { compile, hashOf } from './compile';
export type { FastResult } from './fast/verdicts';
export type { FastVerdicts, Funnel, FunnelCohort, FunnelCriterion, FunnelResult } from './screen/funnel';
export { createFunnel } from './screen/funnel';
export type { ParsedInput } from './screen/input';
export { parseScreeningInput } from './screen/input';
export { screen, verdictOf } from './screen/screen';
export { CODE_SYSTEM_ALIASES, canonicalSystem, matchesBinding, matchesCode } from './codes/match';
