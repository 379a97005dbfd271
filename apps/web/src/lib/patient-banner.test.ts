import { compile } from '@eligo/core';
import { describe, expect, it } from 'vitest';
import source from '../../../../packages/protocols/NCT06469190/NCT06469190.elig?raw';
import { bannerFacts, siteRefProblem } from './patient-banner';

const compiled = compile(source, { name: 'NCT06469190.elig' });
if (!compiled.ok) throw new Error('NCT06469190 does not compile');
const info = compiled.protocol.info;

describe('bannerFacts', () => {
  it('gives sex and completed years on the screening date', () => {
    expect(bannerFacts(info, { birth_date: '1980-03-16', sex: 'female' }, '2025-03-15')).toEqual({
      sex: 'female',
      age: 44,
    });
    expect(bannerFacts(info, { birth_date: '1980-03-15', sex: 'female' }, '2025-03-15')).toEqual({
      sex: 'female',
      age: 45,
    });
  });

  it('counts a 29 February birthday as calendars do', () => {
    expect(bannerFacts(info, { birth_date: '2004-02-29' }, '2025-02-28').age).toBe(20);
    expect(bannerFacts(info, { birth_date: '2004-02-29' }, '2025-03-01').age).toBe(21);
  });

  it('gives no age without a full date of birth, or one after the screening date', () => {
    expect(bannerFacts(info, { birth_date: '1980' }, '2025-03-15').age).toBeUndefined();
    expect(bannerFacts(info, { birth_date: '2026-01-01' }, '2025-03-15').age).toBeUndefined();
    expect(bannerFacts(info, undefined, '2025-03-15')).toEqual({ sex: undefined, age: undefined });
  });
});

describe('siteRefProblem', () => {
  it('takes one line of up to 64 characters', () => {
    expect(siteRefProblem('SCR-0042')).toBeUndefined();
    expect(siteRefProblem('')).toBeUndefined();
    expect(siteRefProblem('S'.repeat(64))).toBeUndefined();
    expect(siteRefProblem('S'.repeat(65))).toBe('At most 64 characters.');
    expect(siteRefProblem('SCR\n0042')).toBe('One line only: no line breaks or other control characters.');
    expect(siteRefProblem('SCR\t0042')).toBe('One line only: no line breaks or other control characters.');
  });
});
