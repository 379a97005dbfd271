import { describe, expect, it } from 'vitest';
import { describeRecord, jsonSyntaxError, readPatientJson } from './patient-input';

const bundle = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [{ resource: { resourceType: 'Patient' } }],
};

describe('readPatientJson', () => {
  it('reads a bare FHIR Bundle', () => {
    const result = readPatientJson(JSON.stringify(bundle));
    expect(result).toEqual({
      ok: true,
      input: { record: { kind: 'bundle', bundle, entries: 1 }, asOf: undefined, answers: undefined },
    });
  });

  it('reads bare facts', () => {
    const facts = { wbc: { value: 5.6, unit: '10*9/L' }, sex: 'female' };
    const result = readPatientJson(JSON.stringify(facts));
    expect(result).toEqual({
      ok: true,
      input: { record: { kind: 'facts', facts, elements: 2 }, asOf: undefined, answers: undefined },
    });
  });

  it('reads a whole screening input, keeping its date and answers', () => {
    const result = readPatientJson(
      JSON.stringify({ asOf: '2025-03-15', bundle, answers: { consent: true } }),
    );
    expect(result).toEqual({
      ok: true,
      input: {
        record: { kind: 'bundle', bundle, entries: 1 },
        asOf: '2025-03-15',
        answers: { consent: true },
      },
    });
  });

  it('treats a screening input without a record as empty facts', () => {
    const result = readPatientJson('{"asOf":"2025-03-15","answers":{}}');
    expect(result.ok && result.input.record).toEqual({ kind: 'facts', facts: {}, elements: 0 });
  });

  it.each([
    ['', 'The file or pasted text is empty.'],
    ['[1, 2]', 'Expected a JSON object: a FHIR Bundle, facts, or a screening input.'],
    ['{"resourceType":"Patient"}', 'Expected a FHIR Bundle, got a Patient resource; wrap it in a Bundle.'],
    ['{"bundle":{},"facts":{}}', 'A screening input has either "bundle" or "facts", not both.'],
    ['{"bundle":{"entry":[]}}', '"bundle" must be a FHIR Bundle (an object with "resourceType": "Bundle").'],
    ['{"facts":[]}', '"facts" must be an object keyed by data element id.'],
    ['{"asOf":20250315,"facts":{}}', '"asOf" must be a date YYYY-MM-DD.'],
    ['{"facts":{},"answers":[true]}', '"answers" must be an object keyed by question id.'],
  ])('rejects %j', (text, error) => {
    expect(readPatientJson(text)).toEqual({ ok: false, error });
  });

  it('says where JSON is broken, by line and column', () => {
    expect(readPatientJson('{\n  "sex": "female"\n  "wbc": []\n}')).toEqual({
      ok: false,
      error: "This is not valid JSON. Line 3, column 3: expected ',' or '}' after property value.",
    });
    expect(readPatientJson('{"resourceType": "Bundle",\n')).toEqual({
      ok: false,
      error: 'This is not valid JSON. Line 2, column 1: expected double-quoted property name.',
    });
  });
});

describe('jsonSyntaxError', () => {
  it('reads the position from V8, Firefox and bare messages', () => {
    expect(jsonSyntaxError('{"a" 1}', "Expected ':' after property name in JSON at position 5")).toBe(
      "This is not valid JSON. Line 1, column 6: expected ':' after property name.",
    );
    expect(
      jsonSyntaxError(
        '{\n"a" 1}',
        "JSON.parse: expected ':' after property name in object at line 2 column 5 of the JSON data",
      ),
    ).toBe("This is not valid JSON. Line 2, column 5: expected ':' after property name in object.");
    expect(jsonSyntaxError('{\n  "a": [', 'Unexpected end of JSON input')).toBe(
      'This is not valid JSON. Line 2, column 9: unexpected end of JSON input.',
    );
    expect(jsonSyntaxError('x', 'JSON Parse error: Unexpected identifier "x"')).toBe(
      'This is not valid JSON: JSON Parse error: Unexpected identifier "x".',
    );
  });
});

describe('describeRecord', () => {
  it('counts entries and elements', () => {
    expect(describeRecord({ kind: 'bundle', bundle, entries: 1 })).toBe('FHIR Bundle, 1 entry');
    expect(describeRecord({ kind: 'bundle', bundle, entries: 23 })).toBe('FHIR Bundle, 23 entries');
    expect(describeRecord({ kind: 'facts', facts: {}, elements: 0 })).toBe('Facts for 0 data elements');
  });
});
