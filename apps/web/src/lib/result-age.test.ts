import { compile } from '@eligo/core';
import { describe, expect, it } from 'vitest';
import source from '../../../../packages/protocols/NCT06469190/NCT06469190.elig?raw';
import { ageInDays, ageText, datedResults, protocolWindows, staleFlag } from './result-age';
import { DEFAULT_REVIEW_DAYS, loadReviewDays, readDays, saveReviewDays } from './site-settings';

const compiled = compile(source, { name: 'NCT06469190.elig' });
if (!compiled.ok) throw new Error('NCT06469190 does not compile');
const protocol = compiled.protocol;

describe('ageText', () => {
  it('counts calendar days back from the screening date', () => {
    expect(ageText('2025-02-09', '2025-03-15')).toBe('34 days ago');
    expect(ageText('2025-03-14', '2025-03-15')).toBe('1 day ago');
    expect(ageText('2025-03-15', '2025-03-15')).toBe('on the screening date');
    // 2024 is a leap year: 29 February counts.
    expect(ageInDays('2024-02-28', '2024-03-01')).toBe(2);
    expect(ageText('2025-03-16', '2025-03-15')).toBe('after the screening date (not counted)');
  });

  it('never overstates the age of a partial date', () => {
    expect(ageText('2024-11', '2025-03-15')).toBe('at least 105 days ago'); // from 30 November
    expect(ageText('2024-11-31', '2025-03-15')).toBe('date not readable');
  });
});

describe('staleFlag', () => {
  it('flags a result older than the limit, not one on the limit', () => {
    expect(staleFlag('2024-12-15', '2025-03-15', 90, undefined)).toBe(undefined);
    expect(staleFlag('2024-12-14', '2025-03-15', 90, undefined)).toBe('review: older than 90 days');
    expect(staleFlag('2025-03-01', '2025-03-15', 7, undefined)).toBe('review: older than 7 days');
    expect(staleFlag(undefined, '2025-03-15', 7, undefined)).toBe(undefined);
  });

  it("leaves a result under the protocol's own window to the verdict", () => {
    expect(staleFlag('2024-01-01', '2025-03-15', 90, '7 days')).toBe(undefined);
  });
});

describe('protocolWindows', () => {
  it("finds the windows written on an element's use", () => {
    const windows = protocolWindows(protocol);
    expect(windows.get('serum_hcg')).toBe('7 days');
    expect(windows.has('wbc')).toBe(false);
  });

  it('gives every lab and test the screening period, when the protocol declares one', () => {
    const text = source.replace('version "1"', 'version "1"\nscreening period 28 days');
    const withPeriod = compile(text, { name: 'period.elig' });
    if (!withPeriod.ok) throw new Error(JSON.stringify(withPeriod.diagnostics));
    const windows = protocolWindows(withPeriod.protocol);
    expect(windows.get('wbc')).toBe('28 days (the screening period)');
    expect(windows.get('serum_hcg')).toBe('7 days');
    expect(windows.has('diabetes')).toBe(false);
  });
});

describe('datedResults', () => {
  it('lists the latest result of each lab and test with its date', () => {
    const results = datedResults(protocol.info, {
      wbc: [
        { value: 3.1, unit: '10*9/L', date: '2024-10-01' },
        { value: 4.2, unit: '10*9/L', date: '2025-03-10' },
        { value: 5, unit: '10*9/L' },
      ],
      hbv_dna: { value: 20, unit: '[IU]/mL', comparator: '<', date: '2025-01' },
      serum_hcg: { code: 'negative', date: '2025-03-12' },
      diabetes: false,
    });
    expect(results).toEqual([
      { id: 'wbc', label: 'White blood cell count', shown: '4.2 10*9/L', date: '2025-03-10' },
      { id: 'hbv_dna', label: 'HBV DNA', shown: '<20 [IU]/mL', date: '2025-01' },
      { id: 'serum_hcg', label: 'Serum hCG pregnancy test', shown: 'negative', date: '2025-03-12' },
    ]);
  });
});

describe('the review age setting', () => {
  const memory = () => {
    const items = new Map<string, string>();
    return {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
    };
  };

  it('defaults to 90 days and keeps what the site sets', () => {
    const storage = memory();
    expect(loadReviewDays(storage)).toBe(DEFAULT_REVIEW_DAYS);
    expect(DEFAULT_REVIEW_DAYS).toBe(90);
    saveReviewDays(30, storage);
    expect(loadReviewDays(storage)).toBe(30);
  });

  it('takes whole days from 1 to 3650 only, and survives storage that refuses', () => {
    expect(['0', '1.5', '-3', 'abc', '', '3651'].map(readDays)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(readDays(' 14 ')).toBe(14);
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(loadReviewDays(refusing)).toBe(90);
    expect(() => saveReviewDays(10, refusing)).not.toThrow();
  });
});
