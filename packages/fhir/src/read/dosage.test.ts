import { compile, factsSchema } from '@eligo/core';
import type { Dosage, MedicationAdministration, MedicationRequest } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { screenDocument } from '../screenDocument';
import { ATC, bundle, concept, SNOMED, statement, UCUM } from '../testing/fhir';
import { bundleToFacts } from '../toFacts';

const ASOF = '2025-03-15';

const protocol = compile(
  `trial T-DOSE "Doses"
records complete for medication
medication steroid "Systemic corticosteroid" from atc H02AB* route oral, intravenous, intramuscular, subcutaneous
medication any_steroid "Corticosteroid by any route" from atc H02AB*
exclusion
  EX-1 "Above 10 mg/day of prednisone" met if steroid daily dose as prednisone > 10 mg/d
  EX-2 "Any" met if any_steroid
`,
  { name: 'dose.elig' },
).protocol!;

function read(...resources: Parameters<typeof bundle>) {
  const result = bundleToFacts(protocol.info, bundle(...resources), ASOF);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  // The facts are what the protocol's own schema takes, unchanged.
  expect(factsSchema(protocol.info).parse(result.facts)).toEqual(result.facts);
  return result;
}

const route = (code: string, system = SNOMED) => concept(system, code);
const mg = (value: number, unit = 'mg') => ({ value, unit, system: UCUM, code: unit });
const daily = (frequency: number): Dosage['timing'] => ({
  repeat: { frequency, period: 1, periodUnit: 'd' },
});

function request(atc: string, dosageInstruction: Dosage[]): MedicationRequest {
  return {
    resourceType: 'MedicationRequest',
    status: 'active',
    intent: 'order',
    subject: { reference: 'Patient/p' },
    medicationCodeableConcept: concept(ATC, atc),
    authoredOn: '2025-01-10',
    dosageInstruction,
  };
}

describe('dosages', () => {
  it('reads a statement’s route, dose and doses a day', () => {
    const { facts, warnings } = read(
      statement('H02AB07', {
        effectivePeriod: { start: '2025-01-10' },
        dosage: [{ route: route('26643006'), timing: daily(2), doseAndRate: [{ doseQuantity: mg(5) }] }],
      }),
    );
    expect(facts.steroid).toEqual([
      {
        system: ATC,
        code: 'H02AB07',
        start: '2025-01-10',
        route: 'oral',
        dose: { value: 5, unit: 'mg' },
        perDay: 2,
      },
    ]);
    expect(warnings).toEqual([]);
  });

  it('reads a request’s dosage instruction, a schedule by code, and periods other than a day', () => {
    const bid = request('H02AB04', [
      {
        route: route('47625008'),
        timing: { code: concept('http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation', 'BID') },
        doseAndRate: [{ doseQuantity: mg(0.02, 'g') }],
      },
    ]);
    const weekly = request('H02AB06', [
      {
        route: route('78421000'),
        timing: { repeat: { frequency: 1, period: 1, periodUnit: 'wk' } },
        doseAndRate: [{ doseQuantity: mg(70) }],
      },
    ]);
    const every8h = request('H02AB09', [
      {
        route: route('34206005'),
        timing: { repeat: { period: 8, periodUnit: 'h' } },
        doseAndRate: [{ doseQuantity: mg(10) }],
      },
    ]);
    const { facts } = read(bid, weekly, every8h);
    expect(facts.steroid).toEqual([
      expect.objectContaining({ route: 'intravenous', dose: { value: 0.02, unit: 'g' }, perDay: 2 }),
      expect.objectContaining({ route: 'intramuscular', dose: { value: 70, unit: 'mg' }, perDay: 1 / 7 }),
      expect.objectContaining({ route: 'subcutaneous', dose: { value: 10, unit: 'mg' }, perDay: 3 }),
    ]);
  });

  it('reads the UK extension’s inhalation route and a topical one, which the systemic element does not take', () => {
    const { facts } = read(
      statement('H02AB06', {
        effectivePeriod: { start: '2025-01-10' },
        dosage: [{ route: route('18679011000001101') }],
      }),
      statement('H02AB09', {
        effectivePeriod: { start: '2025-01-10' },
        dosage: [{ route: route('6064005') }],
      }),
    );
    expect((facts.steroid as { route?: string }[]).map((e) => e.route)).toEqual(['inhalation', 'topical']);
  });

  it('leaves out a route it cannot read, with a warning only where an element asks for routes', () => {
    const { facts, warnings } = read(
      statement('H02AB06', {
        effectivePeriod: { start: '2025-01-10' },
        dosage: [{ route: route('20053000', 'http://standardterms.edqm.eu') }],
      }),
    );
    expect(facts.steroid).toEqual([{ system: ATC, code: 'H02AB06', start: '2025-01-10' }]);
    expect(warnings).toEqual([
      {
        code: 'W-FHIR-ROUTE',
        message:
          "the route http://standardterms.edqm.eu|20053000 is not a SNOMED CT route code of the route table; the route counts as not stated, so the record may or may not be of steroid's routes",
        path: 'bundle.entry[0].resource.dosage[0].route',
        element: 'steroid',
      },
    ]);
  });

  it('adds dosages taken together into a daily dose, and gives none for a taper or an as-needed dose', () => {
    const split = request('H02AB07', [
      { route: route('26643006'), timing: daily(1), doseAndRate: [{ doseQuantity: mg(10) }] },
      { route: route('26643006'), timing: daily(1), doseAndRate: [{ doseQuantity: mg(0.005, 'g') }] },
    ]);
    const taper = request('H02AB07', [
      { sequence: 1, timing: daily(1), doseAndRate: [{ doseQuantity: mg(20) }] },
      { sequence: 2, timing: daily(1), doseAndRate: [{ doseQuantity: mg(10) }] },
    ]);
    const asNeeded = request('H02AB07', [
      { asNeededBoolean: true, timing: daily(4), doseAndRate: [{ doseQuantity: mg(5) }] },
    ]);
    const range = request('H02AB07', [
      {
        timing: { repeat: { frequency: 1, frequencyMax: 2, period: 1, periodUnit: 'd' } },
        doseAndRate: [{ doseQuantity: mg(5) }],
      },
    ]);
    const tablets = request('H02AB07', [
      { timing: daily(1), doseAndRate: [{ doseQuantity: mg(2, '{tbl}') }] },
    ]);
    const { facts } = read(split, taper, asNeeded, range, tablets);
    const [a, b, c, d, e] = facts.any_steroid as Record<string, unknown>[];
    expect(a).toMatchObject({ route: 'oral', dailyDose: { value: 15, unit: 'mg/d' } });
    expect(a).not.toHaveProperty('dose');
    expect(b).not.toHaveProperty('dose');
    expect(b).not.toHaveProperty('dailyDose');
    expect(c).toMatchObject({ dose: { value: 5, unit: 'mg' } });
    expect(c).not.toHaveProperty('perDay');
    expect(d).not.toHaveProperty('perDay');
    expect(e).not.toHaveProperty('dose');
  });

  it('reads an administration’s dose as given once on its day', () => {
    const administration: MedicationAdministration = {
      resourceType: 'MedicationAdministration',
      status: 'completed',
      subject: { reference: 'Patient/p' },
      medicationCodeableConcept: concept(ATC, 'H02AB04'),
      effectiveDateTime: '2025-03-15T08:00:00Z',
      dosage: { route: route('47625008'), dose: mg(500) },
    };
    expect(read(administration).facts.steroid).toEqual([
      {
        system: ATC,
        code: 'H02AB04',
        start: '2025-03-15',
        end: '2025-03-15',
        route: 'intravenous',
        dose: { value: 500, unit: 'mg' },
        perDay: 1,
      },
    ]);
  });

  it('screens a dose criterion from a bundle: dexamethasone 2 mg a day is above 10 mg/day of prednisone', () => {
    const dexamethasone = request('H02AB02', [
      { route: route('26643006'), timing: daily(2), doseAndRate: [{ doseQuantity: mg(1) }] },
    ]);
    const inhaled = request('H02AB02', [
      { route: route('447694001'), timing: daily(1), doseAndRate: [{ doseQuantity: mg(8) }] },
    ]);
    const result = screenDocument(protocol, { asOf: ASOF, bundle: bundle(dexamethasone, inhaled) });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const criteria = result.screening.cohorts[0]!.criteria;
    expect(criteria.find((c) => c.id === 'EX-1')?.status).toBe('met');
    expect(criteria.find((c) => c.id === 'EX-1')?.explanation).toContain('13.3 mg/d');
    const lower = screenDocument(protocol, { asOf: ASOF, bundle: bundle(inhaled) });
    if (!lower.ok) throw new Error(JSON.stringify(lower.errors));
    // Only an inhaled dexamethasone: no systemic corticosteroid, 0 mg/d in a complete history.
    expect(lower.screening.cohorts[0]!.criteria.find((c) => c.id === 'EX-1')?.status).toBe('not_met');
  });
});
