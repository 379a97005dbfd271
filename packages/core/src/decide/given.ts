import { TRUE, type Tri, UNKNOWN } from '../evaluate/ir';

/**
 * `A given B`: an answer that speaks for a record (the read of the screening MRI) counts only when
 * that record is there. Without it (B false or not known) the answer describes nothing that
 * counts, so neither it nor its opposite can be said: unknown, never a decision, whatever A is.
 */
export function given3(answer: Tri, premise: Tri): Tri {
  return premise === TRUE ? answer : UNKNOWN;
}
