import { describe, expect, it } from 'vitest';
import { displayUnit } from './display';

describe('units as people write them', () => {
  it('writes the units of clinical criteria the way a note does', () => {
    const cases: [string, string][] = [
      ['g/(24.h)', 'g/24 h'],
      ['10*9/L', '×10⁹/L'],
      ['10*3/uL', '×10³/µL'],
      ['{INR}', ''],
      ['{score}', ''],
      ['1', ''],
      ['mL/min/{1.73_m2}', 'mL/min/1.73 m²'],
      ['umol/L', 'µmol/L'],
      ['[IU]/mL', 'IU/mL'],
      ['mm[Hg]', 'mmHg'],
      ['m2', 'm²'],
      ['kg/m2', 'kg/m²'],
      ['/min', '/min'],
      ['%', '%'],
      ['mg/dL', 'mg/dL'],
      ['Cel', '°C'],
      ['[lb_av]', 'lb'],
      ['u[IU]/mL', 'µIU/mL'],
      ['{cells}/uL', 'cells/µL'],
      ['mol/(kg.h)', 'mol/(kg·h)'],
      ['s-1', 's⁻¹'],
    ];
    expect(cases.map(([code]) => displayUnit(code))).toEqual(cases.map(([, written]) => written));
  });

  it('leaves what is not UCUM as it was written', () => {
    expect(displayUnit('mL/min/1.73m2')).toBe('mL/min/1.73m2');
  });
});
