import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { prepareScreeningInput } from '@eligo/fhir';
import { describe, expect, it } from 'vitest';
import { nct06469190 } from './testing/screen';

/**
 * Every code of the data dictionary, sent as the FHIR resource the dictionary names, must reach
 * the element it belongs to: patients built from the dictionary alone are read without loss.
 */
interface DictionaryCode {
  system: string;
  code: string;
  match?: string;
}
interface DictionaryElement {
  id: string;
  type: string;
  unit?: string;
  source: string;
  resourceType?: string;
  codes?: DictionaryCode[];
}
const dir = fileURLToPath(new URL('../NCT06469190/', import.meta.url));
const dictionary = JSON.parse(readFileSync(`${dir}dictionary.json`, 'utf8')) as {
  elements: DictionaryElement[];
};

// Dictionary elements the encoding expresses through differently named elements.
const ENCODED_AS: Record<string, string> = {
  immunosuppressive_therapy_over_6_months: 'immunosuppressive_therapy',
  acei_arb_at_least_3_months: 'acei_arb',
  malignancy: 'malignant_neoplasm|in_situ_carcinoma',
  aav_conventional_treatment: 'glucocorticoid|cyclophosphamide|aav_immunomodulator',
};

/** A code the pattern matches: itself, a child of a prefix, the lower end of a range. */
function instanceOf(c: DictionaryCode): string {
  if (c.code.includes('-') && c.system.includes('icd-10')) return `${c.code.split('-')[0]}.0`;
  if (c.match !== 'prefix') return c.code;
  if (c.system.includes('atc'))
    return c.code.length >= 7 ? c.code : `${c.code}${'X01'.slice(0, 7 - c.code.length)}`;
  return c.code.includes('.') ? c.code : `${c.code}.9`;
}

function resourceFor(el: DictionaryElement, c: DictionaryCode, code: string): Record<string, unknown> {
  const coding = { coding: [{ system: c.system, code }] };
  switch (
    el.resourceType ??
    (el.id === 'trial_drug_allergy' ? 'AllergyIntolerance' : 'MedicationStatement')
  ) {
    case 'Observation':
      return {
        resourceType: 'Observation',
        status: 'final',
        code: coding,
        effectiveDateTime: '2025-03-10',
        ...(el.type === 'quantity'
          ? { valueQuantity: { value: 1, unit: el.unit, system: 'http://unitsofmeasure.org', code: el.unit } }
          : { valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '10828004' }] } }),
      };
    case 'Condition':
      return { resourceType: 'Condition', code: coding, onsetDateTime: '2020-01-01' };
    case 'Procedure':
      return {
        resourceType: 'Procedure',
        status: 'completed',
        code: coding,
        performedDateTime: '2024-01-01',
      };
    case 'AllergyIntolerance':
      return c.system.includes('icd-10')
        ? { resourceType: 'Condition', code: coding, onsetDateTime: '2020-01-01' }
        : { resourceType: 'AllergyIntolerance', code: coding };
    default:
      return {
        resourceType: 'MedicationStatement',
        status: 'completed',
        medicationCodeableConcept: coding,
        effectivePeriod: { start: '2024-01-01', end: '2024-12-31' },
      };
  }
}

const cases = dictionary.elements.flatMap((el) =>
  (el.codes ?? []).map((c) => ({ el, c, code: instanceOf(c) })),
);

describe('NCT06469190: every dictionary code reaches its element', () => {
  it('covers every code of the dictionary', () => {
    expect(cases.length).toBeGreaterThan(150);
  });

  it.each(cases.map((k) => [`${k.el.id} ${k.c.code} as ${k.code}`, k] as const))(
    '%s',
    (_name, { el, c, code }) => {
      const info = nct06469190().info;
      const bundle = {
        resourceType: 'Bundle',
        type: 'collection',
        entry: [{ resource: resourceFor(el, c, code) }],
      };
      const prepared = prepareScreeningInput(info, { asOf: '2025-03-15', bundle });
      expect(prepared.ok).toBe(true);
      if (!prepared.ok) return;
      const targets = (
        ENCODED_AS[el.id] ??
        (el.id === 'trial_drug_allergy' && c.system.includes('icd-10') ? 'anaphylaxis_history' : el.id)
      ).split('|');
      // A SNOMED-coded diagnosis is unclassified for the elements bound to ICD-10 alone (they
      // cannot tell whether it is theirs), and says so; it is never unclassified for its own.
      for (const w of prepared.warnings) {
        expect(w.code).toBe('W-FHIR-UNCLASSIFIED');
        for (const id of targets) expect(w.message).not.toMatch(new RegExp(`bindings of [^(]*\\b${id}\\b`));
      }
      const found = targets.some((id) => {
        const value = prepared.input.facts[id];
        const records = Array.isArray(value) ? (value as { unclassified?: true }[]) : [];
        return records.length > 0 ? records.some((r) => !r.unclassified) : value !== undefined;
      });
      expect(found, `facts: ${JSON.stringify(prepared.input.facts)}`).toBe(true);
    },
  );
});
