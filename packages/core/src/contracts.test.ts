import { describe, expect, it } from 'vitest';
import { compile } from './compile';
import { ProtocolInfoSchema, ScreeningSchema } from './contracts';
import { screen } from './screen/screen';

const { protocol, diagnostics } = compile(
  `trial T "t" version "2"
patient sex "Sex" from gender
lab wbc "White blood cell count" in 10*9/L from loinc 6690-2
question consent "Consent signed?": yes/no lay "Have you signed the consent form?"
cohort A "A"
  inclusion
    IN-1 "WBC" source "WBC ≥ 3" met if wbc >= 3 10*9/L and sex is female
  exclusion
    EX-1 met if not consent
`,
  { name: 't.elig' },
);

describe('contracts', () => {
  it('describe a screening exactly: nothing missing, nothing extra', () => {
    const s = screen(protocol!, {
      asOf: '2025-03-15',
      facts: { wbc: { value: 2, unit: 'g/L' }, sex: 'female' },
      answers: {},
    });
    const json = JSON.parse(JSON.stringify(s));
    expect(ScreeningSchema.parse(json)).toEqual(json);
    expect(json.warnings.length).toBeGreaterThan(0);
  });

  it('describe a protocol exactly', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const json = JSON.parse(JSON.stringify(protocol!.info));
    expect(ProtocolInfoSchema.parse(json)).toEqual(json);
  });

  it('reject what is not a screening', () => {
    expect(ScreeningSchema.safeParse({ asOf: '2025-03-15', cohorts: [{}] }).success).toBe(false);
  });
});
