/** Body mass index in kg/m2, unrounded. */
export function bmi(weightKg: number, heightM: number): number {
  return weightKg / (heightM * heightM);
}
