import { compile } from '@eligo/core';
import { bundleToFacts } from '@eligo/fhir';
import { readProtocolSource } from '@eligo/protocols';
import { describe, expect, it } from 'vitest';
import { OBSERVATION_FIELDS_READ, observationKey, observationTemplates } from './observationTemplates';

const { protocol } = compile(readProtocolSource('NCT06469190').text);
const asOf = '2025-03-15';

/** An Observation that records which of its own fields are looked at, and whether its keys are listed. */
function watched(resource: Record<string, unknown>, seen: Set<string>) {
  return new Proxy(resource, {
    get(target, key, receiver) {
      if (typeof key === 'string') seen.add(key);
      return Reflect.get(target, key, receiver);
    },
    ownKeys(target) {
      seen.add('(its keys)');
      return Reflect.ownKeys(target);
    },
  });
}

const quantity = (value: number, unit: string) => ({
  value,
  unit,
  system: 'http://unitsofmeasure.org',
  code: unit,
});
const code = (system: string, c: string) => ({ coding: [{ system, code: c }] });

describe('Observations read per distinct shape', () => {
  it('keys every field @eligo/fhir reads on an Observation, so a new one is not left out of the key', () => {
    const everything = {
      resourceType: 'Observation',
      id: 'o1',
      meta: { lastUpdated: '2025-01-01T00:00:00Z' },
      identifier: [{ system: 'urn:x', value: '1' }],
      status: 'final',
      category: [code('http://terminology.hl7.org/CodeSystem/observation-category', 'laboratory')],
      subject: { reference: 'Patient/p1' },
      encounter: { reference: 'Encounter/e1' },
      performer: [{ reference: 'Practitioner/x' }],
      interpretation: [code('http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', 'H')],
      note: [{ text: 'a note' }],
      specimen: { reference: 'Specimen/s1' },
      component: [{ code: code('http://loinc.org', '8480-6'), valueQuantity: quantity(120, 'mm[Hg]') }],
      hasMember: [{ reference: 'Observation/o2' }],
      derivedFrom: [{ reference: 'Observation/o3' }],
      bodySite: code('http://snomed.info/sct', '368209003'),
      effectiveDateTime: '2025-02-01',
      issued: '2025-02-01T10:00:00Z',
      referenceRange: [{ low: quantity(3.5, '10*9/L'), high: quantity(9.5, '10*9/L') }],
    };
    const seen = new Set<string>();
    // Results of every kind the reader has a branch for: a quantity, a coded result, a text, none.
    const observations = [
      { ...everything, code: code('http://loinc.org', '26464-8'), valueQuantity: quantity(5.9, '10*9/L') },
      {
        ...everything,
        code: code('http://loinc.org', '16128-1'),
        valueCodeableConcept: code('http://snomed.info/sct', '260385009'),
      },
      { ...everything, code: code('http://loinc.org', '16128-1'), valueString: 'negative' },
      {
        ...everything,
        code: code('http://loinc.org', '26464-8'),
        valueRange: { low: quantity(1, '10*9/L') },
      },
      {
        ...everything,
        code: code('http://loinc.org', '26464-8'),
        dataAbsentReason: code('http://terminology.hl7.org/CodeSystem/data-absent-reason', 'unknown'),
      },
      { ...everything, code: code('http://loinc.org', '99999-9'), valueQuantity: quantity(1, '1') },
    ].map((o) => watched(o, seen));
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { resource: { resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1980-01-01' } },
        ...observations.map((resource) => ({ resource })),
      ],
    };
    const read = bundleToFacts(protocol!.info, bundle, asOf);
    expect(read.ok).toBe(true);
    const keyed = new Set<string>([...OBSERVATION_FIELDS_READ, 'resourceType', 'subject', '(its keys)']);
    expect([...seen].filter((field) => !keyed.has(field))).toEqual([]);
  });

  it('reads a shape once, passing the day and the value through, and leaves a shape it cannot read to Node', () => {
    const _ = undefined;
    const unit = { unit: '10*9/L', system: 'http://unitsofmeasure.org', code: '10*9/L' };
    const range = [{ low: quantity(3.5, '10*9/L'), high: quantity(9.5, '10*9/L') }];
    const good = observationKey('dv', [
      'final',
      code('http://loinc.org', '26464-8'),
      _,
      _,
      _,
      _,
      unit,
      _,
      _,
      _,
      _,
      _,
      _,
      range,
    ]);
    const unreadable = observationKey('--', [
      'final',
      code('http://loinc.org', '26464-8'),
      'not a date',
      _,
      _,
      _,
      _,
      _,
      _,
      _,
      _,
      _,
      _,
      _,
    ]);
    const cancelled = observationKey('dv', [
      'cancelled',
      code('http://loinc.org', '26464-8'),
      _,
      _,
      _,
      _,
      unit,
      _,
      _,
      _,
      _,
      _,
      _,
      _,
    ]);
    const explicitNull = `!!${JSON.stringify({ resourceType: 'Observation', status: null, code: code('http://loinc.org', '26464-8') })}`;
    const templates = observationTemplates(protocol!.info, asOf, [good, unreadable, cancelled, explicitNull]);
    expect(templates.get(good)).toEqual([
      {
        key: good,
        element: 'wbc',
        value: null,
        valueFromRow: true,
        unit: '10*9/L',
        comparator: null,
        code: null,
        dayLo: null,
        dayHi: null,
        dayFromRow: true,
        low: 3.5,
        high: 9.5,
      },
    ]);
    expect(templates.get(unreadable)).toBeUndefined();
    expect(templates.get(cancelled)).toEqual([]);
    expect(templates.has(explicitNull)).toBe(true);
    expect(templates.get(explicitNull)).toBeUndefined();
  });
});
