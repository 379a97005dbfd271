import { describe, expect, it } from 'vitest';
import { CODE_SYSTEMS } from '../protocol';
import {
  EQUIVALENCE_TABLE_NAMES,
  type EquivalenceTable,
  equivalenceFactor,
  equivalenceTable,
} from './equivalents';
import { ROUTE_WORDS, ROUTES, routeOfSnomed } from './routes';

describe('route table', () => {
  it('reads SNOMED CT route codes as words', () => {
    expect(routeOfSnomed('26643006')).toBe('oral');
    expect(routeOfSnomed('47625008')).toBe('intravenous');
    expect(routeOfSnomed('78421000')).toBe('intramuscular');
    expect(routeOfSnomed('34206005')).toBe('subcutaneous');
    expect(routeOfSnomed('6064005')).toBe('topical');
    expect(routeOfSnomed('18679011000001101')).toBe('inhalation');
    expect(routeOfSnomed('447694001')).toBe('inhalation');
    expect(routeOfSnomed('284009009')).toBeUndefined();
  });

  it('gives each word once and each code one word, every word an identifier of the language', () => {
    expect(new Set(ROUTE_WORDS).size).toBe(ROUTE_WORDS.length);
    const codes = ROUTES.flatMap((r) => r.snomed);
    expect(new Set(codes).size).toBe(codes.length);
    for (const word of ROUTE_WORDS) expect(word).toMatch(/^[a-z][a-z_]*$/);
  });
});

describe('equivalence tables', () => {
  const table = equivalenceTable('prednisone')!;

  it('converts glucocorticoids to prednisone by the published equivalent doses', () => {
    const factor = (atc: string) => equivalenceFactor(table, CODE_SYSTEMS.atc, atc, 'oral');
    expect(factor('H02AB07')).toBe(1); // prednisone 5 mg
    expect(factor('H02AB06')).toBe(1); // prednisolone 5 mg
    expect(20 * factor('H02AB09')).toBe(5); // hydrocortisone 20 mg
    expect(4 * factor('H02AB04')).toBe(5); // methylprednisolone 4 mg
    expect(4 * factor('H02AB08')).toBe(5); // triamcinolone 4 mg
    expect(25 * factor('H02AB10')).toBe(5); // cortisone 25 mg
    expect(0.75 * factor('H02AB02')).toBeCloseTo(5, 12); // dexamethasone 0.75 mg
    expect(0.75 * factor('H02AB01')).toBeCloseTo(5, 12); // betamethasone 0.75 mg
    expect(6 * factor('H02AB13')).toBe(5); // deflazacort 6 mg
  });

  it('has no equivalent for a drug it does not list, or a code of another system', () => {
    expect(equivalenceFactor(table, CODE_SYSTEMS.atc, 'H02AB03', 'oral')).toBeNaN();
    expect(equivalenceFactor(table, CODE_SYSTEMS.rxnorm, 'H02AB07', 'oral')).toBeNaN();
    expect(equivalenceFactor(table, undefined, undefined, 'oral')).toBeNaN();
    // A code without a system is read as ATC; codes are case-insensitive.
    expect(equivalenceFactor(table, undefined, 'h02ab07', undefined)).toBe(1);
  });

  it('is found by either reference drug name', () => {
    expect(equivalenceTable('prednisolone')).toBe(table);
    expect(equivalenceTable('morphine')).toBeUndefined();
    expect(EQUIVALENCE_TABLE_NAMES).toEqual(['prednisolone', 'prednisone']);
  });

  it('applies an entry limited to some routes only by those routes', () => {
    const opioids: EquivalenceTable = {
      names: ['morphine'],
      title: 'oral morphine equivalent',
      referenceDose: 10,
      entries: [
        { atc: 'N02AA01', substance: 'morphine', dose: 10, routes: ['oral'] },
        { atc: 'N02AA01', substance: 'morphine', dose: 10 / 3, routes: ['intravenous', 'subcutaneous'] },
      ],
      source: 'a test table',
    };
    expect(equivalenceFactor(opioids, undefined, 'N02AA01', 'oral')).toBe(1);
    expect(equivalenceFactor(opioids, undefined, 'N02AA01', 'subcutaneous')).toBeCloseTo(3, 12);
    expect(equivalenceFactor(opioids, undefined, 'N02AA01', 'rectal')).toBeNaN();
    expect(equivalenceFactor(opioids, undefined, 'N02AA01', undefined)).toBeNaN();
  });
});
