import { FALSE, TRUE, type Tri, UNKNOWN } from '../evaluate/ir';

/**
 * `any L within D before A OP V`, folded over L's results one by one: each result is placed in
 * the window (surely in, possibly in, out) and put to the comparison (passes, fails, unknown).
 *
 * Met when a result surely in the window surely passes. Not met when at least one result is surely
 * in the window and none that may be in it may pass: results are open-world, so a window with no
 * result in it says nothing ("no fever" needs a temperature taken in the 72 hours). Unknown
 * otherwise.
 */
export class AnyReadingFold {
  met = false;
  open = false;
  seen = false;

  reset(): void {
    this.met = false;
    this.open = false;
    this.seen = false;
  }

  /** Adds one result; true once the answer is met, so the caller may stop. */
  add(place: Tri, passes: Tri): boolean {
    if (place === FALSE) return false;
    if (place === TRUE) this.seen = true;
    if (place === TRUE && passes === TRUE) this.met = true;
    else if (passes !== FALSE) this.open = true;
    return this.met;
  }

  get truth(): Tri {
    if (this.met) return TRUE;
    return this.seen && !this.open ? FALSE : UNKNOWN;
  }
}
