import type { ProtocolInfo } from '@eligo/core';
import type { Observation } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { concept, LOINC, bundle as make, SNOMED } from '../testing/fhir';
import { element, exact } from '../testing/protocol';
import { bundleToFacts } from '../toFacts';

const ASOF = '2025-06-16';
const FLORBETAPIR = concept(SNOMED, '456995000', 'Florbetapir F^18^');
const FDG = concept(SNOMED, '35321007', 'Fluorodeoxyglucose F^18^');
const POSITIVE = concept(SNOMED, '10828004', 'Positive');

const protocol: ProtocolInfo = {
  id: 'METHOD-1',
  title: 'Results filtered by their method',
  version: '1',
  hash: 'test',
  complete: [],
  cohorts: [],
  elements: [
    element('amyloid_pet', 'test', {
      values: ['positive', 'negative'],
      include: [exact('loinc', '44138-6')],
      method: {
        any: false,
        include: [exact('snomed', '456995000'), exact('snomed', '712736002')],
        exclude: [],
      },
    }),
    element('any_brain_pet', 'test', {
      values: ['positive', 'negative'],
      include: [exact('loinc', '44138-6')],
    }),
  ],
};

function pet(date: string, method?: Observation['method']): Observation {
  return {
    resourceType: 'Observation',
    status: 'final',
    subject: { reference: 'Patient/p' },
    code: concept(LOINC, '44138-6', 'PT Brain'),
    effectiveDateTime: date,
    valueCodeableConcept: POSITIVE,
    ...(method ? { method } : {}),
  };
}

function read(...resources: Parameters<typeof make>) {
  const result = bundleToFacts(protocol, make(...resources), ASOF);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

describe('Observation.method', () => {
  it('gives a result to an element that asks for methods only when its method is one of them', () => {
    const { facts, warnings } = read(pet('2025-05-20', FLORBETAPIR), pet('2025-05-27', FDG));
    expect(facts.amyloid_pet).toEqual([{ code: 'positive', date: '2025-05-20' }]);
    // An element without methods takes every brain PET.
    expect(facts.any_brain_pet).toEqual([
      { code: 'positive', date: '2025-05-20' },
      { code: 'positive', date: '2025-05-27' },
    ]);
    expect(warnings).toEqual([]);
  });

  it('does not count a result whose method is not recorded, or coded in another system, and says so', () => {
    const { facts, warnings } = read(
      pet('2025-05-20'),
      pet('2025-05-21', concept('http://example.org/tracers', 'AV-45')),
      pet('2025-05-22', { text: 'florbetapir' }),
    );
    expect(facts.amyloid_pet).toBeUndefined();
    expect(facts.any_brain_pet).toHaveLength(3);
    expect(warnings).toEqual([
      {
        code: 'W-FHIR-METHOD',
        message:
          'the Observation records no method, so whether it is a result of amyloid_pet is not known; it is not counted',
        path: 'bundle.entry[0].resource.code',
        element: 'amyloid_pet',
      },
      {
        code: 'W-FHIR-METHOD',
        message:
          "its method is coded in no system of amyloid_pet's methods, so whether it is a result of amyloid_pet is not known; it is not counted",
        path: 'bundle.entry[1].resource.method',
        element: 'amyloid_pet',
      },
      {
        code: 'W-FHIR-METHOD',
        message:
          "its method is coded in no system of amyloid_pet's methods, so whether it is a result of amyloid_pet is not known; it is not counted",
        path: 'bundle.entry[2].resource.method',
        element: 'amyloid_pet',
      },
    ]);
  });

  it('takes a method among several codings, in any system alias', () => {
    const both = {
      coding: [FDG.coding![0]!, { system: 'urn:oid:2.16.840.1.113883.6.96', code: '712736002' }],
    };
    expect(read(pet('2025-05-20', both)).facts.amyloid_pet).toEqual([
      { code: 'positive', date: '2025-05-20' },
    ]);
  });
});
