import { describe, expect, it } from 'vitest';
import igan from '../../protocols/NCT06469190/examples/eligible-igan.json';
import pmn from '../../protocols/NCT06469190/examples/ineligible-pmn.json';
import * as shapes from './bundle';
import type { Shape } from './shape';

const concept = { coding: [{ system: 'http://loinc.org', code: '6690-2', display: 'WBC' }], text: 'WBC' };
const quantity = {
  value: 4.2,
  comparator: '<',
  unit: 'g/L',
  system: 'http://unitsofmeasure.org',
  code: 'g/L',
};
const period = { start: '2024-01', end: '2025-03-12T08:30:00+01:00' };

/** One resource of each type the reader reads, with every field it validates filled in. */
const seeds: Record<string, Record<string, unknown>> = {
  Patient: { resourceType: 'Patient', birthDate: '1990-02-28', gender: 'female', id: 'p' },
  Observation: {
    resourceType: 'Observation',
    status: 'final',
    code: concept,
    effectiveDateTime: '2025-03-12',
    effectivePeriod: period,
    effectiveInstant: '2025-03-12T08:30:00Z',
    issued: '2025-03-13',
    valueQuantity: quantity,
    valueCodeableConcept: concept,
    valueString: 'positive',
    referenceRange: [{ low: quantity, high: quantity }],
  },
  Condition: {
    resourceType: 'Condition',
    clinicalStatus: concept,
    verificationStatus: concept,
    code: concept,
    onsetDateTime: '2020',
    onsetPeriod: period,
    abatementDateTime: '2021-05',
    abatementPeriod: period,
    recordedDate: '2020-06-01',
  },
  Medication: { resourceType: 'Medication', id: 'm1', code: concept },
  MedicationStatement: {
    resourceType: 'MedicationStatement',
    status: 'active',
    medicationCodeableConcept: concept,
    medicationReference: { reference: '#m1' },
    contained: [{ resourceType: 'Medication', id: 'm1', code: concept }],
    effectiveDateTime: '2024-12-01',
    effectivePeriod: period,
    dateAsserted: '2024-12-02',
  },
  MedicationRequest: {
    resourceType: 'MedicationRequest',
    status: 'active',
    medicationReference: { reference: 'Medication/m1' },
    authoredOn: '2024-11-30',
    dispenseRequest: { validityPeriod: period },
  },
  MedicationAdministration: {
    resourceType: 'MedicationAdministration',
    status: 'completed',
    medicationCodeableConcept: concept,
    effectivePeriod: period,
  },
  Procedure: {
    resourceType: 'Procedure',
    status: 'completed',
    code: concept,
    performedDateTime: '2024-10-10',
    performedPeriod: period,
  },
  AllergyIntolerance: {
    resourceType: 'AllergyIntolerance',
    clinicalStatus: concept,
    verificationStatus: concept,
    code: concept,
    criticality: 'high',
    onsetDateTime: '2001',
    recordedDate: '2001-01-01',
    reaction: [{ substance: concept, severity: 'severe' }],
  },
};

/** Values a field might wrongly (or rightly) hold. */
const REPLACEMENTS: unknown[] = [
  undefined,
  null,
  0,
  -1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '',
  'x',
  'final',
  'male',
  '<=',
  '2025',
  '2025-02-30',
  '2025-03-12T08:30',
  true,
  [],
  [{}],
  [null],
  {},
  concept,
  period,
];

/** Every value that differs from `value` in one place: a field replaced, removed or added. */
function* mutations(value: unknown): Generator<unknown> {
  for (const r of REPLACEMENTS) yield r;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++)
      for (const m of mutations(value[i])) yield value.map((v, j) => (j === i ? m : v));
    yield [...value, ...value.slice(0, 1)];
  } else if (typeof value === 'object' && value !== null) {
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      for (const m of mutations(object[key])) yield { ...object, [key]: m };
      const { [key]: _, ...without } = object;
      yield without;
    }
    yield { ...object, extension: [{ url: 'x' }] };
  }
}

function agree(shape: Shape, values: Iterable<unknown>): number {
  let count = 0;
  for (const value of values) {
    const zod = shape.zod.safeParse(value).success;
    if (shape.accepts(value) !== zod) throw new Error(`accepts ≠ zod (${zod}) for ${JSON.stringify(value)}`);
    count++;
  }
  return count;
}

describe('shapes: the predicate accepts exactly what the zod schema accepts', () => {
  for (const [type, seed] of Object.entries(seeds)) {
    it(`${type}, with every field changed in turn`, () => {
      const shape = (shapes as unknown as Record<string, Shape>)[type]!;
      expect(shape.accepts(seed)).toBe(true);
      // Each field the schema declares, set to each replacement, even where the seed lacks it.
      const declared = Object.keys((shape.zod as unknown as { shape: object }).shape);
      const fieldwise = declared.flatMap((key) => REPLACEMENTS.map((r) => ({ ...seed, [key]: r })));
      const tested = agree(shape, [...mutations(seed), ...fieldwise]);
      expect(tested).toBeGreaterThan(150);
    });
  }

  it('the worked examples, each resource changed in every place', () => {
    let tested = 0;
    for (const document of [igan, pmn]) {
      for (const { resource } of document.bundle.entry) {
        const shape = (shapes as unknown as Record<string, Shape>)[resource.resourceType];
        if (shape) tested += agree(shape, mutations(resource));
      }
    }
    expect(tested).toBeGreaterThan(5000);
  });
});
