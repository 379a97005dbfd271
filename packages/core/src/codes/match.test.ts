import { describe, expect, it } from 'vitest';
import type { CodeBindingInfo, CodePatternInfo } from '../protocol';
import { CODE_SYSTEMS } from '../protocol';
import { canonicalSystem, matchesBinding, matchesCode } from './match';

const { icd10, atc, loinc, snomed } = CODE_SYSTEMS;
const exact = (system: string, code: string): CodePatternInfo => ({ system, code, match: 'exact' });
const prefix = (system: string, code: string): CodePatternInfo => ({ system, code, match: 'prefix' });
const range = (system: string, code: string, to: string): CodePatternInfo => ({
  system,
  code,
  match: 'range',
  to,
});

describe('matchesCode', () => {
  it('matches an exact code only', () => {
    expect(matchesCode(exact(loinc, '6690-2'), loinc, '6690-2')).toBe(true);
    expect(matchesCode(exact(loinc, '6690-2'), loinc, '6690-20')).toBe(false);
    expect(matchesCode(exact(icd10, 'E80.4'), icd10, 'E80.4')).toBe(true);
    expect(matchesCode(exact(icd10, 'E80.4'), icd10, 'E80.41')).toBe(false);
  });

  it('matches a prefix and every code below it', () => {
    expect(matchesCode(prefix(icd10, 'E11'), icd10, 'E11')).toBe(true);
    expect(matchesCode(prefix(icd10, 'E11'), icd10, 'E11.9')).toBe(true);
    expect(matchesCode(prefix(icd10, 'E11'), icd10, 'E10.9')).toBe(false);
    expect(matchesCode(prefix(atc, 'L04A'), atc, 'L04AA06')).toBe(true);
    expect(matchesCode(prefix(atc, 'L04A'), atc, 'L04BA06')).toBe(false);
  });

  it('matches every code of its system, and only of it, with the empty prefix (`atc *`)', () => {
    expect(matchesCode(prefix(atc, ''), atc, 'J01GB03')).toBe(true);
    expect(matchesCode(prefix(atc, ''), 'urn:oid:2.16.840.1.113883.6.73', 'J01CE02')).toBe(true);
    expect(matchesCode(prefix(atc, ''), snomed, '91930004')).toBe(false);
    expect(matchesCode(prefix(atc, ''), atc, '  ')).toBe(false);
    expect(matchesCode(exact(atc, ''), atc, 'J01GB03')).toBe(false);
  });

  it('matches a range by the leading characters of its bounds, inclusive', () => {
    const malignant = range(icd10, 'C00', 'C97');
    expect(matchesCode(malignant, icd10, 'C00')).toBe(true);
    expect(matchesCode(malignant, icd10, 'C50.9')).toBe(true);
    expect(matchesCode(malignant, icd10, 'C97')).toBe(true);
    expect(matchesCode(malignant, icd10, 'C98')).toBe(false);
    expect(matchesCode(malignant, icd10, 'D05.1')).toBe(false);
    expect(matchesCode(malignant, icd10, 'B99')).toBe(false);
    expect(matchesCode(malignant, icd10, 'C9')).toBe(false);
  });

  it('compares ICD-10 codes without their dot and in any case', () => {
    expect(matchesCode(exact(icd10, 'E11.9'), icd10, 'E119')).toBe(true);
    expect(matchesCode(prefix(icd10, 'N02.8'), icd10, 'n02.8')).toBe(true);
    expect(matchesCode(prefix(atc, 'C09C'), atc, 'c09ca01')).toBe(true);
  });

  it('never matches across code systems', () => {
    expect(matchesCode(exact(snomed, '27503000'), icd10, '27503000')).toBe(false);
    expect(matchesCode(prefix(icd10, 'E11'), 'http://example.org/local', 'E11.9')).toBe(false);
  });

  it('never matches an empty code', () => {
    expect(matchesCode(prefix(icd10, 'E11'), icd10, '')).toBe(false);
    expect(matchesCode(exact(loinc, ' '), loinc, ' ')).toBe(false);
  });

  it('accepts the known aliases of a system', () => {
    expect(matchesCode(prefix(icd10, 'E11'), 'http://hl7.org/fhir/sid/icd-10-cm', 'E11.65')).toBe(true);
    expect(matchesCode(prefix(icd10, 'E11'), 'urn:oid:2.16.840.1.113883.6.90', 'E11.65')).toBe(true);
    expect(matchesCode(exact(loinc, '718-7'), 'urn:oid:2.16.840.1.113883.6.1', '718-7')).toBe(true);
    expect(matchesCode(exact(snomed, '90241008'), 'http://snomed.info/sct/', '90241008')).toBe(true);
  });
});

describe('canonicalSystem', () => {
  it('resolves aliases and keeps unknown systems as written', () => {
    expect(canonicalSystem('http://hl7.org/fhir/sid/icd-10-cm')).toBe(icd10);
    expect(canonicalSystem('urn:oid:2.16.840.1.113883.6.73')).toBe(atc);
    expect(canonicalSystem('http://example.org/local')).toBe('http://example.org/local');
  });
});

describe('matchesBinding', () => {
  const malignancy: CodeBindingInfo = {
    any: false,
    include: [range(icd10, 'C00', 'C97'), exact(snomed, '363346000')],
    exclude: [prefix(icd10, 'C44')],
  };

  it('matches any included pattern unless an excluded one matches', () => {
    expect(matchesBinding(malignancy, icd10, 'C50.9')).toBe(true);
    expect(matchesBinding(malignancy, snomed, '363346000')).toBe(true);
    expect(matchesBinding(malignancy, icd10, 'C44.9')).toBe(false);
    expect(matchesBinding(malignancy, icd10, 'C44')).toBe(false);
    expect(matchesBinding(malignancy, icd10, 'D05.1')).toBe(false);
  });

  it('leaves out every code of a system excluded whole (`except atc *`)', () => {
    const egg: CodeBindingInfo = {
      any: false,
      include: [exact(snomed, '91930004'), exact(icd10, 'Z91.012')],
      exclude: [prefix(atc, '')],
    };
    expect(matchesBinding(egg, snomed, '91930004')).toBe(true);
    expect(matchesBinding(egg, atc, 'J01GB03')).toBe(false);
  });

  it('matches every code when the binding is `any`, still minus the exclusions', () => {
    const anything: CodeBindingInfo = { any: true, include: [], exclude: [exact(atc, 'N02BE01')] };
    expect(matchesBinding(anything, snomed, '91936005')).toBe(true);
    expect(matchesBinding(anything, atc, 'N02BE01')).toBe(false);
  });

  it('matches nothing when it includes nothing', () => {
    expect(matchesBinding({ any: false, include: [], exclude: [] }, icd10, 'C50.9')).toBe(false);
  });
});
