import { type CompiledProtocol, canonicalSystem, compile, type Screening, type Trace } from '@eligo/core';
import { describe, expect, it } from 'vitest';
import nctSource from '../../protocols/NCT06469190/NCT06469190.elig?raw';
import { screenDocument } from './screenDocument';
import { SYNTHEA_PATIENTS, syntheaBundle } from './testing/synthea';
import { bundleToFacts } from './toFacts';

/**
 * Real EHR-shaped data: four Synthea patients from a bulk FHIR export (test-data/synthea, CC0),
 * read through NCT06469190, whose medications are bound to ATC while Synthea codes them in RxNorm.
 */

const ASOF = '2025-01-01';
const protocol: CompiledProtocol = (() => {
  const result = compile(nctSource, { name: 'NCT06469190.elig' });
  if (!result.protocol) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.protocol;
})();
const medicationElements = new Set(
  protocol.info.elements.filter((e) => e.kind === 'medication').map((e) => e.id),
);
const medicationSystems = new Set(
  protocol.info.elements
    .filter((e) => e.kind === 'medication')
    .flatMap((e) => e.binding?.include ?? [])
    .map((p) => canonicalSystem(p.system)),
);

function traces(trace: Trace): Trace[] {
  return [trace, ...(trace.children ?? []).flatMap(traces)];
}

const cases = SYNTHEA_PATIENTS.map((id) => ({ patient: { id }, bundle: syntheaBundle(id) }));

describe('Synthea patients through NCT06469190', () => {
  it('are four patients with records of every kind the reader checks', () => {
    expect(cases).toHaveLength(4);
    const types = new Set(cases.flatMap((c) => c.bundle.entry.map((e) => e.resource.resourceType)));
    expect([...types].sort()).toEqual([
      'AllergyIntolerance',
      'Condition',
      'Encounter',
      'Immunization',
      'MedicationRequest',
      'Patient',
      'Procedure',
    ]);
  });

  describe.each(cases.map((c) => [c.patient.id, c] as const))('patient %s', (_id, { bundle }) => {
    const read = bundleToFacts(protocol.info, bundle, ASOF);
    const screened = screenDocument(protocol, { asOf: ASOF, bundle });

    it('reads and screens without an error', () => {
      expect(read.ok ? [] : read.errors).toEqual([]);
      expect(screened.ok ? [] : screened.errors).toEqual([]);
    });

    it('classifies every medication, or reports it unclassified once, at its path', () => {
      if (!read.ok) throw new Error('not read');
      const unclassified = read.warnings.filter(
        (w) => w.code === 'W-FHIR-UNCLASSIFIED' && w.path?.includes('.resource.medication'),
      );
      bundle.entry.forEach(({ resource }, index) => {
        if (resource.resourceType !== 'MedicationRequest') return;
        const codings = (resource.medicationCodeableConcept as { coding: { system: string }[] }).coding;
        const classified = codings.some((c) => medicationSystems.has(canonicalSystem(c.system)));
        const path = `bundle.entry[${index}].resource.medicationCodeableConcept`;
        const reported = unclassified.filter((w) => w.path === path);
        expect(reported).toHaveLength(classified ? 0 : 1);
      });
      const requestCount = bundle.entry.filter((e) => e.resource.resourceType === 'MedicationRequest').length;
      for (const id of medicationElements) {
        const facts = read.facts[id] as { unclassified?: true }[];
        expect(facts.filter((r) => r.unclassified)).toHaveLength(unclassified.length);
      }
      expect(unclassified.length).toBeLessThanOrEqual(requestCount);
    });

    it('never reads a record element holding an unclassified record as "no record" (conditions and allergies too)', () => {
      if (!read.ok || !screened.ok) throw new Error('not read');
      const open = new Set(
        Object.entries(read.facts)
          .filter(([, v]) => Array.isArray(v) && v.some((r) => (r as { unclassified?: true }).unclassified))
          .map(([id]) => id),
      );
      let steps = 0;
      for (const cohort of screened.screening.cohorts) {
        for (const criterion of cohort.criteria) {
          for (const step of traces(criterion.trace)) {
            if (!(step.elements ?? []).some((e) => open.has(e))) continue;
            steps++;
            if (step.status === 'not_met') expect(step.text).not.toMatch(/no record/);
          }
        }
      }
      if (open.size > 0) expect(steps).toBeGreaterThan(0);
    });

    it('never reads a medication criterion as not met from "no record" when medication records are unclassified', () => {
      if (!read.ok || !screened.ok) throw new Error('not read');
      const anyUnclassified = read.warnings.some((w) => w.code === 'W-FHIR-UNCLASSIFIED');
      if (!anyUnclassified) return;
      const screening: Screening = screened.screening;
      for (const cohort of screening.cohorts) {
        for (const criterion of cohort.criteria) {
          for (const step of traces(criterion.trace)) {
            const readsMedication = (step.elements ?? []).some((e) => medicationElements.has(e));
            if (readsMedication && step.status === 'not_met') expect(step.text).not.toMatch(/no record/);
          }
        }
      }
      // IgAN-IN-2 reads nothing but a medication: with every medication unclassified it cannot be decided.
      const onlyMedication = protocol.info.cohorts.flatMap((c) =>
        c.criteria.filter((k) => k.elements.length > 0 && k.elements.every((e) => medicationElements.has(e))),
      );
      expect(onlyMedication.map((k) => k.id)).toContain('IgAN-IN-2');
      for (const cohort of screening.cohorts) {
        for (const criterion of cohort.criteria) {
          if (onlyMedication.some((k) => k.id === criterion.id)) expect(criterion.status).toBe('unknown');
        }
      }
    });
  });
});
