import type { LabResult } from '../../patient';

/** The most recent result on or before the screening date (on the same day, the later-listed). */
export function latest(results: LabResult[] | undefined, asOf: string): LabResult | undefined {
  if (results === undefined) return undefined;
  let best: LabResult | undefined;
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!;
    if (r.date > asOf) continue;
    if (best === undefined || r.date >= best.date) best = r;
  }
  return best;
}
