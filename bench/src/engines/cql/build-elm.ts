import { writeFileSync } from 'node:fs';
import { CRITERIA, INCLUSIONS } from '../../patient';
import { unitFactor } from '../shared/units';

/**
 * Writes `subset.elm.json`: the benchmark subset as ELM (the compiled form of CQL), written by hand
 * with the small helpers below rather than translated from CQL text (the CQL-to-ELM translator is
 * a Java program). Run `pnpm --filter @eligo/bench run elm` after changing it; the JSON is committed.
 *
 * The CQL it corresponds to, per criterion (data types are the adapter's, in cql.ts):
 *   define "WBC": Last([wbc] R where R.date same day or before AsOf
 *                      and not exists ([wbc] S where S.date same day or before AsOf and S.date after day of R.date))
 *   define "C-IN-3.1.a": Quantity{value: "WBC".value, unit: "WBC".unit} >= 3 '10*9/L'
 * and so on below. Unit conversion of numeric quantities is cql-execution's own (UCUM); creatinine
 * from umol/L to mg/dL needs a molar mass, which CQL quantities lack, so that factor is a constant.
 */

const SYS = '{urn:hl7-org:elm-types:r1}';
const BENCH = '{urn:eligo:bench}';
type Elm = Record<string, unknown>;

const dec = (x: number): Elm => ({ type: 'Literal', valueType: `${SYS}Decimal`, value: String(x) });
const int = (x: number): Elm => ({ type: 'Literal', valueType: `${SYS}Integer`, value: String(x) });
const str = (x: string): Elm => ({ type: 'Literal', valueType: `${SYS}String`, value: x });
const bool = (x: boolean): Elm => ({ type: 'Literal', valueType: `${SYS}Boolean`, value: String(x) });
const nullBool: Elm = { type: 'As', asType: `${SYS}Boolean`, operand: { type: 'Null' } };
const qty = (value: number, unit: string): Elm => ({ type: 'Quantity', value, unit });
const ref = (name: string): Elm => ({ type: 'ExpressionRef', name });
const prop = (source: Elm, path: string): Elm => ({ type: 'Property', source, path });
const scoped = (scope: string, path: string): Elm => ({ type: 'Property', scope, path });
const op = (type: string, ...operand: Elm[]): Elm => ({ type, operand });
const unary = (type: string, operand: Elm): Elm => ({ type, operand });
const and = (...xs: Elm[]): Elm => xs.reduce((a, b) => op('And', a, b));
const or = (...xs: Elm[]): Elm => xs.reduce((a, b) => op('Or', a, b));
const not = (x: Elm): Elm => unary('Not', x);
const isNull = (x: Elm): Elm => unary('IsNull', x);
const iff = (condition: Elm, then: Elm, otherwise: Elm): Elm => ({
  type: 'If',
  condition,
  then,
  else: otherwise,
});
const retrieve = (element: string): Elm => ({ type: 'Retrieve', dataType: `${BENCH}${element}` });
const dayOp = (type: string, a: Elm, b: Elm): Elm => ({ type, precision: 'Day', operand: [a, b] });
const oneOf = (x: Elm, values: readonly string[]): Elm => or(...values.map((v) => op('Equal', x, str(v))));
const query = (alias: string, source: Elm, where: Elm): Elm => ({
  type: 'Query',
  source: [{ alias, expression: source }],
  relationship: [],
  where,
});
const exists = (x: Elm): Elm => unary('Exists', x);
const quantityOf = (lab: Elm): Elm => ({
  type: 'Instance',
  classType: `${SYS}Quantity`,
  element: [
    { name: 'value', value: prop(lab, 'value') },
    { name: 'unit', value: prop(lab, 'unit') },
  ],
});

const ASOF = ref('AsOf');
const LABS = ['wbc', 'neutrophils', 'hemoglobin', 'alt', 'ast', 'bilirubin_total', 'serum_creatinine'];

/** The most recent result on or before the screening date; on the same day the later-listed. */
function latestDef(element: string): Elm {
  const notLater = dayOp('SameOrBefore', scoped('S', 'date'), ASOF);
  const later = dayOp('After', scoped('S', 'date'), scoped('R', 'date'));
  const none = not(exists(query('S', retrieve(element), and(notLater, later))));
  return {
    type: 'Last',
    source: query('R', retrieve(element), and(dayOp('SameOrBefore', scoped('R', 'date'), ASOF), none)),
  };
}

const NEVER = ['refuted', 'entered-in-error'];
const ACTIVE = ['active', 'recurrence', 'relapse'];

/** A closed-world diagnosis: true, false, or null (unknown) when only unconfirmed records could make it true. */
function conditionDef(element: string, mode: 'active' | 'suspected' | 'ever'): Elm {
  const counts = and(
    not(oneOf(scoped('C', 'verificationStatus'), NEVER)),
    or(isNull(scoped('C', 'onset')), dayOp('SameOrBefore', scoped('C', 'onset'), ASOF)),
  );
  const confirmed = op('Equal', scoped('C', 'verificationStatus'), str('confirmed'));
  const active = oneOf(scoped('C', 'clinicalStatus'), ACTIVE);
  const records = (where: Elm) => exists(query('C', retrieve(element), and(counts, where)));
  if (mode === 'suspected') return records(active);
  if (mode === 'ever')
    return iff(records(confirmed), bool(true), iff(records(bool(true)), nullBool, bool(false)));
  return iff(records(and(active, confirmed)), bool(true), iff(records(active), nullBool, bool(false)));
}

/** `lab >= threshold`, unit conversion by cql-execution; null (unknown) without a result. */
function atLeast(lab: string, threshold: Elm): Elm {
  return iff(isNull(ref(lab)), nullBool, op('GreaterOrEqual', quantityOf(ref(lab)), threshold));
}

function withinUln(lab: string, k: number): Elm {
  return op('LessOrEqual', prop(ref(lab), 'value'), op('Multiply', dec(k), prop(ref(lab), 'high')));
}

function egfrDef(): Elm {
  const scr = ref('serum_creatinine');
  const female = op('Equal', prop(ref('Patient'), 'gender'), str('female'));
  const male = op('Equal', prop(ref('Patient'), 'gender'), str('male'));
  const unit = prop(scr, 'unit');
  const mgdl = iff(
    op('Equal', unit, str('mg/dL')),
    prop(scr, 'value'),
    iff(
      op('Equal', unit, str('umol/L')),
      op('Multiply', prop(scr, 'value'), dec(unitFactor('umol/L', 'mg/dL', 113.12))),
      { type: 'As', asType: `${SYS}Decimal`, operand: { type: 'Null' } },
    ),
  );
  const ratio = op('Divide', mgdl, iff(female, dec(0.7), dec(0.9)));
  const age = {
    type: 'CalculateAgeAt',
    precision: 'Year',
    operand: [prop(ref('Patient'), 'birthDate'), prop(scr, 'date')],
  };
  const egfr = op(
    'Multiply',
    op(
      'Multiply',
      op(
        'Multiply',
        op(
          'Multiply',
          dec(142),
          op('Power', iff(op('Less', ratio, dec(1)), ratio, dec(1)), iff(female, dec(-0.241), dec(-0.302))),
        ),
        op('Power', iff(op('Greater', ratio, dec(1)), ratio, dec(1)), dec(-1.2)),
      ),
      op('Power', dec(0.9938), age),
    ),
    iff(female, dec(1.012), dec(1)),
  );
  return iff(or(female, male), egfr, { type: 'As', asType: `${SYS}Decimal`, operand: { type: 'Null' } });
}

function csfWithin14DaysBeforeNeutrophils(): Elm {
  const anchor = prop(ref('neutrophils'), 'date');
  const start = scoped('E', 'start');
  const end = scoped('E', 'end');
  const windowStart = op('Subtract', anchor, qty(14, 'days'));
  return exists(
    query(
      'E',
      retrieve('colony_stimulating_factor'),
      and(
        dayOp('SameOrBefore', start, anchor),
        dayOp('SameOrBefore', start, ASOF),
        or(isNull(end), and(dayOp('SameOrBefore', start, end), dayOp('SameOrAfter', end, windowStart))),
      ),
    ),
  );
}

const def = (name: string, expression: Elm): Elm => ({
  name,
  context: 'Patient',
  accessLevel: 'Public',
  expression,
});

const gilbert = ref('Gilbert');
const strict = ref('Bilirubin within 1.5 x ULN');
const lenient = ref('Bilirubin within 3 x ULN');
const inclusions = CRITERIA.slice(0, INCLUSIONS);
const exclusions = CRITERIA.slice(INCLUSIONS);

const statements: Elm[] = [
  def('Patient', unary('SingletonFrom', retrieve('Patient'))),
  def('AsOf', prop(ref('Patient'), 'asOf')),
  ...LABS.map((lab) => def(lab, latestDef(lab))),
  def('Gilbert', conditionDef('gilbert_syndrome', 'active')),
  def('Bilirubin within 1.5 x ULN', withinUln('bilirubin_total', 1.5)),
  def('Bilirubin within 3 x ULN', withinUln('bilirubin_total', 3)),
  def('eGFR', egfrDef()),
  def(
    'C-IN-1',
    and(
      op(
        'GreaterOrEqual',
        { type: 'CalculateAgeAt', precision: 'Year', operand: [prop(ref('Patient'), 'birthDate'), ASOF] },
        int(18),
      ),
      op(
        'LessOrEqual',
        { type: 'CalculateAgeAt', precision: 'Year', operand: [prop(ref('Patient'), 'birthDate'), ASOF] },
        int(70),
      ),
    ),
  ),
  def('C-IN-3.1.a', atLeast('wbc', qty(3, '10*9/L'))),
  def(
    'C-IN-3.1.b',
    iff(
      isNull(ref('neutrophils')),
      nullBool,
      and(
        op('GreaterOrEqual', quantityOf(ref('neutrophils')), qty(1, '10*9/L')),
        not(csfWithin14DaysBeforeNeutrophils()),
      ),
    ),
  ),
  def('C-IN-3.1.c', atLeast('hemoglobin', qty(60, 'g/L'))),
  def('C-IN-3.2.a', withinUln('alt', 3)),
  def('C-IN-3.2.b', withinUln('ast', 3)),
  def(
    'C-IN-3.2.c',
    iff(
      unary('IsTrue', gilbert),
      lenient,
      iff(unary('IsFalse', gilbert), strict, iff(op('Equal', strict, lenient), strict, nullBool)),
    ),
  ),
  def('PMN-IN-4', op('GreaterOrEqual', ref('eGFR'), dec(45))),
  def('C-EX-2', conditionDef('active_infection', 'suspected')),
  def('C-EX-6', conditionDef('malignant_neoplasm', 'ever')),
  def('PMN-EX-2', conditionDef('diabetes', 'active')),
  def('Inclusion', and(...inclusions.map(ref))),
  def('Exclusion', or(...exclusions.map(ref))),
  def(
    'Verdict',
    iff(
      or(unary('IsFalse', ref('Inclusion')), unary('IsTrue', ref('Exclusion'))),
      str('ineligible'),
      iff(
        and(unary('IsTrue', ref('Inclusion')), unary('IsFalse', ref('Exclusion'))),
        str('eligible'),
        str('undetermined'),
      ),
    ),
  ),
];

const library = {
  library: {
    identifier: { id: 'NCT06469190Bench', version: '1' },
    schemaIdentifier: { id: 'urn:hl7-org:elm', version: 'r1' },
    usings: { def: [{ localIdentifier: 'System', uri: 'urn:hl7-org:elm-types:r1' }] },
    statements: { def: statements },
  },
};

writeFileSync(new URL('./subset.elm.json', import.meta.url), `${JSON.stringify(library, null, 2)}\n`);
