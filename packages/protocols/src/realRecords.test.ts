import { screenDocument } from '@eligo/fhir';
import { describe, expect, it } from 'vitest';
import { adding, patch, quantity } from './testing/fhir';
import { criterion, example, nct06469190, screenDoc } from './testing/screen';

/**
 * What real EHR records do to the worked examples: a result of another patient in the bundle, and
 * medications coded in RxNorm where NCT06469190 binds ATC.
 */

const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const SUBJECT = { reference: 'Patient/pat-example-eligible-igan' };

/** Haemoglobin 50 g/L two days after the example's 118 g/L: C-IN-3.1.c would fail on it. */
const lowHaemoglobin = (subject: { reference: string }) => ({
  ...quantity('718-7', 50, 'g/L', '2025-03-14'),
  subject,
});

function rxnormStatement(code: string, display: string, start: string) {
  return {
    resourceType: 'MedicationStatement',
    status: 'active',
    subject: SUBJECT,
    medicationCodeableConcept: { coding: [{ system: RXNORM, code, display }] },
    effectivePeriod: { start },
  };
}

describe('a result of another patient', () => {
  it('would flip eligible-igan if it were counted', () => {
    const own = screenDoc(adding(example('eligible-igan.json'), lowHaemoglobin(SUBJECT)));
    expect(criterion(own, 'IgAN', 'C-IN-3.1.c').status).toBe('not_met');
    expect(own.cohorts.find((c) => c.id === 'IgAN')?.verdict).toBe('ineligible');
  });

  it('is refused, naming the entry and the field', () => {
    const doc = adding(example('eligible-igan.json'), lowHaemoglobin({ reference: 'Patient/someone-else' }));
    const result = screenDocument(nct06469190(), doc);
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(['bundle.entry[25].resource.subject']);
  });

  it('as a second Patient resource is refused too, whatever the order', () => {
    const other = { resourceType: 'Patient', id: 'someone-else', birthDate: '1940-01-01', gender: 'male' };
    const after = adding(example('eligible-igan.json'), other);
    const before = patch(example('eligible-igan.json'), (d) => {
      d.bundle.entry.unshift({ resource: other });
    });
    for (const doc of [after, before]) {
      const result = screenDocument(nct06469190(), doc);
      expect(result.ok).toBe(false);
    }
  });
});

describe('medications coded in RxNorm, which NCT06469190 does not bind', () => {
  it('leave IgAN-IN-2 unknown rather than not met for lack of an ACE inhibitor or ARB record', () => {
    const doc = patch(example('eligible-igan.json'), (d) => {
      const arb = d.bundle.entry.find((e) => e.resource.id === 'arb-18');
      if (!arb) throw new Error('no arb-18');
      arb.resource = rxnormStatement('314076', 'lisinopril 10 MG Oral Tablet', '2021-12-01');
    });
    const s = screenDoc(doc);
    expect(criterion(s, 'IgAN', 'IgAN-IN-2').status).toBe('unknown');
    expect(s.warnings.filter((w) => w.code === 'W-FHIR-UNCLASSIFIED').map((w) => w.path)).toEqual([
      'bundle.entry[18].resource.medicationCodeableConcept',
    ]);
  });

  it('keep a medication that might be a colony-stimulating factor from reading as none', () => {
    const filgrastim = rxnormStatement(
      '1649944',
      'filgrastim-sndz 0.6 MG/ML Injectable Solution',
      '2025-03-05',
    );
    const s = screenDoc(adding(example('eligible-igan.json'), filgrastim));
    expect(criterion(s, 'IgAN', 'C-IN-3.1.b').status).toBe('unknown');
  });

  it('do not undo a record the protocol can classify', () => {
    const s = screenDoc(
      adding(
        example('eligible-igan.json'),
        rxnormStatement('310798', 'Hydrochlorothiazide 25 MG Oral Tablet', '2020-01-01'),
      ),
    );
    expect(criterion(s, 'IgAN', 'IgAN-IN-2').status).toBe('met');
  });
});
