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

// -- checks and diagnostics

// -- units, dates, intervals, calculators

// -- facts schema and emitted types

// -- compile, screen, fast path

// -- code bindings
export { CODE_SYSTEM_ALIASES, canonicalSystem, matchesBinding, matchesCode } from './codes/match';
