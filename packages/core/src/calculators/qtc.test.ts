import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { qtcBazett, qtcFridericia } from './qtc';

/*
 * Published vectors: three 10-s ECGs of one subject, Sci Rep 2021, doi:10.1038/s41598-021-93774-9
 * (PMC8275798), Figure 1 legend: heart rates 52.7, 52.6 and 85.9 bpm, QT 405, 405 and 395 ms;
 * Bazett QTc 379.4, 379.2 and 472.7 ms; Fridericia QTc 387.7, 387.6 and 445.2 ms.
 *
 * The legend prints the inputs rounded (heart rate to 0.1 bpm, QT to 1 ms) and the outputs to 0.1 ms,
 * so the published QTc must lie in the range the formula gives over the inputs' rounding intervals,
 * widened by the output's half unit. Both formulas rise with QT and with heart rate, so the range's
 * ends are the lower and upper corners.
 */
type Vector = [heartRate: number, qt: number, bazett: number, fridericia: number];
const FIGURE_1: Vector[] = [
  [52.7, 405, 379.4, 387.7],
  [52.6, 405, 379.2, 387.6],
  [85.9, 395, 472.7, 445.2],
];

function expectWithinRoundedInputs(
  qtc: (qt: number, hr: number) => number,
  qt: number,
  hr: number,
  published: number,
) {
  const lowest = qtc(qt - 0.5, hr - 0.05);
  const highest = qtc(qt + 0.5, hr + 0.05);
  expect(published).toBeGreaterThanOrEqual(lowest - 0.05);
  expect(published).toBeLessThanOrEqual(highest + 0.05);
  // The tolerance comes from the printed inputs only: under 0.2 % of the value.
  expect(highest - lowest).toBeLessThan(0.004 * published);
}

describe('qtcBazett', () => {
  it.each(FIGURE_1)('%s bpm, QT %s ms → %s ms', (hr, qt, bazett) => {
    expectWithinRoundedInputs(qtcBazett, qt, hr, bazett);
  });

  it('divides by the square root of RR in seconds', () => {
    // 75 /min: RR = 0.8 s.
    expect(qtcBazett(400, 75)).toBeCloseTo(400 / Math.sqrt(0.8), 10);
  });
});

describe('qtcFridericia', () => {
  it.each(FIGURE_1)('%s bpm, QT %s ms → %s ms', (hr, qt, _bazett, fridericia) => {
    expectWithinRoundedInputs(qtcFridericia, qt, hr, fridericia);
  });

  it('divides by the cube root of RR in seconds', () => {
    expect(qtcFridericia(400, 75)).toBeCloseTo(400 / 0.8 ** (1 / 3), 10);
  });
});

describe('both corrections', () => {
  it('leave a QT measured at 60 /min unchanged (RR = 1 s)', () => {
    fc.assert(
      fc.property(fc.double({ min: 200, max: 700, noNaN: true }), (qt) => {
        expect(qtcBazett(qt, 60)).toBeCloseTo(qt, 9);
        expect(qtcFridericia(qt, 60)).toBeCloseTo(qt, 9);
      }),
      { numRuns: 100, seed: 3 },
    );
  });

  it('order as published: Bazett corrects more than Fridericia above 60 /min and less below it', () => {
    expect(qtcBazett(395, 85.9)).toBeGreaterThan(qtcFridericia(395, 85.9));
    expect(qtcBazett(405, 52.7)).toBeLessThan(qtcFridericia(405, 52.7));
  });

  it('keep the unit of the QT: a QT in seconds gives a QTc in seconds', () => {
    expect(qtcBazett(0.4, 75) * 1000).toBeCloseTo(qtcBazett(400, 75), 9);
    expect(qtcFridericia(0.4, 75) * 1000).toBeCloseTo(qtcFridericia(400, 75), 9);
  });
});
