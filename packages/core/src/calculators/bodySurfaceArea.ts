/** Body surface area in m2 from height in cm and weight in kg, unrounded. */

/** Mosteller RD. Simplified calculation of body-surface area. N Engl J Med 1987;317:1098: √(H × W / 3600). */
export function bsaMosteller(heightCm: number, weightKg: number): number {
  return Math.sqrt((heightCm * weightKg) / 3600);
}

/**
 * Du Bois D, Du Bois EF. A formula to estimate the approximate surface area if height and weight be
 * known. Arch Intern Med 1916;17:863-71: 0.007184 × W^0.425 × H^0.725 (the paper's 71.84 cm2 as m2).
 */
export function bsaDuBois(heightCm: number, weightKg: number): number {
  // A power of a negative number has no value; −∞ (a weight known only as "at most x") would
  // otherwise give +∞, since (−∞)^0.425 is +∞ in IEEE arithmetic.
  if (weightKg < 0 || heightCm < 0) return Number.NaN;
  return 0.007184 * weightKg ** 0.425 * heightCm ** 0.725;
}
