import { describe, expect, it, vi } from 'vitest';
import {
  applyConversion,
  commensurable,
  conversionBetween,
  conversionFactor,
  convert,
  describeUnit,
  isValidUnit,
  suggestUnits,
  unitDimension,
} from './ucum';

const CREATININE = 113.12;
const BILIRUBIN = 584.66;

describe('isValidUnit', () => {
  it('accepts UCUM codes used by clinical labs', () => {
    for (const code of [
      'g/dL',
      'g/L',
      '10*9/L',
      '10*3/uL',
      '/uL',
      'umol/L',
      'mg/dL',
      'U/L',
      '%',
      'g/(24.h)',
      'mL/min/{1.73_m2}',
      '[IU]/L',
      'Cel',
      '1',
    ]) {
      expect(isValidUnit(code), code).toBe(true);
    }
  });

  it('rejects common non-UCUM spellings', () => {
    for (const code of ['mL/min/1.73m2', 'mcg/L', 'IU/L', 'cells/uL', '', ' g/L', 'g/L ']) {
      expect(isValidUnit(code), code).toBe(false);
    }
  });
});

describe('suggestUnits', () => {
  it("returns UCUM's own corrections", () => {
    expect(suggestUnits('IU/L')).toEqual(['[IU]/L']);
    expect(suggestUnits('mcg/L')[0]).toBe('ug/L');
    expect(suggestUnits('gm/dL')[0]).toBe('g/dL');
  });

  it('returns nothing when UCUM offers nothing that keeps the meaning', () => {
    expect(suggestUnits('mL/min/1.73m2')).toEqual([]);
    expect(suggestUnits('x10*9/L')).toEqual([]);
  });

  it('returns nothing for a valid unit', () => {
    expect(suggestUnits('g/L')).toEqual([]);
  });

  it('only suggests valid codes', () => {
    for (const s of suggestUnits('gm/dL')) expect(isValidUnit(s), s).toBe(true);
    expect(suggestUnits('gm/dL').length).toBeLessThanOrEqual(5);
  });
});

describe('unitDimension and commensurable', () => {
  it('gives equal keys to commensurable units', () => {
    expect(unitDimension('g/dL')).toBe(unitDimension('g/L'));
    expect(unitDimension('10*3/uL')).toBe(unitDimension('10*9/L'));
    expect(unitDimension('g/(24.h)')).toBe(unitDimension('mg/(24.h)'));
    expect(unitDimension('nonsense!')).toBeUndefined();
  });

  it('keeps number and substance concentrations apart', () => {
    expect(unitDimension('10*9/L')).not.toBe(unitDimension('umol/L'));
    expect(commensurable('10*9/L', 'umol/L')).toBe(false);
    expect(commensurable('10*9/L', 'umol/L', CREATININE)).toBe(false);
  });

  it('does not relate mass and number concentrations', () => {
    expect(commensurable('g/L', '10*9/L')).toBe(false);
    expect(conversionFactor('g/L', '10*9/L')).toBeUndefined();
  });

  it('bridges mass and substance only with a molar mass', () => {
    expect(commensurable('mg/dL', 'umol/L')).toBe(false);
    expect(commensurable('mg/dL', 'umol/L', CREATININE)).toBe(true);
  });

  it('relates arbitrary units only to themselves', () => {
    expect(commensurable('[IU]/L', '[IU]/L')).toBe(true);
    expect(commensurable('[IU]/L', '[IU]/mL')).toBe(false);
    expect(conversionFactor('[IU]/L', '[IU]/L')).toBe(1);
  });
});

describe('describeUnit', () => {
  it('names what clinical units measure', () => {
    expect(describeUnit('g/dL')).toBe('mass concentration');
    expect(describeUnit('10*9/L')).toBe('number concentration');
    expect(describeUnit('/uL')).toBe('number concentration');
    expect(describeUnit('umol/L')).toBe('substance concentration');
    expect(describeUnit('meq/L')).toBe('substance concentration');
    expect(describeUnit('U/L')).toBe('catalytic concentration');
    expect(describeUnit('d')).toBe('time');
    expect(describeUnit('%')).toBe('ratio');
    expect(describeUnit('{ratio}')).toBe('ratio');
    expect(describeUnit('g/(24.h)')).toBe('mass rate');
    expect(describeUnit('mL/min/{1.73_m2}')).toBe('volume rate');
    expect(describeUnit('kg/m2')).toBe('mass per area');
    expect(describeUnit('Cel')).toBe('temperature');
    expect(describeUnit('[IU]/L')).toBe('arbitrary concentration');
  });

  it('is empty for an invalid unit', () => {
    expect(describeUnit('mL/min/1.73m2')).toBe('');
  });
});

describe('conversionFactor and convert', () => {
  it('converts haemoglobin 11.8 g/dL to 118 g/L', () => {
    expect(convert(11.8, 'g/dL', 'g/L')).toBe(118);
  });

  it('converts WBC 4.2 10*3/uL to exactly 4.2 10*9/L', () => {
    expect(conversionFactor('10*3/uL', '10*9/L')).toBe(1);
    expect(convert(4.2, '10*3/uL', '10*9/L')).toBe(4.2);
  });

  it('converts 5600 /uL to 5.6 10*9/L', () => {
    expect(convert(5600, '/uL', '10*9/L')).toBe(5.6);
  });

  it('converts creatinine between mg/dL and umol/L with its molar mass', () => {
    const umol = convert(1.0, 'mg/dL', 'umol/L', CREATININE) as number;
    expect(umol).toBeCloseTo(88.4, 2);
    expect(convert(88.4, 'umol/L', 'mg/dL', CREATININE)).toBeCloseTo(1.0, 4);
    expect(convert(umol, 'umol/L', 'mg/dL', CREATININE)).toBe(1);
    expect(convert(1.0, 'mg/dL', 'umol/L')).toBeUndefined();
  });

  it('converts bilirubin 1 mg/dL to 17.104 umol/L', () => {
    expect(convert(1, 'mg/dL', 'umol/L', BILIRUBIN)).toBeCloseTo(17.104, 3);
  });

  it('converts daily rates', () => {
    expect(convert(1.2, 'g/(24.h)', 'mg/(24.h)')).toBe(1200);
    expect(convert(350, 'mg/(24.h)', 'g/(24.h)')).toBe(0.35);
  });

  it('caches per unit pair and molar mass', () => {
    expect(conversionFactor('mg/dL', 'umol/L', CREATININE)).not.toBe(
      conversionFactor('mg/dL', 'umol/L', BILIRUBIN),
    );
    expect(conversionFactor('mg/dL', 'umol/L')).toBeUndefined();
  });

  it('is undefined for invalid or incommensurable units', () => {
    expect(convert(1, 'g/L', '10*9/L')).toBeUndefined();
    expect(convert(1, 'mL/min/1.73m2', 'mL/min/{1.73_m2}')).toBeUndefined();
    expect(conversionFactor('g', 'nonsense!')).toBeUndefined();
  });

  it('leaves non-linear scales to UCUM', () => {
    expect(conversionFactor('Cel', 'K')).toBeUndefined();
    expect(convert(37, 'Cel', 'K')).toBe(310.15);
    expect(convert(37, 'Cel', '[degF]')).toBe(98.6);
    expect(convert(37, 'Cel', 'g')).toBeUndefined();
  });

  it('treats a dimensionless annotation as the number itself', () => {
    expect(conversionFactor('{score}', '1')).toBe(1);
    expect(conversionFactor('%', '1')).toBe(0.01);
  });
});

describe('units with blanks', () => {
  it('are invalid, print nothing, and suggest the code without blanks', () => {
    const log = vi.spyOn(console, 'log');
    expect(isValidUnit('mg per dL')).toBe(false);
    expect(convert(1, 'mg per dL', 'g/L')).toBeUndefined();
    expect(suggestUnits('mg / dL')).toEqual(['mg/dL']);
    expect(log).not.toHaveBeenCalled();
    log.mockRestore();
  });
});

describe('conversions with an offset', () => {
  it('converts [degF] to Cel and back exactly at clinical thresholds', () => {
    const toCel = conversionBetween('[degF]', 'Cel')!;
    expect(applyConversion(toCel, 99.5)).toBe(37.5);
    expect(applyConversion(toCel, 100.4)).toBe(38);
    expect(applyConversion(toCel, 98.6)).toBe(37);
    expect(applyConversion(toCel, -40)).toBe(-40);
    const toDegF = conversionBetween('Cel', '[degF]')!;
    expect(applyConversion(toDegF, 37.5)).toBe(99.5);
    expect(applyConversion(toDegF, 38)).toBe(100.4);
    expect(applyConversion(conversionBetween('K', 'Cel')!, 310.65)).toBe(37.5);
  });

  it('keeps ratio units a plain factor, and has no line for a logarithmic scale', () => {
    expect(conversionBetween('g/dL', 'g/L')).toEqual({ factor: 10, offset: 0 });
    expect(conversionBetween('[pH]', 'mol/L')).toBeUndefined();
    expect(conversionBetween('[degF]', 'g/L')).toBeUndefined();
    expect(conversionFactor('[degF]', 'Cel')).toBeUndefined();
  });
});
