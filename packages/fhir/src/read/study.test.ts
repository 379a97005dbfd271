import type { ProtocolInfo } from '@eligo/core';
import type { DiagnosticReport, Observation } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { bundle, concept, LOINC, lab, patient, SNOMED } from '../testing/fhir';
import { element, exact } from '../testing/protocol';
import { bundleToFacts } from '../toFacts';

const ASOF = '2025-06-16';

/** A brain MRI as a procedure bound by its LOINC study code, beside a lab of the same system. */
const info: ProtocolInfo = {
  id: 'TEST-STUDY',
  title: 'Imaging studies as procedures',
  version: '1',
  hash: 'test',
  complete: [],
  cohorts: [],
  elements: [
    element('brain_mri', 'procedure', { include: [exact('loinc', '24590-2')] }),
    element('wbc', 'lab', { unit: '10*9/L', include: [exact('loinc', '6690-2')] }),
  ],
};

function read(...resources: Parameters<typeof bundle>) {
  const result = bundleToFacts(info, bundle(patient(), ...resources), ASOF);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

const MRI = concept(LOINC, '24590-2', 'MR Brain');

function mriResult(date: string, extra: Partial<Observation> = {}): Observation {
  return { resourceType: 'Observation', status: 'final', code: MRI, effectiveDateTime: date, ...extra };
}

function mriReport(extra: Partial<DiagnosticReport> = {}): DiagnosticReport {
  return {
    resourceType: 'DiagnosticReport',
    status: 'final',
    code: MRI,
    effectiveDateTime: '2025-06-01',
    ...extra,
  };
}

const record = (date: string) => ({ system: LOINC, code: '24590-2', display: 'MR Brain', date });

describe('imaging results and reports as procedure records', () => {
  it('reads an imaging Observation without a value as the procedure, dated by the scan', () => {
    const { facts, warnings } = read(mriResult('2025-04-01'));
    expect(facts.brain_mri).toEqual([record('2025-04-01')]);
    expect(warnings).toEqual([]);
  });

  it('reads one with a value too: the scan was done whatever it found', () => {
    const { facts } = read(mriResult('2025-06-02', { valueString: 'no acute findings' }));
    expect(facts.brain_mri).toEqual([record('2025-06-02')]);
  });

  it('ignores one after the screening date, and reports one not yet final', () => {
    const { facts, warnings } = read(
      mriResult('2025-06-20'),
      mriResult('2025-06-10', { status: 'preliminary' }),
      mriResult('2025-06-11', { status: 'entered-in-error' }),
    );
    expect(facts.brain_mri).toBeUndefined();
    expect(warnings).toEqual([
      {
        code: 'W-FHIR-STATUS',
        message: "an Observation with status 'preliminary' is not counted",
        path: 'bundle.entry[2].resource.status',
        element: 'brain_mri',
      },
    ]);
  });

  it('leaves results of other codes to their elements, and reports the unbound ones as before', () => {
    const { facts, warnings } = read(
      lab('6690-2', 5.6, '10*9/L', '2025-06-01'),
      mriResult('2025-06-01', { code: concept(SNOMED, '816077007') }),
    );
    expect(facts.brain_mri).toBeUndefined();
    expect(facts.wbc).toEqual([{ value: 5.6, unit: '10*9/L', date: '2025-06-01' }]);
    expect(warnings.map((w) => w.code)).toEqual(['W-FHIR-UNMAPPED']);
  });

  it('reads a DiagnosticReport of the study, dated when done, else when issued', () => {
    const { facts, warnings } = read(
      mriReport(),
      mriReport({ effectiveDateTime: undefined, issued: '2025-05-20T09:00:00Z' }),
    );
    expect(facts.brain_mri).toEqual([record('2025-06-01'), record('2025-05-20T09:00:00Z')]);
    expect(warnings).toEqual([]);
  });

  it('counts a verified report only; another code is not read at all', () => {
    const { facts, warnings } = read(
      mriReport({ status: 'partial' }),
      mriReport({ status: 'cancelled' }),
      mriReport({ status: 'appended', effectiveDateTime: '2025-05-02' }),
      mriReport({ code: concept(LOINC, '24627-2', 'CT Chest') }),
    );
    expect(facts.brain_mri).toEqual([record('2025-05-02')]);
    expect(warnings).toEqual([
      {
        code: 'W-FHIR-STATUS',
        message: "a DiagnosticReport with status 'partial' is not counted",
        path: 'bundle.entry[1].resource.status',
        element: 'brain_mri',
      },
    ]);
  });

  it('refuses a report of another patient, as any record', () => {
    const other = mriReport({ subject: { reference: 'Patient/q' } });
    const result = bundleToFacts(info, bundle(patient(), other), ASOF);
    expect(result.ok).toBe(false);
  });
});
