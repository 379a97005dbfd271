import ucum from '@lhncbc/ucum-lhc';

/**
 * Unit factors for the engines that are not Eligo, from the same UCUM library Eligo uses: each
 * engine asks once per (unit, target) pair and keeps the number, which is what a hand-tuned
 * implementation would do.
 */

const utils = ucum.UcumLhcUtils.getInstance();

/** The factor that turns a value in `from` into `to` (NaN when the units do not convert). */
export function unitFactor(from: string, to: string, molarMass?: number): number {
  if (from === to) return 1;
  const result = utils.convertUnitTo(
    from,
    1,
    to,
    molarMass === undefined ? undefined : { molecularWeight: molarMass },
  );
  return result.status === 'succeeded' && typeof result.toVal === 'number' ? result.toVal : Number.NaN;
}

/** A per-target cache of factors, filled on first sight of each reported unit. */
export function factorTable(to: string, molarMass?: number): (from: string | undefined) => number {
  const cache = new Map<string, number>();
  // Results of one laboratory come in runs of the same unit: the last one answers most lookups.
  let lastUnit = to;
  let lastFactor = 1;
  return (from) => {
    if (from === undefined || from === to) return 1;
    if (from === lastUnit) return lastFactor;
    let f = cache.get(from);
    if (f === undefined) {
      f = unitFactor(from, to, molarMass);
      cache.set(from, f);
    }
    lastUnit = from;
    lastFactor = f;
    return f;
  };
}
