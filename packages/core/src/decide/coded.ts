import { compare } from '../evaluate/compare';
import { type Element, FALSE, NONE, OK, type Reading, TRUE, type Tri, UNKNOWN } from '../evaluate/ir';
import { conversionTo } from '../evaluate/read';
import { applyConversion } from '../units/ucum';

type CodedReading = Pick<
  Reading,
  'state' | 'code' | 'lo' | 'hi' | 'loOpen' | 'hiOpen' | 'high' | 'low' | 'unit'
>;

/**
 * `E is VALUE`: a coded result read directly, or `positive`/`negative` from a numeric result's
 * rule; `E is known VALUE` ("known positive serology"): a result must show it, so no result at all
 * is not VALUE, while a result that cannot be read stays unknown. A result coded in none of the
 * element's values (an "Indeterminate" the protocol does not name) is a result of unknown value:
 * unknown, never "no result". Every backend's reading (an object `Reading` or a column reading)
 * comes here.
 */
export function codedTruth(
  r: CodedReading,
  el: Element | undefined,
  value: string,
  negated: boolean,
  known: boolean,
): Tri {
  let t: Tri;
  if (r.state === NONE && known) t = FALSE;
  else if (r.state !== OK) t = UNKNOWN;
  else if (r.code !== undefined) t = !classifies(el, r.code) ? UNKNOWN : r.code === value ? TRUE : FALSE;
  else if (value !== 'positive' && value !== 'negative') t = UNKNOWN;
  else {
    const positive = el ? positiveTruth(el, r) : UNKNOWN;
    t = positive === UNKNOWN ? UNKNOWN : (positive === TRUE) === (value === 'positive') ? TRUE : FALSE;
  }
  return negated && t !== UNKNOWN ? (t === TRUE ? FALSE : TRUE) : t;
}

const thresholdScratch = { lo: 0, hi: 0, loOpen: false, hiOpen: false };

/** A numeric result is positive above the element's rule: its ULN, or a fixed threshold. */
export function positiveTruth(
  el: Element,
  r: Pick<Reading, 'lo' | 'hi' | 'loOpen' | 'hiOpen' | 'high' | 'low' | 'unit'>,
): Tri {
  const rule = el.positive;
  if (!rule) return UNKNOWN;
  let threshold: number;
  if (rule.kind === 'limit') {
    threshold = rule.limit === 'ULN' ? r.high : r.low;
  } else {
    const conversion =
      r.unit === undefined || r.unit === rule.unit ? undefined : conversionTo(el, rule.unit, r.unit);
    threshold =
      r.unit === undefined || r.unit === rule.unit
        ? rule.value
        : conversion === undefined
          ? Number.NaN
          : applyConversion(conversion, rule.value);
  }
  if (Number.isNaN(threshold)) return UNKNOWN;
  thresholdScratch.lo = threshold;
  thresholdScratch.hi = threshold;
  return compare(r, '>', thresholdScratch);
}

/** Whether a coded result is one of the element's values (an element that lists none takes any). */
export function classifies(el: Element | undefined, code: string): boolean {
  return el?.values === undefined || el.values.includes(code);
}

/**
 * `E is only VALUE` ("mono-infection with P. falciparum": P. falciparum on the slide and no other
 * species) over the results of one day: `shows` results certainly of that day show VALUE,
 * `others` show another of the element's values, and `unsure` may be another value (a code the
 * protocol does not classify, a number, a result that may or may not be of that day). Another
 * value decides; a result that may be one leaves it unknown; with no result at all it is unknown.
 */
export function onlyTruth(shows: number, others: number, unsure: number): Tri {
  if (others > 0) return FALSE;
  if (unsure > 0 || shows === 0) return UNKNOWN;
  return TRUE;
}
