import { describe, expect, it } from 'vitest';
import { bundle as make, patient } from '../testing/fhir';
import { readBundle } from '../testing/read';

function read(...resources: Parameters<typeof make>) {
  return readBundle(make(...resources), '2025-03-15');
}

describe('Patient', () => {
  it('reads birth date and gender into the elements bound to them', () => {
    const { facts } = read(patient('1990-09-20', 'female'));
    expect(facts.birth_date).toBe('1990-09-20');
    expect(facts.sex).toBe('female');
  });

  it('keeps a partial birth date at its precision', () => {
    expect(read(patient('1990-05')).facts.birth_date).toBe('1990-05');
    expect(read(patient('1990')).facts.birth_date).toBe('1990');
  });

  it('leaves what the Patient does not say unknown', () => {
    const { facts } = read(patient());
    expect(Object.hasOwn(facts, 'birth_date')).toBe(false);
    expect(Object.hasOwn(facts, 'sex')).toBe(false);
  });
});
