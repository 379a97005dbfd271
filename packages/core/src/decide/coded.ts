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
 * is not VALUE, while a result that cannot be read stays unknown. Every backend's reading (an
 * object `Reading` or a column reading) comes here.
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
  else if (r.code !== undefined) t = r.code === value ? TRUE : FALSE;
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
