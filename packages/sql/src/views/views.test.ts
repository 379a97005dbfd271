import { readdirSync, readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compileView } from '../sof/compile';
import { compareRows } from '../sof/conformance/suite';
import { createResourceTable, type FhirResource, loadResources, runView } from '../sof/duckdb/run';

/**
 * Eligo's ViewDefinitions run on the records @eligo/fhir is tested with (Synthea's four patients,
 * and the Observations of the protocols' example bundles); each row set is compared with the same
 * fields picked out in plain TypeScript from the same resources.
 */

// biome-ignore lint/suspicious/noExplicitAny: FHIR test records are read field by field, shape unchecked.
type Json = Record<string, any>;

const synthea = new URL('../../../fhir/test-data/synthea/', import.meta.url);
const protocols = new URL('../../../protocols/', import.meta.url);

function ndjson(name: string): Json[] {
  return readFileSync(new URL(`${name}.ndjson`, synthea), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

function exampleObservations(): Json[] {
  const out: Json[] = [];
  for (const protocol of readdirSync(protocols, { withFileTypes: true })) {
    if (!protocol.isDirectory()) continue;
    const examples = new URL(`${protocol.name}/examples/`, protocols);
    let files: string[];
    try {
      files = readdirSync(examples).filter((f) => f.endsWith('.json'));
    } catch {
      continue;
    }
    for (const file of files) {
      const input = JSON.parse(readFileSync(new URL(file, examples), 'utf8'));
      for (const entry of input.bundle?.entry ?? []) {
        if (entry.resource?.resourceType === 'Observation' && entry.resource.id) out.push(entry.resource);
      }
    }
  }
  // The same id may appear in several examples; keep one of each.
  return [...new Map(out.map((o) => [o.id, o])).values()];
}

const view = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`${name}.json`, import.meta.url), 'utf8'));

const resources = {
  Patient: ndjson('Patient'),
  Condition: ndjson('Condition'),
  Procedure: ndjson('Procedure'),
  MedicationRequest: ndjson('MedicationRequest'),
  AllergyIntolerance: ndjson('AllergyIntolerance'),
  Encounter: ndjson('Encounter'),
  Observation: exampleObservations(),
};

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
beforeAll(async () => {
  await createResourceTable(connection);
  await loadResources(connection, Object.values(resources).flat() as FhirResource[]);
});
afterAll(() => connection.closeSync());

async function rowsOf(name: string) {
  const compiled = compileView(view(name));
  if (!compiled.ok) throw compiled.errors[0];
  return runView(connection, compiled);
}

const patientKey = (reference: string | undefined) => reference?.match(/Patient\/([^/]+)$/)?.[1] ?? null;
const codings = (concept: Json | undefined): Json[] => concept?.coding ?? [];
const codingColumns = (c: Json | undefined) => ({
  system: c?.system ?? null,
  code: c?.code ?? null,
  display: c?.display ?? null,
});
const orNull = <T>(value: T | undefined): T | null => value ?? null;

describe('Eligo ViewDefinitions', () => {
  test('the test data has records of every type read here', () => {
    for (const [type, list] of Object.entries(resources)) expect(list.length, type).toBeGreaterThan(0);
  });

  test('patient', async () => {
    const expected = resources.Patient.map((p) => ({
      id: p.id,
      gender: orNull(p.gender),
      birth_date: orNull(p.birthDate),
      deceased: orNull(p.deceasedBoolean),
      deceased_date: orNull(p.deceasedDateTime),
      active: orNull(p.active),
    }));
    expect(compareRows(await rowsOf('patient'), expected)).toBeNull();
  });

  test('observation: one row per coding, value, unit, comparator and dates as written', async () => {
    const expected = resources.Observation.flatMap((o) =>
      codings(o.code).map((c) => ({
        id: o.id,
        patient: patientKey(o.subject?.reference),
        status: orNull(o.status),
        effective: orNull(o.effectiveDateTime),
        effective_start: orNull(o.effectivePeriod?.start),
        effective_instant: orNull(o.effectiveInstant),
        issued: orNull(o.issued),
        value: orNull(o.valueQuantity?.value),
        unit: orNull(o.valueQuantity?.unit),
        unit_system: orNull(o.valueQuantity?.system),
        unit_code: orNull(o.valueQuantity?.code),
        comparator: orNull(o.valueQuantity?.comparator),
        value_codes: codings(o.valueCodeableConcept).flatMap((v) => (v.code === undefined ? [] : [v.code])),
        value_string: orNull(o.valueString),
        value_boolean: orNull(o.valueBoolean),
        value_integer: orNull(o.valueInteger),
        data_absent_reason: orNull(codings(o.dataAbsentReason).find((x) => x.code !== undefined)?.code),
        reference_ranges: (o.referenceRange ?? []).length,
        ...codingColumns(c),
      })),
    );
    expect(expected.some((row) => row.value !== null)).toBe(true);
    expect(compareRows(await rowsOf('observation'), expected)).toBeNull();
  });

  test('observation reference ranges: low, high, units and the codings they apply to', async () => {
    const expected = resources.Observation.flatMap((o) =>
      (o.referenceRange ?? []).flatMap((r: Json, index: number) => {
        const applies =
          codings(r.appliesTo?.[0]).length > 0 ? (r.appliesTo as Json[]).flatMap(codings) : [undefined];
        return applies.map((a) => ({
          id: o.id,
          range_index: index,
          low: orNull(r.low?.value),
          low_unit: orNull(r.low?.unit),
          low_code: orNull(r.low?.code),
          high: orNull(r.high?.value),
          high_unit: orNull(r.high?.unit),
          high_code: orNull(r.high?.code),
          text: orNull(r.text),
          applies_to_system: orNull(a?.system),
          applies_to_code: orNull(a?.code),
        }));
      }),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(compareRows(await rowsOf('observation_reference_range'), expected)).toBeNull();
  });

  test('condition: statuses, onset, abatement and recorded date per coding', async () => {
    const expected = resources.Condition.flatMap((c) =>
      codings(c.code).map((coding) => ({
        id: c.id,
        patient: patientKey(c.subject?.reference),
        clinical_status: orNull(codings(c.clinicalStatus)[0]?.code),
        verification_status: orNull(codings(c.verificationStatus)[0]?.code),
        onset: orNull(c.onsetDateTime),
        onset_start: orNull(c.onsetPeriod?.start),
        abatement: orNull(c.abatementDateTime),
        abatement_start: orNull(c.abatementPeriod?.start),
        abatement_end: orNull(c.abatementPeriod?.end),
        recorded: orNull(c.recordedDate),
        ...codingColumns(coding),
      })),
    );
    expect(compareRows(await rowsOf('condition'), expected)).toBeNull();
  });

  test('medication request: status, authored, validity and one row per medication coding', async () => {
    const expected = resources.MedicationRequest.flatMap((m) => {
      const list = codings(m.medicationCodeableConcept);
      return (list.length > 0 ? list : [undefined]).map((c) => ({
        id: m.id,
        patient: patientKey(m.subject?.reference),
        status: orNull(m.status),
        intent: orNull(m.intent),
        authored_on: orNull(m.authoredOn),
        validity_start: orNull(m.dispenseRequest?.validityPeriod?.start),
        validity_end: orNull(m.dispenseRequest?.validityPeriod?.end),
        medication_reference: orNull(m.medicationReference?.reference),
        ...codingColumns(c),
      }));
    });
    expect(compareRows(await rowsOf('medication_request'), expected)).toBeNull();
  });

  test('procedure, allergy and encounter: keys, statuses and dates per coding', async () => {
    const procedures = resources.Procedure.flatMap((p) =>
      codings(p.code).map((c) => ({
        id: p.id,
        patient: patientKey(p.subject?.reference),
        status: orNull(p.status),
        performed: orNull(p.performedDateTime),
        performed_start: orNull(p.performedPeriod?.start),
        performed_end: orNull(p.performedPeriod?.end),
        ...codingColumns(c),
      })),
    );
    expect(compareRows(await rowsOf('procedure'), procedures)).toBeNull();
    const allergies = resources.AllergyIntolerance.flatMap((a) =>
      codings(a.code).map((c) => ({
        id: a.id,
        patient: patientKey(a.patient?.reference),
        clinical_status: orNull(codings(a.clinicalStatus)[0]?.code),
        verification_status: orNull(codings(a.verificationStatus)[0]?.code),
        criticality: orNull(a.criticality),
        onset: orNull(a.onsetDateTime),
        recorded: orNull(a.recordedDate),
        reaction_severities: (a.reaction ?? []).flatMap((r: Json) =>
          r.severity === undefined ? [] : [r.severity],
        ),
        ...codingColumns(c),
      })),
    );
    expect(compareRows(await rowsOf('allergy_intolerance'), allergies)).toBeNull();
    const encounters = resources.Encounter.flatMap((e) => {
      const list = (e.type ?? []).flatMap(codings);
      return (list.length > 0 ? list : [undefined]).map((c: Json | undefined) => ({
        id: e.id,
        patient: patientKey(e.subject?.reference),
        status: orNull(e.status),
        class: orNull(e.class?.code),
        period_start: orNull(e.period?.start),
        period_end: orNull(e.period?.end),
        ...codingColumns(c),
      }));
    });
    expect(compareRows(await rowsOf('encounter'), encounters)).toBeNull();
  });

  test('medication statement and administration views compile', () => {
    for (const name of ['medication_statement', 'medication_administration'])
      expect(compileView(view(name)).ok).toBe(true);
  });
});
