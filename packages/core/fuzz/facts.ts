import fc from 'fast-check';
import { ClinicalStatus, VerificationStatus } from '../src/facts/shapes';
import type { ElementInfo, ProtocolInfo } from '../src/protocol';

/**
 * Patients for any protocol, element by element, in roughly the shapes the input schema takes and
 * now and then not (a wrong type, a hostile string, an extreme number): the schema must refuse
 * those with a path, and whatever it accepts must screen on every path.
 */
const AS_OF = '2025-03-15';
const date = fc.constantFrom(
  AS_OF,
  '2025-03-14',
  '2025-03-16',
  '2024-03-15',
  '2025-02',
  '2025',
  '2000-02-29',
  '1900-01-01',
  '9999-12-31',
  '2025-02-30',
  '',
  'yesterday',
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const number = fc.oneof(
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.constantFrom(0, -0, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER, 3, 100),
);
const junk = fc.oneof(
  fc.constantFrom<unknown>(null, true, [], {}, '__proto__', 'constructor', '\u202e', Number.NaN),
  fc.string({ maxLength: 4 }),
);

const coding = fc.record(
  {
    system: fc.constantFrom(
      'http://loinc.org',
      'http://snomed.info/sct',
      'http://hl7.org/fhir/sid/icd-10',
      'x',
    ),
    code: fc.constantFrom('718-7', '6690-2', 'E11', 'N02.8', '90241008', '__proto__', ''),
  },
  { requiredKeys: [] },
);

function factOf(e: ElementInfo): fc.Arbitrary<unknown> {
  switch (e.kind) {
    case 'patient':
      return e.patientField === 'gender' ? fc.constantFrom('male', 'female', 'other', 'unknown', 'x') : date;
    case 'lab':
      return fc.array(
        fc.record(
          {
            value: number,
            unit: fc.constantFrom(
              e.unit ?? '1',
              'g/L',
              'mg/dL',
              'umol/L',
              '10*9/L',
              '%',
              '[IU]/mL',
              'kg',
              '{x}',
              'bogus',
            ),
            comparator: maybe(fc.constantFrom('<', '<=', '>', '>=')),
            date: maybe(date),
            referenceRange: maybe(
              fc.record({ low: maybe(number), high: maybe(number) }, { requiredKeys: [] }),
            ),
          },
          { requiredKeys: ['value', 'unit'] },
        ),
        { maxLength: 3 },
      );
    case 'test':
      return fc.array(
        fc.record(
          { code: fc.constantFrom(...(e.values ?? ['positive']), 'other'), date: maybe(date) },
          { requiredKeys: ['code'] },
        ),
        { maxLength: 2 },
      );
    case 'question':
      return fc.oneof(fc.boolean(), number, fc.constantFrom(...(e.answer?.values ?? ['yes'])), date);
    default: {
      const fields: Record<string, fc.Arbitrary<unknown>> = {
        ...(e.kind === 'condition'
          ? {
              clinicalStatus: fc.constantFrom(...ClinicalStatus.options),
              verificationStatus: fc.constantFrom(...VerificationStatus.options),
              onset: maybe(date),
              abatement: maybe(date),
            }
          : e.kind === 'procedure'
            ? { date: maybe(date), end: maybe(date), bodySite: maybe(fc.array(coding, { maxLength: 1 })) }
            : e.kind === 'allergy'
              ? { criticality: maybe(fc.constantFrom('low', 'high', 'unable-to-assess')) }
              : { start: maybe(date), end: maybe(date) }),
        system: maybe(fc.constantFrom('http://snomed.info/sct', 'http://hl7.org/fhir/sid/icd-10', 'x')),
        code: maybe(fc.constantFrom('E11', 'N02.8', '90241008', 'L04AX', '__proto__', '')),
      };
      return fc.oneof(fc.boolean(), fc.array(fc.record(fields, { requiredKeys: [] }), { maxLength: 3 }));
    }
  }
}

/** One screening input for `info`: facts for some of its elements, answers for some questions. */
export function inputFor(
  info: ProtocolInfo,
): fc.Arbitrary<{ asOf: string; facts: Record<string, unknown>; answers: Record<string, unknown> }> {
  const facts: Record<string, fc.Arbitrary<unknown>> = {};
  const answers: Record<string, fc.Arbitrary<unknown>> = {};
  for (const e of info.elements) {
    const value = fc.oneof({ weight: 9, arbitrary: factOf(e) }, { weight: 1, arbitrary: junk });
    if (e.kind === 'question') answers[e.id] = value;
    else facts[e.id] = value;
  }
  return fc.record({
    asOf: fc.oneof({ weight: 9, arbitrary: fc.constant(AS_OF) }, { weight: 1, arbitrary: date }),
    facts: fc.record(facts, { requiredKeys: [] }),
    answers: fc.record(answers, { requiredKeys: [] }),
  });
}
