/**
 * Completed years between two days written as keys `yyyy*10000 + mm*100 + dd`: the age goes up
 * on the birthday itself, and a 29 February birthday (key …0229) comes after 28 February, so in
 * common years on 1 March. The one age rule: the object evaluator, the columns and generated code
 * all come here.
 */
export function yearsBetweenKeys(birthKey: number, onKey: number): number {
  return Math.floor((onKey - birthKey) / 10000);
}
