import ucum from '@lhncbc/ucum-lhc';

/**
 * The two unit questions the reader asks, answered by UCUM (ucum-lhc, the library the
 * evaluator converts with), so that a unit accepted here is one the evaluator can convert.
 */

const utils = ucum.UcumLhcUtils.getInstance();
/** Answers are memoised; a population's unit vocabulary is small, and past this bound they start afresh. */
const MEMO_LIMIT = 10_000;
const valid = new Map<string, boolean>();
const convertible = new Map<string, boolean>();

function remember(memo: Map<string, boolean>, key: string, answer: boolean): boolean {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, answer);
  return answer;
}

/**
 * Whether `unit` is a valid case-sensitive UCUM expression. Blank and spaced strings are
 * refused before ucum-lhc sees them: it prints a message to the console for those.
 */
export function isValidUnit(unit: string): boolean {
  const known = valid.get(unit);
  if (known !== undefined) return known;
  return remember(
    valid,
    unit,
    unit !== '' && !/\s/.test(unit) && utils.validateUnitString(unit).status === 'valid',
  );
}

/** Whether a value in `from` converts to `to` (through `molarMass`, g/mol, between mass and substance). */
export function commensurable(from: string, to: string, molarMass?: number): boolean {
  const key = `${from}\u0000${to}\u0000${molarMass ?? ''}`;
  const known = convertible.get(key);
  if (known !== undefined) return known;
  const options = molarMass === undefined ? {} : { molecularWeight: molarMass };
  return remember(
    convertible,
    key,
    from === to || utils.convertUnitTo(from, 1, to, options).status === 'succeeded',
  );
}
