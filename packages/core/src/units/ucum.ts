/// <reference path="./ucum-lhc.d.ts" />

import type { UcumUnit } from '@lhncbc/ucum-lhc/source-cjs/ucumPkg.js';
import * as ucumModule from '@lhncbc/ucum-lhc/source-cjs/ucumPkg.js';
import { round12 } from './exact';

/**
 * Everything Eligo knows about units comes from UCUM through @lhncbc/ucum-lhc; this file only
 * caches its answers and turns them into the few questions the checker and evaluator ask. The
 * library loads its definitions from a JSON file inside the package (a bundler inlines it), so it
 * works in the browser with no network access.
 *
 * UCUM counts moles as a plain number (6.022e23), so `umol/L` and `10*9/L` share a dimension
 * vector. Like the library's own converter, we keep them apart: a dimension also records the
 * powers of mole and equivalent, and bridging mass and substance needs a molar mass.
 */

// The package is CommonJS marked `__esModule`: bundlers and Node's ESM loader expose its exports
// by name, while loaders that honour the marker leave `default` empty; either way one of the
// two holds the library.
const UcumLhcUtils = ucumModule.UcumLhcUtils ?? ucumModule.default?.UcumLhcUtils;
if (!UcumLhcUtils) throw new Error('@lhncbc/ucum-lhc did not load');
const utils = UcumLhcUtils.getInstance();

/**
 * Unit strings come from patient input too, so every cache below is bounded: a long-running service
 * sent endless distinct strings keeps at most this many answers per cache, dropping the oldest.
 */
export const UNIT_CACHE_LIMIT = 4096;

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= UNIT_CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
}

/** How many answers each unit cache holds now (for the test that bounds them). */
export function unitCacheSizes(): readonly number[] {
  return [parsed.size, factors.size, conversions.size];
}

const parsed = new Map<string, UcumUnit | null>();

/** The parsed unit for a valid code, or null. */
function unitOf(code: string): UcumUnit | null {
  let unit = parsed.get(code);
  if (unit === undefined) {
    unit = null;
    // UCUM has no blanks; the library also prints to stdout when handed one, which would corrupt a
    // command's JSON output, so such strings never reach it.
    if (code !== '' && !/\s/.test(code) && !namesObjectMember(code)) {
      const validation = utils.validateUnitString(code, false);
      if (validation.status === 'valid') unit = utils.getSpecifiedUnit(code, 'validate', false).unit;
    }
    remember(parsed, code, unit);
  }
  return unit;
}

/**
 * The library looks unit atoms up in plain objects, where every name of `Object.prototype` is
 * found too: `toString` passed as a valid unit, and `mg/toString` or `g.constructor` made it print
 * to stdout (in the service, the log) with the text quoted. No UCUM atom contains such a name, so
 * codes that do (outside `{…}` annotations, which are free text) never reach it.
 */
const OBJECT_MEMBER =
  /__proto__|constructor|hasOwnProperty|isPrototypeOf|propertyIsEnumerable|toLocaleString|toString|valueOf|__(?:define|lookup)[GS]etter__/;

function namesObjectMember(code: string): boolean {
  return OBJECT_MEMBER.test(code.replace(/\{[^}]*\}/g, ''));
}

export function isValidUnit(code: string): boolean {
  return unitOf(code) !== null;
}

/**
 * UCUM's own corrections for an invalid code, each valid and different from the input: the
 * bracketed form it proposes (`IU/L` → `[IU]/L`), then its candidates for the part it could not
 * read, put back into the whole expression (`mcg/L` → `ug/L`). Empty when UCUM offers nothing
 * usable; its number-splitting guess (`1.73m2` → `1.(73.m2)`) changes the meaning and is dropped.
 */
export function suggestUnits(code: string): string[] {
  if (code.trim() === '' || isValidUnit(code) || namesObjectMember(code)) return [];
  if (/\s/.test(code)) {
    const joined = code.replace(/\s+/g, '');
    return isValidUnit(joined) ? [joined] : [];
  }
  const validation = utils.validateUnitString(code, true);
  const simple: string[] = [];
  const compound: string[] = [];
  if (
    validation.ucumCode &&
    validation.msg.some((m) => /is not a valid unit expression, but .* is\./.test(m))
  ) {
    simple.push(validation.ucumCode);
  }
  for (const suggestion of validation.suggestions ?? []) {
    if (!suggestion.invalidUnit || !code.includes(suggestion.invalidUnit)) continue;
    for (const [candidate] of suggestion.units) {
      const whole = code.replace(suggestion.invalidUnit, candidate);
      (/[./]/.test(candidate) ? compound : simple).push(whole);
    }
  }
  const seen = new Set<string>([code]);
  const out: string[] = [];
  for (const candidate of [...simple, ...compound]) {
    if (seen.has(candidate) || !isValidUnit(candidate)) continue;
    seen.add(candidate);
    out.push(candidate);
    if (out.length === 5) break;
  }
  return out;
}

/**
 * A key for what a unit measures: equal keys ⇔ the units convert into each other without extra
 * data. Arbitrary units (`[IU]/L`) convert to nothing, not even to other arbitrary units, so
 * their key is the code itself.
 */
export function unitDimension(code: string): string | undefined {
  const unit = unitOf(code);
  if (!unit) return undefined;
  if (unit.isArbitrary_) return `arbitrary ${code}`;
  return `${(unit.dim_?.dimVec_ ?? []).join(',')};mol^${unit.moleExp_};eq^${unit.equivalentExp_}`;
}

// Positions in UCUM's dimension vector: metre, second, gram, radian, kelvin, coulomb, candela.
const [L, T, M, A, K, Q, F] = [0, 1, 2, 3, 4, 5, 6] as const;

/**
 * Names of the kinds of quantity clinical criteria compare, keyed by exponents
 * (length, time, mass, mole; every other base exponent zero). UCUM's per-unit property data is
 * used only where this has no name: it is attached to whole table entries, not to parsed
 * expressions, and is sometimes wrong for clinical units (`mL/min/{1.73_m2}` is listed as a volume).
 */
const KINDS: Record<string, string> = {
  '0,0,0,0': 'ratio',
  '-3,0,1,0': 'mass concentration',
  '-3,0,0,1': 'substance concentration',
  '-3,0,0,0': 'number concentration',
  '-3,-1,0,1': 'catalytic concentration',
  '0,1,0,0': 'time',
  '0,0,1,0': 'mass',
  '1,0,0,0': 'length',
  '2,0,0,0': 'area',
  '3,0,0,0': 'volume',
  '0,0,0,1': 'amount of substance',
  '0,-1,0,0': 'rate',
  '0,-1,1,0': 'mass rate',
  '3,-1,0,0': 'volume rate',
  '0,-1,0,1': 'catalytic activity',
  '-2,0,1,0': 'mass per area',
  '-1,-2,1,0': 'pressure',
  '0,0,1,-1': 'molar mass',
  '0,0,-1,1': 'substance content',
};

/** LOINC property codes that UCUM's table attaches to units, for kinds `KINDS` does not name. */
const LOINC_PROPERTIES: Record<string, string> = {
  ACnc: 'arbitrary concentration',
  Arb: 'arbitrary amount',
  MCnc: 'mass concentration',
  SCnc: 'substance concentration',
  NCnc: 'number concentration',
  NCncn: 'number concentration',
  CCnc: 'catalytic concentration',
  MRat: 'mass rate',
  SRat: 'substance rate',
  VRat: 'volume rate',
  Time: 'time',
  Mass: 'mass',
  Len: 'length',
  Vol: 'volume',
  Area: 'area',
  Pres: 'pressure',
  Temp: 'temperature',
  Eng: 'energy',
  Enrg: 'energy',
  Vel: 'velocity',
  Osmol: 'osmolality',
  LogCnc: 'logarithm of concentration',
  ArMass: 'mass per area',
  MCnt: 'mass content',
  SCnt: 'substance content',
  CCnt: 'catalytic content',
  NRat: 'rate',
  Angle: 'angle',
};

/**
 * A human name of what the unit measures ("mass concentration", "time", "ratio"); '' for an
 * invalid unit or one whose kind has no name.
 */
export function describeUnit(code: string): string {
  const unit = unitOf(code);
  if (!unit) return '';
  const v = unit.dim_?.dimVec_ ?? [];
  const at = (i: number) => v[i] ?? 0;
  if (unit.isArbitrary_) {
    return at(L) === -3 ? 'arbitrary concentration' : 'arbitrary amount';
  }
  const others = at(A) === 0 && at(Q) === 0 && at(F) === 0;
  if (others && at(K) === 1 && at(L) === 0 && at(T) === 0 && at(M) === 0 && unit.moleExp_ === 0) {
    return 'temperature';
  }
  if (others && at(K) === 0) {
    // An equivalent is a mole of charge: meq/L is a substance concentration.
    const moles = unit.moleExp_ + unit.equivalentExp_;
    const kind = KINDS[`${at(L)},${at(T)},${at(M)},${moles}`];
    if (kind) return kind;
  }
  const property = unit.loincProperty_?.trim();
  if (property && LOINC_PROPERTIES[property]) return LOINC_PROPERTIES[property];
  return '';
}

function validMolarMass(molarMass: number | undefined): number | undefined {
  return molarMass !== undefined && Number.isFinite(molarMass) && molarMass > 0 ? molarMass : undefined;
}

/** Whether a value in `a` can be expressed in `b`; a molar mass (g/mol) bridges mass and substance. */
export function commensurable(a: string, b: string, molarMass?: number): boolean {
  const da = unitDimension(a);
  const db = unitDimension(b);
  if (da === undefined || db === undefined) return false;
  if (da === db) return true;
  return validMolarMass(molarMass) !== undefined && conversionFactor(a, b, molarMass) !== undefined;
}

const factors = new Map<string, number | null>();

/**
 * The number that turns a value in `from` into one in `to`, rounded to 12 significant digits so
 * that decimal factors are exact (10*3/uL → 10*9/L is 1, not 0.9999999999999999). Undefined for
 * invalid or incommensurable units, for mass ↔ substance without a molar mass, and for units on
 * a non-linear scale (Cel, [pH]), which have no single factor: use `convert` for those.
 */
export function conversionFactor(from: string, to: string, molarMass?: number): number | undefined {
  const mass = validMolarMass(molarMass);
  const key = `${from}\u0000${to}\u0000${mass ?? ''}`;
  let factor = factors.get(key);
  if (factor === undefined) {
    factor = computeFactor(from, to, mass);
    remember(factors, key, factor);
  }
  return factor ?? undefined;
}

function computeFactor(from: string, to: string, molarMass: number | undefined): number | null {
  const a = unitOf(from);
  const b = unitOf(to);
  if (!a || !b) return null;
  if (from === to) return 1;
  if (a.isArbitrary_ || b.isArbitrary_ || a.isSpecial_ || b.isSpecial_) return null;
  const sameKind = unitDimension(from) === unitDimension(to);
  if (!sameKind && molarMass === undefined) return null;
  const result = utils.convertUnitTo(from, 1, to, sameKind ? {} : { molecularWeight: molarMass as number });
  if (result.status !== 'succeeded' || result.toVal === null || !Number.isFinite(result.toVal)) {
    return null;
  }
  return round12(result.toVal);
}

/**
 * `value` expressed in `to`, rounded to 12 significant digits; undefined when the units do not
 * convert (see `conversionFactor`). Units on a non-linear scale go through UCUM's own converter.
 */
export function convert(value: number, from: string, to: string, molarMass?: number): number | undefined {
  const a = unitOf(from);
  const b = unitOf(to);
  if (!a || !b || !Number.isFinite(value)) return undefined;
  if ((a.isSpecial_ || b.isSpecial_) && from !== to) {
    if (a.isArbitrary_ || b.isArbitrary_ || unitDimension(from) !== unitDimension(to)) return undefined;
    const result = utils.convertUnitTo(from, value, to, {});
    return result.status === 'succeeded' && result.toVal !== null ? round12(result.toVal) : undefined;
  }
  const factor = conversionFactor(from, to, molarMass);
  return factor === undefined ? undefined : round12(value * factor);
}

/**
 * How a value in one unit becomes a value in another: `value × factor + offset`. Ratio units need
 * a factor only (offset 0); UCUM's offset scales (`Cel`, `[degF]`) need both: 99.5 [degF] is
 * 37.5 Cel. Comparisons and reading code apply it through `applyConversion`.
 */
export interface Conversion {
  readonly factor: number;
  readonly offset: number;
}

const conversions = new Map<string, Conversion | null>();

/**
 * The conversion from `from` to `to`: the factor of `conversionFactor` for ratio units, and for
 * units on an offset scale (temperatures) the straight line through UCUM's own conversions.
 * Undefined where no such line exists (`[pH]`, a logarithm) or the units do not convert.
 */
export function conversionBetween(from: string, to: string, molarMass?: number): Conversion | undefined {
  const mass = validMolarMass(molarMass);
  const key = `${from}\u0000${to}\u0000${mass ?? ''}`;
  let conversion = conversions.get(key);
  if (conversion === undefined) {
    const factor = conversionFactor(from, to, mass);
    conversion = factor !== undefined ? { factor, offset: 0 } : affineConversion(from, to);
    remember(conversions, key, conversion);
  }
  return conversion ?? undefined;
}

/**
 * A special unit's conversion as a line, read off UCUM at 0 and 1000 and checked at other points,
 * so a scale that is not a line (a logarithm) has none. The factor and offset carry no rounding;
 * `applyConversion` rounds the result to 12 significant digits.
 */
function affineConversion(from: string, to: string): Conversion | null {
  const a = unitOf(from);
  const b = unitOf(to);
  if (!a || !b || a.isArbitrary_ || b.isArbitrary_ || !(a.isSpecial_ || b.isSpecial_)) return null;
  if (unitDimension(from) !== unitDimension(to)) return null;
  const at = (value: number): number | undefined => {
    const result = utils.convertUnitTo(from, value, to, {});
    return result.status === 'succeeded' && result.toVal !== null && Number.isFinite(result.toVal)
      ? result.toVal
      : undefined;
  };
  const zero = at(0);
  const thousand = at(1000);
  if (zero === undefined || thousand === undefined) return null;
  const line = { factor: (thousand - zero) / 1000, offset: zero };
  for (const probe of [-40, 1, 37, 98.6, 500]) {
    const expected = at(probe);
    if (expected === undefined) return null;
    if (Math.abs(applyConversion(line, probe) - expected) > 1e-9 * Math.max(1, Math.abs(expected)))
      return null;
  }
  return line;
}

/** `value` converted: exactly the factor's product for ratio units, rounded to 12 digits across an offset. */
export function applyConversion(conversion: Conversion, value: number): number {
  return applyLine(conversion.factor, conversion.offset, value);
}

/** `applyConversion` on a conversion kept as two numbers (the population's columns keep them apart). */
export function applyLine(factor: number, offset: number, value: number): number {
  return offset === 0 ? value * factor : round12(value * factor + offset);
}
