import { describe, expect, it } from 'vitest';
import type { ElementInfo, ProtocolInfo } from '../protocol';
import { answersSchema, factsSchema, inputJsonSchema, screeningInputSchema } from './schema';

const element = (e: Partial<ElementInfo> & Pick<ElementInfo, 'id' | 'label' | 'kind'>): ElementInfo => ({
  closedWorld: false,
  usedBy: [],
  ...e,
});

const info: ProtocolInfo = {
  id: 'DEMO1',
  title: 'Demo',
  version: '1',
  hash: 'h',
  complete: [],
  cohorts: [],
  elements: [
    element({ id: 'birth_date', label: 'Date of birth', kind: 'patient', patientField: 'birthDate' }),
    element({ id: 'sex', label: 'Sex', kind: 'patient', patientField: 'gender' }),
    element({ id: 'wbc', label: 'White blood cell count', kind: 'lab', unit: '10*9/L' }),
    element({ id: 'hcg', label: 'Pregnancy test', kind: 'test', values: ['positive', 'negative'] }),
    element({ id: 'diabetes', label: 'Diabetes', kind: 'condition' }),
    element({ id: 'steroids', label: 'Steroids', kind: 'medication' }),
    element({ id: 'biopsy', label: 'Kidney biopsy', kind: 'procedure' }),
    element({ id: 'penicillin', label: 'Penicillin allergy', kind: 'allergy' }),
    element({ id: 'consent', label: 'Consent signed', kind: 'question', answer: { type: 'boolean' } }),
    element({ id: 'relapses', label: 'Relapses', kind: 'question', answer: { type: 'count' } }),
    element({
      id: 'bdi',
      label: 'Depression score',
      kind: 'question',
      answer: { type: 'score', min: 0, max: 63 },
    }),
    element({ id: 'weight', label: 'Weight', kind: 'question', answer: { type: 'number', unit: 'kg' } }),
    element({ id: 'last_dose', label: 'Last dose', kind: 'question', answer: { type: 'date' } }),
    element({ id: 'stage', label: 'Stage', kind: 'question', answer: { type: 'code', values: ['I', 'II'] } }),
    element({ id: 'young', label: 'Young', kind: 'define' }),
  ],
};

const issues = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => result.error?.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`) ?? [];

describe('factsSchema', () => {
  const facts = factsSchema(info);

  it('accepts every kind of fact', () => {
    const input = {
      birth_date: '1990-05',
      sex: 'female',
      wbc: [{ value: 4.2, unit: '10*9/L', date: '2025-03-01' }],
      hcg: { code: 'negative' },
      diabetes: [{ system: 'http://snomed.info/sct', code: '44054006', onset: '2010' }],
      steroids: false,
      biopsy: true,
      penicillin: [{ code: '91936005', criticality: 'high' }],
    };
    const result = facts.safeParse(input);
    expect(issues(result)).toEqual([]);
    // Defaults of the record shapes are filled in.
    expect((result.data as Record<string, unknown>).diabetes).toEqual([
      {
        system: 'http://snomed.info/sct',
        code: '44054006',
        onset: '2010',
        clinicalStatus: 'active',
        verificationStatus: 'confirmed',
      },
    ]);
  });

  it('accepts an empty object: every fact is optional', () => {
    expect(facts.safeParse({}).success).toBe(true);
  });

  it('reports the offending path inside a list of results', () => {
    const result = facts.safeParse({
      wbc: [
        { value: 4.2, unit: '10*9/L' },
        { value: 5, unit: 5 },
      ],
    });
    expect(issues(result)).toEqual(['wbc.1.unit: Invalid input: expected string, received number']);
  });

  it('reports the offending path inside a single result', () => {
    expect(issues(facts.safeParse({ wbc: { value: 4.2, unit: '10*9/L', code: 'x' } }))).toEqual([
      'wbc: a result has either a value (with its unit) or a code, not both',
    ]);
    expect(issues(facts.safeParse({ wbc: 'high' }))).toEqual([
      'wbc: Invalid input: expected object, received string',
    ]);
  });

  it('reports the offending path inside records', () => {
    expect(issues(facts.safeParse({ diabetes: [{ code: 'E11', clinicalStatus: 'cured' }] }))).toEqual([
      'diabetes.0.clinicalStatus: Invalid option: expected one of "active"|"recurrence"|"relapse"|"inactive"|"remission"|"resolved"',
    ]);
    expect(issues(facts.safeParse({ steroids: 'yes' }))).toEqual([
      'steroids: Invalid input: expected boolean, received string',
    ]);
  });

  it('types patient fields', () => {
    expect(issues(facts.safeParse({ sex: 'F', birth_date: '05/17/1990' }))).toEqual([
      'birth_date: expected a date YYYY, YYYY-MM or YYYY-MM-DD',
      'sex: Invalid option: expected one of "male"|"female"|"other"|"unknown"',
    ]);
  });

  it('rejects unknown keys, questions and defines', () => {
    expect(issues(facts.safeParse({ wbcc: 1, consent: true, young: true }))).toEqual([
      ': Unrecognized keys: "wbcc", "consent", "young"',
    ]);
  });
});

describe('answersSchema', () => {
  const answers = answersSchema(info);

  it('accepts typed answers, null and absence', () => {
    const input = { consent: true, relapses: 2, bdi: 63, weight: 71.5, last_dose: '2025-01-31', stage: 'II' };
    expect(issues(answers.safeParse(input))).toEqual([]);
    expect(answers.safeParse({ consent: null, bdi: null }).success).toBe(true);
    expect(answers.safeParse({}).success).toBe(true);
  });

  it('checks each answer type', () => {
    expect(
      issues(
        answers.safeParse({
          consent: 'yes',
          relapses: 1.5,
          bdi: 64,
          weight: '70',
          last_dose: '2025-01',
          stage: 'III',
        }),
      ),
    ).toEqual([
      'consent: Invalid input: expected boolean, received string',
      'relapses: Invalid input: expected int, received number',
      'bdi: Too big: expected number to be <=63',
      'weight: Invalid input: expected number, received string',
      'last_dose: expected a date YYYY-MM-DD, or a date and time with its UTC offset YYYY-MM-DDThh:mm:ss+hh:mm',
      'stage: Invalid option: expected one of "I"|"II"',
    ]);
    expect(issues(answers.safeParse({ relapses: -1 }))).toEqual([
      'relapses: Too small: expected number to be >=0',
    ]);
    expect(issues(answers.safeParse({ wbc: 1 }))).toEqual([': Unrecognized key: "wbc"']);
  });
});

describe('date answers', () => {
  const answers = answersSchema(info);

  it('take a day, or a date and time with its UTC offset', () => {
    for (const last_dose of [
      '2025-10-15',
      '2025-10-15T09:00:00+07:00',
      '2025-10-15T09:00Z',
      '2025-10-15T09:00:00.250-03:30',
    ]) {
      expect(answers.safeParse({ last_dose }).success).toBe(true);
    }
  });

  it('refuse a time of day without its offset, and impossible days and times, naming the answer', () => {
    expect(issues(answers.safeParse({ last_dose: '2025-10-15T09:00:00' }))).toEqual([
      'last_dose: a time of day needs its UTC offset: YYYY-MM-DDThh:mm:ss+hh:mm (or Z)',
    ]);
    for (const last_dose of [
      '2025-02-29T09:00:00Z',
      '2025-10-15T24:00:00Z',
      '2025-10-15T09:00:00+15:00',
      '2025-10-15 9:00',
    ]) {
      expect(issues(answers.safeParse({ last_dose }))).toEqual([
        'last_dose: expected a date YYYY-MM-DD, or a date and time with its UTC offset YYYY-MM-DDThh:mm:ss+hh:mm',
      ]);
    }
  });
});

describe('screeningInputSchema', () => {
  const input = screeningInputSchema(info);

  it('needs asOf and defaults facts and answers to empty', () => {
    expect(input.safeParse({ asOf: '2025-06-01' }).data).toEqual({
      asOf: '2025-06-01',
      facts: {},
      answers: {},
    });
    expect(issues(input.safeParse({}))).toEqual(['asOf: Invalid input: expected string, received undefined']);
  });

  it('reports paths from the top: facts.wbc.0.unit', () => {
    const result = input.safeParse({ asOf: '2025-06-01', facts: { wbc: [{ value: 4.2, unit: 42 }] } });
    expect(issues(result)).toEqual(['facts.wbc.0.unit: Invalid input: expected string, received number']);
    expect(issues(input.safeParse({ asOf: '2025-06-01', answers: { bdi: 70 } }))).toEqual([
      'answers.bdi: Too big: expected number to be <=63',
    ]);
    expect(issues(input.safeParse({ asOf: '2025-06-01', bundle: {} }))).toEqual([
      ': Unrecognized key: "bundle"',
    ]);
  });

  it('is built once per protocol', () => {
    expect(screeningInputSchema(info)).toBe(input);
  });
});

describe('inputJsonSchema', () => {
  const schema = inputJsonSchema(info) as {
    required: string[];
    additionalProperties: boolean;
    properties: Record<
      string,
      { properties: Record<string, Record<string, unknown>>; additionalProperties: boolean }
    >;
  };

  it('describes the input with the protocol keys', () => {
    expect(schema.required).toEqual(['asOf']);
    expect(schema.additionalProperties).toBe(false);
    const facts = schema.properties.facts;
    expect(facts?.additionalProperties).toBe(false);
    expect(Object.keys(facts?.properties ?? {})).toEqual([
      'birth_date',
      'sex',
      'wbc',
      'hcg',
      'diabetes',
      'steroids',
      'biopsy',
      'penicillin',
    ]);
    expect(facts?.properties.wbc?.description).toBe('White blood cell count (10*9/L)');
    expect(facts?.properties.wbc?.anyOf).toHaveLength(2);
    expect(facts?.properties.sex?.enum).toEqual(['male', 'female', 'other', 'unknown']);
  });

  it('describes answers with their bounds', () => {
    const bdi = schema.properties.answers?.properties.bdi as {
      anyOf: Record<string, unknown>[];
      description: string;
    };
    expect(bdi.description).toBe('Depression score (score 0 to 63)');
    expect(bdi.anyOf).toEqual([{ type: 'number', minimum: 0, maximum: 63 }, { type: 'null' }]);
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
