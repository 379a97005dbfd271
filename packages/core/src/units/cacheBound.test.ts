import { describe, expect, it } from 'vitest';
import { conversionFactor, UNIT_CACHE_LIMIT, unitCacheSizes } from './ucum';

describe('the unit caches', () => {
  it('stay bounded however many distinct unit strings arrive, and still answer right', () => {
    const first = conversionFactor('mg{first}', 'g');
    for (let i = 0; i < UNIT_CACHE_LIMIT + 500; i++) conversionFactor(`mg{n${i}}`, 'g');
    for (const size of unitCacheSizes()) expect(size).toBeLessThanOrEqual(UNIT_CACHE_LIMIT);
    expect(Math.max(...unitCacheSizes())).toBe(UNIT_CACHE_LIMIT);
    // The first answer was dropped; asked again, it is worked out again, the same.
    expect(conversionFactor('mg{first}', 'g')).toBe(first);
    expect(first).toBe(0.001);
  });
});
