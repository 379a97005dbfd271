import { describe, expect, it } from 'vitest';
import { coded, concept, LOINC, lab, bundle as make, patient, SNOMED, UCUM } from '../testing/fhir';
import { readBundle } from '../testing/read';

const ASOF = '2025-03-15';

function read(...resources: Parameters<typeof make>) {
  return readBundle(make(...resources), ASOF);
}

const positive = concept(SNOMED, '10828004', 'Positive');
const negative = concept(SNOMED, '260385009', 'Negative');

describe('Observations', () => {
  it('reads a quantity with its UCUM code, comparator and date, keeping the moment of a timed one', () => {
    const { facts, warnings } = read(lab('6690-2', 5.6, '10*9/L', '2025-03-12T08:30:00+01:00'));
    expect(facts.wbc).toEqual([{ value: 5.6, unit: '10*9/L', date: '2025-03-12T08:30:00+01:00' }]);
    expect(warnings).toEqual([]);
  });

  it("keeps a comparator: '<20 [IU]/mL' stays below 20", () => {
    const obs = lab('29615-2', 20, '[IU]/mL', '2025-03-01');
    obs.valueQuantity!.comparator = '<';
    expect(read(obs).facts.hbv_dna).toEqual([
      { value: 20, unit: '[IU]/mL', comparator: '<', date: '2025-03-01' },
    ]);
  });

  it('reads every result of an element, by any of its codes, keeping partial dates', () => {
    const { facts } = read(
      lab('6690-2', 5.6, '10*9/L', '2025-03-12'),
      lab('26464-8', 4100, '/uL', '2025-02'),
      lab('6690-2', 6.1, '10*9/L', '2024'),
    );
    expect(facts.wbc).toEqual([
      { value: 5.6, unit: '10*9/L', date: '2025-03-12' },
      { value: 4100, unit: '/uL', date: '2025-02' },
      { value: 6.1, unit: '10*9/L', date: '2024' },
    ]);
  });

  it('dates a result by effectiveDateTime, else effectivePeriod.start, else issued; undated results stay undated', () => {
    const period = lab('1742-6', 30, 'U/L', '2025-01-01', {
      effectiveDateTime: undefined,
      effectivePeriod: { start: '2025-03-10T22:00:00Z', end: '2025-03-11T06:00:00Z' },
    });
    const issued = lab('1742-6', 31, 'U/L', '2025-01-01', {
      effectiveDateTime: undefined,
      issued: '2025-03-09T10:00:00Z',
    });
    const undated = lab('1742-6', 32, 'U/L', '2025-01-01', { effectiveDateTime: undefined });
    expect(read(period, issued, undated).facts.alt).toEqual([
      { value: 30, unit: 'U/L', date: '2025-03-10T22:00:00Z' },
      { value: 31, unit: 'U/L', date: '2025-03-09T10:00:00Z' },
      { value: 32, unit: 'U/L' },
    ]);
  });

  it('cuts a date-time without its offset to its day: the moment it names is not known', () => {
    const { facts } = read(lab('6690-2', 5.6, '10*9/L', '2025-03-12T08:30:00'));
    expect(facts.wbc).toEqual([{ value: 5.6, unit: '10*9/L', date: '2025-03-12' }]);
  });

  it('ignores results dated after the screening date, without a warning', () => {
    const { facts, warnings } = read(
      lab('6690-2', 5.6, '10*9/L', '2025-03-16'),
      lab('6690-2', 5.0, '10*9/L', '2025-04'),
      lab('99999-9', 1, '1', '2025-03-20'),
      lab('6690-2', 4.0, '10*9/L', '2025-03'),
    );
    expect(facts.wbc).toEqual([{ value: 4.0, unit: '10*9/L', date: '2025-03' }]);
    expect(warnings).toEqual([]);
  });

  it('never counts cancelled or entered-in-error results, and reports unverified ones', () => {
    const { facts, warnings } = read(
      lab('6690-2', 1.0, '10*9/L', '2025-03-12', { status: 'entered-in-error' }),
      lab('6690-2', 1.1, '10*9/L', '2025-03-12', { status: 'cancelled' }),
      lab('6690-2', 1.2, '10*9/L', '2025-03-12', { status: 'preliminary' }),
      lab('6690-2', 5.6, '10*9/L', '2025-03-11', { status: 'amended' }),
      lab('6690-2', 5.7, '10*9/L', '2025-03-10', { status: 'corrected' }),
    );
    expect(facts.wbc).toEqual([
      { value: 5.6, unit: '10*9/L', date: '2025-03-11' },
      { value: 5.7, unit: '10*9/L', date: '2025-03-10' },
    ]);
    expect(warnings).toEqual([
      {
        code: 'W-FHIR-STATUS',
        message: "an Observation with status 'preliminary' is not counted",
        path: 'bundle.entry[2].resource.status',
        element: 'wbc',
      },
    ]);
  });

  it('omits labs and tests without results (unknown, never absent)', () => {
    const { facts } = read(patient('1990'));
    expect(Object.hasOwn(facts, 'wbc')).toBe(false);
    expect(Object.hasOwn(facts, 'hbsag')).toBe(false);
  });

  it('keeps the first reference range with a limit, with its unit only when it differs', () => {
    const same = lab('1742-6', 95, 'U/L', '2025-03-12', {
      referenceRange: [
        { text: 'see report' },
        {
          low: { value: 7, unit: 'U/L', system: UCUM, code: 'U/L' },
          high: { value: 40, system: UCUM, code: 'U/L' },
        },
      ],
    });
    const other = lab('2160-0', 1.05, 'mg/dL', '2025-03-11', {
      referenceRange: [{ high: { value: 97, unit: 'µmol/L', system: UCUM, code: 'umol/L' } }],
    });
    const bare = lab('1742-6', 20, 'U/L', '2025-03-10', { referenceRange: [{ high: { value: 40 } }] });
    const { facts, warnings } = read(same, other, bare);
    expect(facts.alt).toEqual([
      { value: 95, unit: 'U/L', date: '2025-03-12', referenceRange: { low: 7, high: 40 } },
      { value: 20, unit: 'U/L', date: '2025-03-10', referenceRange: { high: 40 } },
    ]);
    expect(facts.creatinine).toEqual([
      { value: 1.05, unit: 'mg/dL', date: '2025-03-11', referenceRange: { high: 97, unit: 'umol/L' } },
    ]);
    expect(warnings).toEqual([]);
  });

  it('for a lab with range for, keeps the first range that applies to one of its codes, with what it applies to', () => {
    const applies = (code: string) => [{ coding: [{ system: 'http://snomed.info/sct', code }] }];
    const iu = (value: number) => ({ value, unit: 'mIU/mL', system: UCUM, code: 'm[IU]/mL' });
    const second = lab('15067-2', 78.4, 'm[IU]/mL', '2025-03-12', {
      referenceRange: [
        { low: iu(3.5), high: iu(12.5), appliesTo: applies('289903006') },
        { low: iu(25.8), high: iu(134.8), appliesTo: applies('76498008') },
      ],
    });
    const none = lab('15067-2', 70, 'm[IU]/mL', '2025-03-11', {
      referenceRange: [{ low: iu(3.5), high: iu(12.5), appliesTo: applies('289903006') }],
    });
    const alt = lab('1742-6', 20, 'U/L', '2025-03-10', {
      referenceRange: [{ high: { value: 40 }, appliesTo: applies('76498008') }, { high: { value: 35 } }],
    });
    const { facts } = read(second, none, alt);
    const snomed = (code: string) => [{ system: 'http://snomed.info/sct', code }];
    expect(facts.fsh).toEqual([
      {
        value: 78.4,
        unit: 'm[IU]/mL',
        date: '2025-03-12',
        referenceRange: { low: 25.8, high: 134.8, appliesTo: snomed('76498008') },
      },
      {
        value: 70,
        unit: 'm[IU]/mL',
        date: '2025-03-11',
        referenceRange: { low: 3.5, high: 12.5, appliesTo: snomed('289903006') },
      },
    ]);
    // Without range for, the first range, whatever it applies to.
    expect(facts.alt).toEqual([
      {
        value: 20,
        unit: 'U/L',
        date: '2025-03-10',
        referenceRange: { high: 40, appliesTo: snomed('76498008') },
      },
    ]);
  });

  it('drops a reference range it cannot convert, keeping the value', () => {
    const obs = lab('1742-6', 95, 'U/L', '2025-03-12', {
      referenceRange: [{ high: { value: 40, system: UCUM, code: 'g/L' } }],
    });
    const { facts, warnings } = read(obs);
    expect(facts.alt).toEqual([{ value: 95, unit: 'U/L', date: '2025-03-12' }]);
    expect(warnings).toEqual([
      {
        code: 'W-FHIR-UNIT',
        message: "'g/L' cannot be converted to U/L; the value is treated as missing",
        path: 'bundle.entry[0].resource.referenceRange[0].high.code',
        element: 'alt',
      },
    ]);
  });
});

describe('Observation units', () => {
  it('converts nothing but accepts units the element can convert from, including through the molar mass', () => {
    const { facts, warnings } = read(lab('14682-9', 93, 'umol/L', '2025-03-12'));
    expect(facts.creatinine).toEqual([{ value: 93, unit: 'umol/L', date: '2025-03-12' }]);
    expect(warnings).toEqual([]);
  });

  it('drops a value whose unit is not valid UCUM or not convertible, never reading it as zero', () => {
    const invalid = lab('2160-0', 1.05, 'mg per dL', '2025-03-12');
    const wrong = lab('6690-2', 5.6, 'g/L', '2025-03-12');
    const { facts, warnings } = read(invalid, wrong);
    expect(Object.hasOwn(facts, 'creatinine')).toBe(false);
    expect(Object.hasOwn(facts, 'wbc')).toBe(false);
    expect(warnings).toEqual([
      {
        code: 'W-FHIR-UNIT',
        message: "'mg per dL' is not a valid UCUM unit; the value is treated as missing",
        path: 'bundle.entry[0].resource.valueQuantity.code',
        element: 'creatinine',
      },
      {
        code: 'W-FHIR-UNIT',
        message: "'g/L' cannot be converted to 10*9/L; the value is treated as missing",
        path: 'bundle.entry[1].resource.valueQuantity.code',
        element: 'wbc',
      },
    ]);
  });

  it('falls back to the unit text when there is no UCUM code, with a warning', () => {
    const obs = lab('2160-0', 1.05, 'mg/dL', '2025-03-12');
    obs.valueQuantity = { value: 1.05, unit: 'mg/dL' };
    const { facts, warnings } = read(obs);
    expect(facts.creatinine).toEqual([{ value: 1.05, unit: 'mg/dL', date: '2025-03-12' }]);
    expect(warnings).toEqual([
      {
        code: 'W-FHIR-UNIT-TEXT',
        message: "no UCUM code for the unit; read the unit text 'mg/dL' as UCUM",
        path: 'bundle.entry[0].resource.valueQuantity.unit',
        element: 'creatinine',
      },
    ]);
  });

  it('drops a value whose unit is coded in another system, or that has no unit', () => {
    const snomedUnit = lab('2160-0', 1.05, 'mg/dL', '2025-03-12');
    snomedUnit.valueQuantity = { value: 1.05, unit: 'mg/dL', system: SNOMED, code: '258797006' };
    const none = lab('6690-2', 5.6, '10*9/L', '2025-03-12');
    none.valueQuantity = { value: 5.6 };
    const { facts, warnings } = read(snomedUnit, none);
    expect(facts).toEqual({
      diabetes: [],
      malignancy: [],
      arb: [],
      biopsy: [],
      any_allergy: [],
      drug_allergy: [],
      hf_admission: [],
    });
    expect(warnings.map((w) => [w.code, w.message, w.path])).toEqual([
      [
        'W-FHIR-UNIT',
        'the unit is coded in http://snomed.info/sct, not UCUM; the value is treated as missing',
        'bundle.entry[0].resource.valueQuantity.system',
      ],
      [
        'W-FHIR-UNIT',
        'the quantity has no unit (expected one convertible to 10*9/L); the value is treated as missing',
        'bundle.entry[1].resource.valueQuantity',
      ],
    ]);
  });

  it('takes a quantity without a unit for a pure-number lab such as INR', () => {
    const obs = lab('6301-6', 1.1, '{INR}', '2025-03-12');
    obs.valueQuantity = { value: 1.1 };
    expect(read(obs).facts.inr).toEqual([{ value: 1.1, date: '2025-03-12' }]);
  });

  it('reports a quantity without a value as missing', () => {
    const obs = lab('6690-2', 5.6, '10*9/L', '2025-03-12');
    obs.valueQuantity = { unit: '10*9/L', system: UCUM, code: '10*9/L' };
    const { facts, warnings } = read(obs);
    expect(Object.hasOwn(facts, 'wbc')).toBe(false);
    expect(warnings).toEqual([
      {
        code: 'W-FHIR-VALUE',
        message: 'the quantity has no value; the result is treated as missing',
        path: 'bundle.entry[0].resource.valueQuantity.value',
        element: 'wbc',
      },
    ]);
  });
});

describe('coded results', () => {
  it('reads SNOMED positive and negative', () => {
    const { facts } = read(coded('5196-1', negative, '2025-03-10'), coded('5196-1', positive, '2024-01-02'));
    expect(facts.hbsag).toEqual([
      { code: 'negative', date: '2025-03-10' },
      { code: 'positive', date: '2024-01-02' },
    ]);
  });

  it("reads another code by its code, display or text when it names one of the element's values", () => {
    const byDisplay = coded(
      '17351-8',
      { coding: [{ system: 'http://example.org/lab', code: 'P-ANCA', display: 'Perinuclear' }] },
      '2025-03-01',
    );
    const byText = coded('17351-8', { text: 'cytoplasmic' }, '2025-02-01');
    const { facts, warnings } = read(byDisplay, byText);
    expect(facts.anca_pattern).toEqual([
      { code: 'perinuclear', date: '2025-03-01' },
      { code: 'cytoplasmic', date: '2025-02-01' },
    ]);
    expect(warnings).toEqual([]);
  });

  it('reports an unrecognised coded value and keeps it as a result of unknown value', () => {
    const { facts, warnings } = read(
      coded('5196-1', concept(SNOMED, '419984006', 'Inconclusive'), '2025-03-10'),
    );
    expect(facts.hbsag).toEqual([{ code: 'http://snomed.info/sct|419984006', date: '2025-03-10' }]);
    expect(warnings).toEqual([
      {
        code: 'W-FHIR-VALUE',
        message:
          "the coded result http://snomed.info/sct|419984006 is none of hbsag's values (positive, negative); the result counts, its value unknown",
        path: 'bundle.entry[0].resource.valueCodeableConcept',
        element: 'hbsag',
      },
    ]);
  });

  it('reads a numeric result of a test with its unit and reference range', () => {
    const obs = lab('46266-3', 35, '[IU]/mL', '2025-03-01', {
      referenceRange: [{ high: { value: 20, system: UCUM, code: '[IU]/mL' } }],
    });
    expect(read(obs).facts.anca_mpo).toEqual([
      { value: 35, unit: '[IU]/mL', date: '2025-03-01', referenceRange: { high: 20 } },
    ]);
  });

  it('reads a result text that names a value', () => {
    const obs = coded('5196-1', positive, '2025-03-10', {
      valueCodeableConcept: undefined,
      valueString: ' Negative ',
    });
    expect(read(obs).facts.hbsag).toEqual([{ code: 'negative', date: '2025-03-10' }]);
  });
});

describe('unmapped Observations', () => {
  it('gives one summary warning per code that no element binds', () => {
    const { warnings } = read(
      lab('8867-4', 72, '/min', '2025-03-12'),
      lab('8867-4', 75, '/min', '2025-03-11'),
      lab('6690-2', 5.6, '10*9/L', '2025-03-12'),
      lab('29463-7', 60, 'kg', '2025-03-12'),
    );
    expect(warnings).toEqual([
      {
        code: 'W-FHIR-UNMAPPED',
        message:
          '2 Observations coded http://loinc.org|8867-4 match no data element of the protocol; ignored',
        path: 'bundle.entry[0].resource.code',
      },
      {
        code: 'W-FHIR-UNMAPPED',
        message:
          'an Observation coded http://loinc.org|29463-7 matches no data element of the protocol; ignored',
        path: 'bundle.entry[3].resource.code',
      },
    ]);
  });

  it('matches by any coding of the Observation', () => {
    const obs = lab('6690-2', 5.6, '10*9/L', '2025-03-12');
    obs.code = {
      coding: [
        { system: 'http://example.org/local', code: 'WBC' },
        { system: LOINC, code: '6690-2' },
      ],
    };
    const { facts, warnings } = read(obs);
    expect(facts.wbc).toEqual([{ value: 5.6, unit: '10*9/L', date: '2025-03-12' }]);
    expect(warnings).toEqual([]);
  });
});
