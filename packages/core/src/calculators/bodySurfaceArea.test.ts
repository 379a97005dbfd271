import { describe, expect, it } from 'vitest';
import { bsaDuBois, bsaMosteller } from './bodySurfaceArea';

describe('bsaMosteller', () => {
  // https://omnicalc-8ti.pages.dev/health/body-surface-area-calculator — worked example: 175 cm, 70 kg,
  // 12,250 ÷ 3600 = 3.4028, √ = 1.845 m2 (also shown as 18,447 cm2).
  it('gives 1.845 m2 (18,447 cm2) for 175 cm and 70 kg', () => {
    expect(bsaMosteller(175, 70).toFixed(3)).toBe('1.845');
    expect((bsaMosteller(175, 70) * 10_000).toFixed(0)).toBe('18447');
  });

  // https://calculatorlib.com/body-surface-area-calculator — worked example: √(180 × 80 / 3600) = √4 = 2.00.
  it('gives exactly 2 m2 for 180 cm and 80 kg', () => {
    expect(bsaMosteller(180, 80)).toBe(2);
  });

  // Mosteller's letter also gives the inch-pound form √(in × lb / 3131). The constant that 2.54 cm/in
  // and 0.45359237 kg/lb give is 3124.7, 0.2 % less, so the two forms differ by 0.1 % after the root.
  it('agrees with the inch-pound form within its rounded constant', () => {
    for (const [inches, pounds] of [
      [60, 100],
      [70, 154],
      [76, 260],
    ] as const) {
      const imperial = Math.sqrt((inches * pounds) / 3131);
      const metric = bsaMosteller(inches * 2.54, pounds * 0.45359237);
      expect(Math.abs(metric / imperial - 1)).toBeLessThan(0.0011);
    }
  });
});

describe('bsaDuBois', () => {
  // clinPK (InsightRX), reference page of calc_egfr, Jelliffe example: weight 70 kg, height 170 cm,
  // default Du Bois method → $bsa 1.809708 (7 significant digits).
  // https://insightrx.github.io/clinPK/reference/calc_egfr.html
  it('gives 1.809708 m2 for 170 cm and 70 kg', () => {
    expect(bsaDuBois(170, 70).toFixed(6)).toBe('1.809708');
  });

  // The paper's constant is 71.84 with the area in cm2; other published forms are
  // 0.20247 × H(m)^0.725 × W^0.425 (pharmaverse admiral, compute_bsa) and W^0.425 × H^0.725 / 139.2
  // (Wikipedia, Body surface area). They must agree with the cm form to their printed precision.
  it('agrees with the forms in cm2, in metres and with the divisor 139.2', () => {
    for (const [height, weight] of [
      [150, 45],
      [170, 70],
      [190, 110],
    ] as const) {
      const ours = bsaDuBois(height, weight);
      expect((71.84 * weight ** 0.425 * height ** 0.725) / 10_000).toBeCloseTo(ours, 12);
      // Half a unit in the last printed digit: 0.000005 / 0.20247 and 0.05 / 139.2.
      expect(Math.abs((0.20247 * (height / 100) ** 0.725 * weight ** 0.425) / ours - 1)).toBeLessThan(2.5e-5);
      expect(Math.abs((weight ** 0.425 * height ** 0.725) / 139.2 / ours - 1)).toBeLessThan(3.6e-4);
    }
  });

  it('stays within a few per cent of Mosteller for ordinary adults', () => {
    expect(Math.abs(bsaDuBois(170, 70) / bsaMosteller(170, 70) - 1)).toBeLessThan(0.01);
  });
});

describe('body surface area of a weight known only as at most x', () => {
  // The low end of "≤ 120 kg" is −∞: no area, so that no lower bound is claimed.
  it('has no value below 0 in either formula', () => {
    expect(bsaDuBois(179.5, Number.NEGATIVE_INFINITY)).toBeNaN();
    expect(bsaDuBois(179.5, -1)).toBeNaN();
    expect(bsaMosteller(179.5, Number.NEGATIVE_INFINITY)).toBeNaN();
  });
});
