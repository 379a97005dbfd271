import { CODE_SYSTEMS, type ElementInfo, type ElementKind, type Measurement, matchesCode } from '@eligo/core';
import type { CodeableConcept, Entry, Observation, Quantity } from '../bundle';
import { isAfter, toRecordDate } from '../dates';
import { matchConcepts } from '../elements';
import { commensurable, isValidUnit } from '../units';
import {
  methodProblem,
  statusProblem,
  unclassifiedValue,
  unitFromText,
  unitProblem,
  valueProblem,
} from '../warnings';
import { codingsOf } from './codings';
import type { Reading } from './context';
import { methodOf } from './method';
import { addStudy } from './study';

export const UCUM = 'http://unitsofmeasure.org';

/**
 * Observation statuses that count. `final`, `amended` and `corrected` are verified results;
 * `registered` and `preliminary` may still change and `unknown` says nothing, so those are not
 * counted but reported (W-FHIR-STATUS); `cancelled` and `entered-in-error` never count and are
 * dropped silently. An Observation without a status (invalid R4, but common) counts.
 */
const COUNTED = new Set(['final', 'amended', 'corrected', undefined]);
const NEVER = new Set(['cancelled', 'entered-in-error']);

/** Qualitative results in standard codes, and the Eligo value each means. */
const CODED_RESULTS: Readonly<Record<string, 'positive' | 'negative'>> = {
  [`${CODE_SYSTEMS.snomed}|10828004`]: 'positive', // Positive
  [`${CODE_SYSTEMS.snomed}|260385009`]: 'negative', // Negative
  [`${CODE_SYSTEMS.snomed}|260373001`]: 'positive', // Detected
  [`${CODE_SYSTEMS.snomed}|260415000`]: 'negative', // Not detected
  [`${CODE_SYSTEMS.snomed}|11214006`]: 'positive', // Reactive
  [`${CODE_SYSTEMS.snomed}|131194007`]: 'negative', // Non-reactive
};

const DEFAULT_VALUES = ['positive', 'negative'] as const;

/** Observations whose code no element binds, counted per code for one warning each. */
export type Unmapped = Map<string, { system: string; code: string; count: number; path: string }>;

/** The date of a result: when it was taken, else when it was issued; its moment when timed. */
function observationDate(o: Observation): string | undefined {
  const date = o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.effectiveInstant ?? o.issued;
  return date === undefined ? undefined : toRecordDate(date);
}

const RESULT_KINDS: readonly ElementKind[] = ['lab', 'test'];
const STUDY_KINDS: readonly ElementKind[] = ['procedure'];

export function readObservation(reading: Reading, entry: Entry<Observation>, unmapped: Unmapped): void {
  const o = entry.resource;
  if (NEVER.has(o.status as string)) return;
  const date = observationDate(o);
  if (date !== undefined && isAfter(date, reading.asOf)) return;

  const concepts = [o.code];
  const matches = matchConcepts(reading.info, RESULT_KINDS, concepts);
  const procedures = matchConcepts(reading.info, STUDY_KINDS, concepts);
  if (matches.length === 0 && procedures.length === 0) {
    noteUnmapped(unmapped, o.code, entry.path);
    return;
  }
  if (!COUNTED.has(o.status)) {
    reading.warn(
      statusProblem(
        `${entry.path}.status`,
        `an Observation with status '${o.status}' is not counted`,
        (matches[0] ?? procedures[0])?.element.id,
      ),
    );
    return;
  }
  if (procedures.length > 0) addStudy(reading, 'Observation', entry.path, date, procedures);
  for (const { element } of matches) {
    const method = methodOf(element, o.method);
    if (method === 'no') continue;
    if (method === 'unknown') {
      const recorded =
        o.method === undefined
          ? 'the Observation records no method'
          : `its method is coded in no system of ${element.id}'s methods`;
      reading.warn(
        methodProblem(element.id, `${entry.path}.${o.method === undefined ? 'code' : 'method'}`, recorded),
      );
      continue;
    }
    const result = readResult(reading, element, o, entry.path);
    if (result === undefined) continue;
    reading.add(element.id, date === undefined ? result : { ...result, date });
  }
}

function noteUnmapped(unmapped: Unmapped, concept: CodeableConcept, path: string): void {
  const coding = concept.coding?.find((c) => c.code !== undefined) ?? concept.coding?.[0];
  const system = coding?.system ?? '(no system)';
  const code = coding?.code ?? concept.text ?? '(no code)';
  const key = `${system}|${code}`;
  const seen = unmapped.get(key);
  if (seen) seen.count++;
  else unmapped.set(key, { system, code, count: 1, path: `${path}.code` });
}

/**
 * An Observation's value as a result of `element`: a quantity; an integer (a score); a coded result
 * (a standard positive/negative, a code or text naming one of the element's values, or, for a
 * numeric element, the coding's ordinal value); a yes/no; a text naming a value (or a plain number
 * for a dimensionless element). Anything else is reported and reads as missing.
 */
function readResult(
  reading: Reading,
  element: ElementInfo,
  o: Observation,
  path: string,
): Measurement | undefined {
  if (o.valueQuantity !== undefined) {
    return readQuantityResult(reading, element, o, path);
  }
  if (o.valueInteger !== undefined) {
    return readNumber(reading, element, o, o.valueInteger, path, 'valueInteger');
  }
  if (o.valueCodeableConcept !== undefined) {
    return readCodedResult(reading, element, o, o.valueCodeableConcept, path);
  }
  if (o.valueBoolean !== undefined) {
    const code = booleanValue(element, o.valueBoolean);
    if (code === undefined) {
      reading.warn(
        valueProblem(
          element.id,
          `${path}.valueBoolean`,
          `the yes/no result (${o.valueBoolean}) is none of ${element.id}'s values (${allowedValues(element).join(', ')})`,
        ),
      );
    }
    return code === undefined ? undefined : { code };
  }
  if (o.valueString !== undefined) {
    const code = textValue(element, o.valueString);
    if (code !== undefined) return { code };
    if (PLAIN_NUMBER.test(o.valueString.trim()) && numeric(element) && unitless(element.unit)) {
      return readNumber(reading, element, o, Number(o.valueString.trim()), path, 'valueString');
    }
    reading.warn(
      valueProblem(
        element.id,
        `${path}.valueString`,
        `the result text is none of ${element.id}'s values (${allowedValues(element).join(', ')})`,
      ),
    );
    return undefined;
  }
  const other = Object.keys(o).find((key) => key.startsWith('value'));
  if (other !== undefined) {
    reading.warn(valueProblem(element.id, `${path}.${other}`, `a ${other} result cannot be read`));
    return undefined;
  }
  const absent =
    o.dataAbsentReason?.coding?.find((c) => c.code !== undefined)?.code ?? o.dataAbsentReason?.text;
  const why = absent === undefined ? '' : ` (dataAbsentReason '${absent}')`;
  reading.warn(valueProblem(element.id, path, `the Observation has no value${why}`));
  return undefined;
}

const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Elements whose results are numbers: labs. A test's results are codes (and, at times, numbers). */
const numeric = (element: ElementInfo) => element.kind === 'lab';

/**
 * A number without a unit (an integer, an ordinal, a numeric text): the element's unit when that is
 * a pure number (`1`, `{score}`, `{INR}`) or the element has none, else reported and dropped.
 */
function readNumber(
  reading: Reading,
  element: ElementInfo,
  o: Observation,
  value: number,
  path: string,
  field: string,
): Measurement | undefined {
  if (!unitless(element.unit)) {
    reading.warn(
      unitProblem(
        element.id,
        `${path}.${field}`,
        `a ${field} result has no unit (expected one convertible to ${element.unit})`,
      ),
    );
    return undefined;
  }
  const measurement: Measurement = { value };
  if (element.unit !== undefined) measurement.unit = element.unit;
  const range = referenceRange(reading, element, o, element.unit, path);
  if (range !== undefined) measurement.referenceRange = range;
  return measurement;
}

/** The extension that gives a coded answer a number: R4's ordinalValue, since renamed itemWeight. */
const ORDINAL_EXTENSIONS = new Set([
  'http://hl7.org/fhir/StructureDefinition/ordinalValue',
  'http://hl7.org/fhir/StructureDefinition/itemWeight',
]);

/** The ordinal value a coding carries, read defensively: extensions are not validated. */
function ordinalOf(coding: object): number | undefined {
  const extensions = (coding as { extension?: unknown }).extension;
  if (!Array.isArray(extensions)) return undefined;
  for (const extension of extensions) {
    if (typeof extension !== 'object' || extension === null) continue;
    const { url, valueDecimal, valueInteger } = extension as Record<string, unknown>;
    if (typeof url !== 'string' || !ORDINAL_EXTENSIONS.has(url)) continue;
    const value = valueDecimal ?? valueInteger;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  return undefined;
}

function readCodedResult(
  reading: Reading,
  element: ElementInfo,
  o: Observation,
  concept: CodeableConcept,
  path: string,
): Measurement | undefined {
  const bound = boundValue(element, concept);
  if (bound !== undefined) {
    if (!numeric(element)) return { code: bound };
    return readNumber(reading, element, o, Number(bound), path, 'valueCodeableConcept');
  }
  if (numeric(element)) {
    for (const coding of concept.coding ?? []) {
      const ordinal = ordinalOf(coding);
      if (ordinal !== undefined)
        return readNumber(reading, element, o, ordinal, path, 'valueCodeableConcept');
    }
  }
  const code = codedValue(element, concept);
  if (code !== undefined) return { code };
  const shown = describeConcept(concept);
  const ordinal = numeric(element) ? ' and carries no ordinal value' : '';
  reading.warn(
    unclassifiedValue(
      element.id,
      `${path}.valueCodeableConcept`,
      `the coded result ${shown} is none of ${element.id}'s values (${allowedValues(element).join(', ')})${ordinal}`,
    ),
  );
  // Still a result: an "Indeterminate" is not "no result", so it must not let `is known positive`
  // read as not met, nor let an older result stand in for it. Its code names no value.
  return { code: shown };
}

/** The value a coding's system and code are bound to in the element's `values … = snomed …`. */
function boundValue(element: ElementInfo, concept: CodeableConcept): string | undefined {
  if (!element.valueCodes?.length) return undefined;
  for (const coding of concept.coding ?? []) {
    if (coding.system === undefined || coding.code === undefined) continue;
    const system = coding.system.replace(/\/+$/, '');
    const found = element.valueCodes.find((v) => v.system === system && v.code === coding.code);
    if (found !== undefined) return found.value;
  }
  return undefined;
}

function readQuantityResult(
  reading: Reading,
  element: ElementInfo,
  o: Observation,
  observationPath: string,
): Measurement | undefined {
  const q = o.valueQuantity as Quantity;
  const path = `${observationPath}.valueQuantity`;
  if (q.value === undefined) {
    reading.warn(valueProblem(element.id, `${path}.value`, 'the quantity has no value'));
    return undefined;
  }
  const unit = quantityUnit(reading, element, q, path, undefined);
  if (unit === null) return undefined;
  const measurement: Measurement = { value: q.value };
  if (unit !== undefined) measurement.unit = unit;
  if (q.comparator !== undefined) measurement.comparator = q.comparator;
  const range = referenceRange(reading, element, o, unit, observationPath);
  if (range !== undefined) measurement.referenceRange = range;
  return measurement;
}

/** A unit Eligo can use in place of none: pure numbers and annotations such as `{INR}`. */
function unitless(unit: string | undefined): boolean {
  return unit === undefined || unit === '1' || /^\{[^}]*\}$/.test(unit);
}

/**
 * The UCUM unit of a quantity: its `code` when the system is UCUM (or not given); failing
 * that its human-readable `unit`, with a warning. `undefined` when it has none and needs none
 * (a test result, or a lab whose unit is a pure number); `null` when the value must be
 * dropped, with the warning given.
 */
function quantityUnit(
  reading: Reading,
  element: ElementInfo,
  q: Quantity,
  path: string,
  against: string | undefined,
): string | undefined | null {
  const target = against ?? element.unit;
  let unit: string | undefined;
  if (q.system !== undefined && q.system !== UCUM) {
    reading.warn(unitProblem(element.id, `${path}.system`, `the unit is coded in ${q.system}, not UCUM`));
    return null;
  }
  if (q.code !== undefined) unit = q.code;
  else if (q.unit !== undefined) {
    unit = q.unit;
    reading.warn(unitFromText(element.id, `${path}.unit`, q.unit));
  }
  if (unit === undefined) {
    if (unitless(target)) return undefined;
    reading.warn(
      unitProblem(element.id, path, `the quantity has no unit (expected one convertible to ${target})`),
    );
    return null;
  }
  const where = q.code !== undefined ? `${path}.code` : `${path}.unit`;
  if (!isValidUnit(unit)) {
    reading.warn(unitProblem(element.id, where, `'${unit}' is not a valid UCUM unit`));
    return null;
  }
  if (target !== undefined && !commensurable(unit, target, element.molarMass)) {
    reading.warn(unitProblem(element.id, where, `'${unit}' cannot be converted to ${target}`));
    return null;
  }
  return unit;
}

/**
 * The first reference range with a limit; for a lab declared with `range for …`, the first whose
 * appliesTo names one of its codes, else the first (which the evaluator then reads as no limit).
 * What a range applies to is kept with it. Limits in the value's unit (or with no unit) need
 * none; a range whose limits are in another unit keeps that unit, and one Eligo cannot read is
 * dropped with a warning (the value itself is kept).
 */
function referenceRange(
  reading: Reading,
  element: ElementInfo,
  o: Observation,
  valueUnit: string | undefined,
  path: string,
): Measurement['referenceRange'] {
  const ranges = o.referenceRange;
  if (ranges === undefined) return undefined;
  const index = chosenRange(ranges, element.rangeFor);
  if (index < 0) return undefined;
  const range = ranges[index]!;
  const out: NonNullable<Measurement['referenceRange']> = {};
  const appliesTo = codingsOf(range.appliesTo);
  if (appliesTo.length > 0) out.appliesTo = appliesTo;
  // The limits' unit, the first one given, and whether the other limit gives a different one.
  let unit: string | undefined;
  let mixed = false;
  for (const side of SIDES) {
    const q = range[side];
    if (q?.value === undefined) continue;
    const hasUnit = q.code !== undefined || q.unit !== undefined;
    const here = `${path}.referenceRange[${index}].${side}`;
    const sideUnit = hasUnit ? quantityUnit(reading, element, q, here, valueUnit ?? element.unit) : valueUnit;
    if (sideUnit === null) return undefined;
    if (unit === undefined) unit = sideUnit;
    else if (sideUnit !== undefined && sideUnit !== unit) mixed = true;
    out[side] = q.value;
  }
  if (mixed) {
    reading.warn(
      unitProblem(
        element.id,
        `${path}.referenceRange[${index}]`,
        'the reference range limits are in different units',
      ),
    );
    return undefined;
  }
  if (unit !== undefined && unit !== valueUnit) out.unit = unit;
  return out;
}

type Range = NonNullable<Observation['referenceRange']>[number];

const SIDES = ['low', 'high'] as const;

const limited = (r: Range) => r.low?.value !== undefined || r.high?.value !== undefined;

function appliesTo(r: Range, wanted: NonNullable<ElementInfo['rangeFor']>): boolean {
  return codingsOf(r.appliesTo).some((c) => wanted.codes.some((p) => matchesCode(p, c.system, c.code)));
}

/** The index of the range `referenceRange` reads (see there), or -1. */
function chosenRange(ranges: readonly Range[], wanted: ElementInfo['rangeFor']): number {
  if (wanted !== undefined) {
    for (let i = 0; i < ranges.length; i++) {
      const r = ranges[i]!;
      if (limited(r) && appliesTo(r, wanted)) return i;
    }
  }
  return ranges.findIndex(limited);
}

function allowedValues(element: ElementInfo): readonly string[] {
  return element.values && element.values.length > 0 ? element.values : DEFAULT_VALUES;
}

const normalize = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '_');

const YES = ['true', 'yes', 'positive', 'present', 'detected'];
const NO = ['false', 'no', 'negative', 'absent', 'not_detected'];

/** A yes/no result as the element's value that means yes (or no): `yes`, `positive`, `present` … */
function booleanValue(element: ElementInfo, value: boolean): string | undefined {
  const allowed = allowedValues(element);
  for (const word of value ? YES : NO) {
    const found = allowed.find((v) => normalize(v) === word);
    if (found !== undefined) return found;
  }
  return undefined;
}

function textValue(element: ElementInfo, text: string): string | undefined {
  const wanted = normalize(text);
  return allowedValues(element).find((v) => normalize(v) === wanted);
}

/**
 * A coded result as one of the element's values: a standard positive/negative code when the
 * element takes that value, else a coding's code or display, or the concept's text, that names
 * one of the element's values.
 */
function codedValue(element: ElementInfo, concept: CodeableConcept): string | undefined {
  const allowed = allowedValues(element);
  for (const coding of concept.coding ?? []) {
    if (coding.system === undefined || coding.code === undefined) continue;
    const standard = CODED_RESULTS[`${coding.system.replace(/\/+$/, '')}|${coding.code}`];
    if (standard !== undefined && allowed.includes(standard)) return standard;
  }
  const texts = [...(concept.coding ?? []).flatMap((c) => [c.code, c.display]), concept.text];
  for (const text of texts) {
    if (text === undefined) continue;
    const found = textValue(element, text);
    if (found !== undefined) return found;
  }
  return undefined;
}

function describeConcept(concept: CodeableConcept): string {
  const coding = concept.coding?.[0];
  if (coding?.code !== undefined) return `${coding.system ?? '(no system)'}|${coding.code}`;
  return concept.text !== undefined ? `'${concept.text}'` : '(empty)';
}
