import { FALSE, TRUE, type Tri, UNKNOWN } from '../evaluate/ir';
import type { Verdict } from '../screen/types';

/**
 * A cohort's verdict from its criteria's statuses: ineligible as soon as an inclusion is not met
 * or an exclusion met (a decisive answer beats missing data), else undetermined while any is
 * unknown, else eligible. The explaining screen, the fast path and the population path (closure
 * and generated forms) all read the verdict off this one rule.
 */

/** Verdict codes: an index into this list. */
export const VERDICTS: readonly Verdict[] = ['ineligible', 'eligible', 'undetermined'];
export const INELIGIBLE = 0;
export const ELIGIBLE = 1;
export const UNDETERMINED = 2;

/** The status of a criterion of this kind that rules the patient out of the cohort. */
export function excluding(exclusion: boolean): Tri {
  return exclusion ? TRUE : FALSE;
}

/** The verdict code of a cohort whose members' statuses are `statuses[at + k]` for each k in `members`. */
export function cohortVerdict(
  members: ArrayLike<number>,
  statuses: ArrayLike<number>,
  at: number,
  exclusion: readonly boolean[],
): 0 | 1 | 2 {
  let open = false;
  for (let j = 0; j < members.length; j++) {
    const k = members[j]!;
    const t = statuses[at + k] as Tri;
    if (t === UNKNOWN) open = true;
    else if (t === excluding(exclusion[k]!)) return INELIGIBLE;
  }
  return open ? UNDETERMINED : ELIGIBLE;
}
