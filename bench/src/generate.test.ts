import { describe, expect, it } from 'vitest';
import { PatientGenerator } from './generate';

describe('the synthetic population', () => {
  const patients = new PatientGenerator({ seed: 42, asOf: '2025-03-15' }).chunk(5000);

  it('is the same for the same seed', () => {
    const again = new PatientGenerator({ seed: 42, asOf: '2025-03-15' }).chunk(50);
    expect(again).toEqual(patients.slice(0, 50));
  });

  it('misses each lab for 5 to 15 % of patients', () => {
    for (const lab of [
      'wbc',
      'neutrophils',
      'hemoglobin',
      'alt',
      'ast',
      'bilirubin_total',
      'serum_creatinine',
    ] as const) {
      const missing = patients.filter((p) => p.input.facts[lab] === undefined).length / patients.length;
      expect(missing, lab).toBeGreaterThanOrEqual(0.04);
      expect(missing, lab).toBeLessThanOrEqual(0.16);
    }
  });

  it('reports haemoglobin, white cells and creatinine in more than one unit', () => {
    const units = (lab: 'hemoglobin' | 'wbc' | 'serum_creatinine') =>
      new Set(patients.flatMap((p) => (p.input.facts[lab] ?? []).map((r) => r.unit)));
    expect(units('hemoglobin')).toEqual(new Set(['g/L', 'g/dL']));
    expect(units('wbc')).toEqual(new Set(['10*9/L', '10*3/uL', '10*3/mm3']));
    expect(units('serum_creatinine')).toEqual(new Set(['mg/dL', 'umol/L']));
  });
});
