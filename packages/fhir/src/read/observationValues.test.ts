import type { Observation } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { coded, concept, LOINC, lab, bundle as make, SNOMED, UCUM } from '../testing/fhir';
import { readBundle } from '../testing/read';

const ASOF = '2025-03-15';

function read(...resources: Parameters<typeof make>) {
  return readBundle(make(...resources), ASOF);
}

/** An Observation of `loinc` on 2025-03-10 with the given value[x]. */
function result(loinc: string, value: Partial<Observation>): Observation {
  return {
    resourceType: 'Observation',
    status: 'final',
    code: concept(LOINC, loinc),
    effectiveDateTime: '2025-03-10',
    ...value,
  };
}

const ORDINAL = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';
const ITEM_WEIGHT = 'http://hl7.org/fhir/StructureDefinition/itemWeight';

/** An ECOG answer (LOINC answer list LL529-9) carrying its grade as an ordinal extension. */
function ecogAnswer(code: string, display: string, grade: number | undefined, url = ORDINAL) {
  return {
    coding: [
      {
        system: LOINC,
        code,
        display,
        ...(grade === undefined ? {} : { extension: [{ url, valueDecimal: grade }] }),
      },
    ],
  };
}

describe('integer results', () => {
  it('reads valueInteger as a number in the unit of a dimensionless element (ECOG 1)', () => {
    const { facts, warnings } = read(result('89247-1', { valueInteger: 1 }));
    expect(facts.ecog).toEqual([{ value: 1, unit: '{score}', date: '2025-03-10' }]);
    expect(warnings).toEqual([]);
  });

  it('reads valueInteger 0, which is a value and not a missing one', () => {
    expect(read(result('89247-1', { valueInteger: 0 })).facts.ecog).toEqual([
      { value: 0, unit: '{score}', date: '2025-03-10' },
    ]);
  });

  it('refuses an integer for an element with a dimension, never guessing its unit', () => {
    const { facts, warnings } = read(result('6690-2', { valueInteger: 5 }));
    expect(Object.hasOwn(facts, 'wbc')).toBe(false);
    expect(warnings).toEqual([
      {
        code: 'W-FHIR-UNIT',
        message:
          'a valueInteger result has no unit (expected one convertible to 10*9/L); the value is treated as missing',
        path: 'bundle.entry[0].resource.valueInteger',
        element: 'wbc',
      },
    ]);
  });

  it('reads an integer for a test element as a number, with its reference range', () => {
    const obs = result('46266-3', { valueInteger: 35, referenceRange: [{ high: { value: 20 } }] });
    expect(read(obs).facts.anca_mpo).toEqual([
      { value: 35, date: '2025-03-10', referenceRange: { high: 20 } },
    ]);
  });
});

describe('quantities without a unit', () => {
  it('reads one for a dimensionless element such as a score', () => {
    const { facts, warnings } = read(result('89247-1', { valueQuantity: { value: 2 } }));
    expect(facts.ecog).toEqual([{ value: 2, date: '2025-03-10' }]);
    expect(warnings).toEqual([]);
  });

  it("accepts the unit '1' or an annotation for a score", () => {
    const one = result('89247-1', { valueQuantity: { value: 1, system: UCUM, code: '1' } });
    const score = lab('89247-1', 2, '{score}', '2025-03-09');
    expect(read(one, score).facts.ecog).toEqual([
      { value: 1, unit: '1', date: '2025-03-10' },
      { value: 2, unit: '{score}', date: '2025-03-09' },
    ]);
  });

  it('refuses one for a percentage, which could be a fraction or a percent', () => {
    const { facts, warnings } = read(result('10230-1', { valueQuantity: { value: 0.6 } }));
    expect(Object.hasOwn(facts, 'lvef')).toBe(false);
    expect(warnings.map((w) => [w.code, w.message])).toEqual([
      [
        'W-FHIR-UNIT',
        'the quantity has no unit (expected one convertible to %); the value is treated as missing',
      ],
    ]);
  });
});

describe('ordinal coded results', () => {
  it('reads the ordinalValue of a coded answer as a number for a numeric element', () => {
    const obs = result('89247-1', { valueCodeableConcept: ecogAnswer('LA9623-5', 'Restricted', 1) });
    const { facts, warnings } = read(obs);
    expect(facts.ecog).toEqual([{ value: 1, unit: '{score}', date: '2025-03-10' }]);
    expect(warnings).toEqual([]);
  });

  it('reads itemWeight, the newer name of the extension, the same way', () => {
    const obs = result('89247-1', {
      valueCodeableConcept: ecogAnswer('LA9624-3', 'Ambulatory', 2, ITEM_WEIGHT),
    });
    expect(read(obs).facts.ecog).toEqual([{ value: 2, unit: '{score}', date: '2025-03-10' }]);
  });

  it('reports a coded answer without an ordinal for a numeric element', () => {
    const obs = result('89247-1', { valueCodeableConcept: ecogAnswer('LA9623-5', 'Restricted', undefined) });
    const { facts, warnings } = read(obs);
    expect(facts.ecog).toEqual([expect.objectContaining({ code: 'http://loinc.org|LA9623-5' })]);
    expect(warnings).toEqual([
      {
        code: 'W-FHIR-VALUE',
        message:
          "the coded result http://loinc.org|LA9623-5 is none of ecog's values (positive, negative) and carries no ordinal value; the result counts, its value unknown",
        path: 'bundle.entry[0].resource.valueCodeableConcept',
        element: 'ecog',
      },
    ]);
  });

  it('refuses an ordinal for an element with a dimension', () => {
    const obs = result('6690-2', { valueCodeableConcept: ecogAnswer('LA9623-5', 'Restricted', 1) });
    const { facts, warnings } = read(obs);
    expect(Object.hasOwn(facts, 'wbc')).toBe(false);
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      ['W-FHIR-UNIT', 'bundle.entry[0].resource.valueCodeableConcept'],
    ]);
  });

  it('keeps reading coded results of a test element as codes, ordinal or not', () => {
    const weighted = concept(SNOMED, '260385009', 'Negative');
    (weighted.coding![0] as { extension?: unknown }).extension = [{ url: ORDINAL, valueDecimal: 0 }];
    expect(read(coded('5196-1', weighted, '2025-03-10')).facts.hbsag).toEqual([
      { code: 'negative', date: '2025-03-10' },
    ]);
  });

  it('ignores a malformed extension rather than failing', () => {
    const odd = ecogAnswer('LA9623-5', 'Restricted', undefined);
    (odd.coding[0] as { extension?: unknown }).extension = [
      null,
      { url: ORDINAL, valueDecimal: 'one' },
      { url: ORDINAL, valueInteger: 1 },
    ];
    expect(read(result('89247-1', { valueCodeableConcept: odd })).facts.ecog).toEqual([
      { value: 1, unit: '{score}', date: '2025-03-10' },
    ]);
  });
});

describe('yes/no and text results', () => {
  it('reads valueBoolean as the value that means yes or no', () => {
    const { facts, warnings } = read(
      result('5196-1', { valueBoolean: true }),
      result('5196-1', { valueBoolean: false, effectiveDateTime: '2025-03-01' }),
    );
    expect(facts.hbsag).toEqual([
      { code: 'positive', date: '2025-03-10' },
      { code: 'negative', date: '2025-03-01' },
    ]);
    expect(warnings).toEqual([]);
  });

  it('reports a yes/no result that names none of the values', () => {
    const { facts, warnings } = read(
      result('17351-8', { valueBoolean: true }),
      result('17351-8', { valueBoolean: false, effectiveDateTime: '2025-03-01' }),
    );
    expect(facts.anca_pattern).toEqual([{ code: 'negative', date: '2025-03-01' }]);
    expect(warnings).toEqual([
      {
        code: 'W-FHIR-VALUE',
        message:
          "the yes/no result (true) is none of anca_pattern's values (perinuclear, cytoplasmic, negative); the result is treated as missing",
        path: 'bundle.entry[0].resource.valueBoolean',
        element: 'anca_pattern',
      },
    ]);
  });

  it('reads a plain number in text for a dimensionless element, and nothing else as a number', () => {
    const { facts, warnings } = read(
      result('89247-1', { valueString: ' 2 ' }),
      result('6690-2', { valueString: '5.6' }),
      result('89247-1', { valueString: '1-2', effectiveDateTime: '2025-03-01' }),
    );
    expect(facts.ecog).toEqual([{ value: 2, unit: '{score}', date: '2025-03-10' }]);
    expect(Object.hasOwn(facts, 'wbc')).toBe(false);
    expect(warnings.map((w) => [w.code, w.path, w.element])).toEqual([
      ['W-FHIR-VALUE', 'bundle.entry[1].resource.valueString', 'wbc'],
      ['W-FHIR-VALUE', 'bundle.entry[2].resource.valueString', 'ecog'],
    ]);
  });
});

describe('values that cannot be read', () => {
  it('names the value type it cannot read', () => {
    const ratio = result('6690-2', {
      valueRatio: { numerator: { value: 1 }, denominator: { value: 2 } },
    } as Partial<Observation>);
    const { warnings } = read(ratio);
    expect(warnings).toEqual([
      {
        code: 'W-FHIR-VALUE',
        message: 'a valueRatio result cannot be read; the result is treated as missing',
        path: 'bundle.entry[0].resource.valueRatio',
        element: 'wbc',
      },
    ]);
  });

  it('says why a result has no value when the record says it', () => {
    const absent = result('6690-2', {
      dataAbsentReason: concept('http://terminology.hl7.org/CodeSystem/data-absent-reason', 'not-performed'),
    });
    const bare = result('6690-2', { effectiveDateTime: '2025-03-01' });
    expect(read(absent, bare).warnings.map((w) => [w.message, w.path])).toEqual([
      [
        "the Observation has no value (dataAbsentReason 'not-performed'); the result is treated as missing",
        'bundle.entry[0].resource',
      ],
      ['the Observation has no value; the result is treated as missing', 'bundle.entry[1].resource'],
    ]);
  });
});

describe('coded results bound to value words', () => {
  const stage = (code: string, display: string) =>
    result('21908-9', { valueCodeableConcept: concept(SNOMED, code, display) });

  it('reads a SNOMED CT code bound to a value word as that value', () => {
    const { facts, warnings } = read(stage('1222841004', 'American Joint Committee on Cancer stage IVB'));
    expect(facts.stage_group).toEqual([{ code: 'ivb', date: '2025-03-10' }]);
    expect(warnings).toEqual([]);
  });

  it('keeps a code bound to no value as a result of unknown value, with a warning', () => {
    const { facts, warnings } = read(stage('1222805004', 'American Joint Committee on Cancer stage IIIB'));
    expect(facts.stage_group).toEqual([{ code: 'http://snomed.info/sct|1222805004', date: '2025-03-10' }]);
    expect(warnings).toEqual([
      {
        code: 'W-FHIR-VALUE',
        message:
          "the coded result http://snomed.info/sct|1222805004 is none of stage_group's values (iv, ivb, iiib); the result counts, its value unknown",
        path: 'bundle.entry[0].resource.valueCodeableConcept',
        element: 'stage_group',
      },
    ]);
  });

  it("reads a lab's coded result as the number its code is bound to, and an integer as itself", () => {
    const coded = result('88020-3', { valueCodeableConcept: concept(SNOMED, '421704003', 'NYHA class II') });
    expect(read(coded).facts.nyha_class).toEqual([{ value: 2, unit: '{score}', date: '2025-03-10' }]);
    expect(read(result('88020-3', { valueInteger: 3 })).facts.nyha_class).toEqual([
      { value: 3, unit: '{score}', date: '2025-03-10' },
    ]);
  });
});
