/**
 * UCUM annotations: the `{…}` parts of a unit code (`mL/min/{1.73_m2}`, `{INR}`, `{cells}/uL`).
 * UCUM gives every annotation the value 1, so `mL/min/{1.73_m2}` converts to `mL/min` with a
 * factor of 1 although one is normalised to body surface and the other is not: the converter
 * cannot see that difference, so the checker compares the annotations themselves.
 */

/** The annotations of a unit code, in the order written (`['1.73_m2']` for `mL/min/{1.73_m2}`). */
export function annotationsOf(code: string): string[] {
  return [...code.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!);
}

/** Whether two units carry the same annotations, in any order. */
export function sameAnnotations(a: string, b: string): boolean {
  if (!a.includes('{') && !b.includes('{')) return true;
  const x = annotationsOf(a).sort();
  const y = annotationsOf(b).sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
