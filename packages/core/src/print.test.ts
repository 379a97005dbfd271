import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import languageReference from '../../../docs/language.md?raw';
import type {
  AnswerType,
  Binding,
  CodeFilter,
  CodePattern,
  Cohort,
  Criterion,
  Declaration,
  Duration,
  Expr,
  Identifier,
  Protocol,
  QuantityLit,
  Ref,
  Section,
  Value,
} from './ast';
import grammar from './grammar/eligo.ohm-bundle.js';
import { parse, parseExpression } from './parse';
import { format, print, printExpression, printNumber } from './print';
import { withoutSpans } from './visitor';

const span = { start: 0, end: 0 };

/** Words the grammar reserves (its `keyword` rule), which no generated name may be. */
const isKeyword = (word: string) => grammar.match(word, 'keyword').succeeded();

// ---------------------------------------------------------------- arbitraries

const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,7}$/).filter((s) => !isKeyword(s));
const identifier: fc.Arbitrary<Identifier> = name.map((value) => ({ kind: 'Identifier', value, span }));
const number = fc.oneof(
  fc.integer({ min: -5, max: 100_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
);
const label = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !/[\r\n]/.test(s));
const unitCode = fc.constantFrom(
  '10*9/L',
  'g/L',
  'mg/dL',
  '%',
  'mL/min/{1.73_m2}',
  'g/(24.h)',
  '[IU]/mL',
  'umol/L',
  's',
  '{INR}',
  'kg/m2',
);
const unit = unitCode.map((code) => ({ kind: 'UnitRef' as const, code, span }));
const duration: fc.Arbitrary<Duration> = fc.record({
  kind: fc.constant('Duration' as const),
  amount: number,
  unit: fc.constantFrom('day' as const, 'week' as const, 'month' as const, 'year' as const),
  span: fc.constant(span),
});
const plainRef: fc.Arbitrary<Ref> = name.map((n) => ({ kind: 'Ref', name: n, window: undefined, span }));
const ref: fc.Arbitrary<Ref> = fc.record({
  kind: fc.constant('Ref' as const),
  name,
  window: fc.option(duration, { nil: undefined }),
  span: fc.constant(span),
});
const quantity: fc.Arbitrary<QuantityLit> = fc.record({
  kind: fc.constant('Quantity' as const),
  value: number,
  unit: fc.option(unit, { nil: undefined }),
  span: fc.constant(span),
});
const limit = fc.constantFrom('ULN' as const, 'LLN' as const);

const { value } = fc.letrec<{ value: Value }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    ref,
    quantity,
    fc.record({
      kind: fc.constant('LimitMultiple' as const),
      factor: number,
      limit,
      span: fc.constant(span),
    }),
    fc.record({
      kind: fc.constant('Call' as const),
      callee: identifier,
      args: fc.array(tie('value'), { maxLength: 3 }),
      span: fc.constant(span),
    }),
    fc.record({
      kind: fc.constant('Latest' as const),
      alternatives: fc.array(tie('value'), { minLength: 1, maxLength: 3 }),
      span: fc.constant(span),
    }),
    fc.record({
      kind: fc.constant('DailyDose' as const),
      subject: plainRef,
      as: fc.option(identifier, { nil: undefined }),
      highestWithin: fc.option(duration, { nil: undefined }),
      span: fc.constant(span),
    }),
    fc.record({
      kind: fc.constant('Episodes' as const),
      subject: plainRef,
      separatedBy: fc.option(duration, { nil: undefined }),
      span: fc.constant(span),
    }),
    fc.record({
      kind: fc.constant('Arith' as const),
      op: fc.constantFrom('+' as const, '-' as const, '*' as const, '/' as const),
      left: tie('value'),
      right: tie('value'),
      span: fc.constant(span),
    }),
  ),
}));

const { expr } = fc.letrec<{ expr: Expr }>((tie) => {
  const sub = tie('expr');
  return {
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      value,
      fc.record({
        kind: fc.constant('Compare' as const),
        op: fc.constantFrom('>=', '>', '<=', '<', '=', '!=' as const),
        left: value,
        right: value,
        span: fc.constant(span),
      }),
      fc.record({
        kind: fc.constant('Between' as const),
        value,
        low: value,
        high: value,
        span: fc.constant(span),
      }),
      fc
        .record({
          kind: fc.constant('Is' as const),
          subject: value,
          negated: fc.boolean(),
          known: fc.boolean(),
          only: fc.boolean(),
          value: identifier,
          span: fc.constant(span),
        })
        .filter((e) => Number(e.negated) + Number(e.known) + Number(e.only) <= 1),
      fc.record({
        kind: fc.constant('ConditionTest' as const),
        subject: plainRef,
        qualifier: fc.constantFrom('suspected' as const, 'ever' as const),
        duration: fc.constant(undefined),
        span: fc.constant(span),
      }),
      fc.record({
        kind: fc.constant('ConditionTest' as const),
        subject: plainRef,
        qualifier: fc.constantFrom('resolvedMoreThan' as const, 'resolvedAtLeast' as const),
        duration,
        span: fc.constant(span),
      }),
      fc.record({
        kind: fc.constant('MedicationTest' as const),
        subject: plainRef,
        qualifier: fc.constantFrom(
          'forAtLeast' as const,
          'forMoreThan' as const,
          'stableForAtLeast' as const,
        ),
        duration,
        span: fc.constant(span),
      }),
      fc.record({
        kind: fc.constant('WithinTest' as const),
        subject: plainRef,
        duration: fc.oneof(duration, value),
        side: fc.constantFrom('before' as const, 'after' as const),
        anchor: fc.oneof(fc.constant('screening' as const), plainRef),
        strict: fc.boolean(),
        span: fc.constant(span),
      }),
      fc.record({
        kind: fc.constant('AnyReading' as const),
        test: fc.record({
          kind: fc.constant('Compare' as const),
          op: fc.constantFrom('>=', '>', '<=', '<', '=', '!=' as const),
          left: plainRef,
          right: value,
          span: fc.constant(span),
        }),
        duration,
        anchor: fc.oneof(fc.constant('screening' as const), plainRef),
        strict: fc.boolean(),
        span: fc.constant(span),
      }),
      fc.record({ kind: fc.constant('SevereTest' as const), subject: plainRef, span: fc.constant(span) }),
      fc.record({
        kind: fc.constant('DoseIncrease' as const),
        dose: fc.record({
          kind: fc.constant('DailyDose' as const),
          subject: plainRef,
          as: fc.option(identifier, { nil: undefined }),
          highestWithin: fc.constant(undefined),
          span: fc.constant(span),
        }),
        duration,
        span: fc.constant(span),
      }),
      fc
        .record({
          kind: fc.constant('DoseCourse' as const),
          test: fc.record({
            kind: fc.constant('Compare' as const),
            op: fc.constantFrom('>=', '>' as const),
            left: fc.record({
              kind: fc.constant('DailyDose' as const),
              subject: plainRef,
              as: fc.option(identifier, { nil: undefined }),
              highestWithin: fc.constant(undefined),
              span: fc.constant(span),
            }),
            right: value,
            span: fc.constant(span),
          }),
          duration,
          window: fc.option(duration, { nil: undefined }),
          strict: fc.boolean(),
          span: fc.constant(span),
        })
        .map((c) => (c.window === undefined ? { ...c, strict: false } : c)),
      fc.record({
        kind: fc.constant('Trend' as const),
        change: fc.constantFrom('fell' as const, 'stable' as const),
        subject: value,
        percent: number,
        duration,
        span: fc.constant(span),
      }),
      fc.record({
        kind: fc.constant('Quantifier' as const),
        quantifier: fc.constantFrom('any' as const, 'all' as const),
        count: fc.constant(undefined),
        operands: fc.array(sub, { minLength: 1, maxLength: 3 }),
        span: fc.constant(span),
      }),
      fc.record({
        kind: fc.constant('Quantifier' as const),
        quantifier: fc.constant('atLeast' as const),
        count: fc.nat(20),
        operands: fc.array(sub, { minLength: 1, maxLength: 3 }),
        span: fc.constant(span),
      }),
      fc.record({ kind: fc.constant('Not' as const), operand: sub, span: fc.constant(span) }),
      fc.record({
        kind: fc.constant('Binary' as const),
        op: fc.constantFrom('and' as const, 'or' as const),
        left: sub,
        right: sub,
        span: fc.constant(span),
      }),
      fc.record({ kind: fc.constant('Unless' as const), expr: sub, exception: sub, span: fc.constant(span) }),
      fc.record({ kind: fc.constant('Given' as const), expr: sub, premise: sub, span: fc.constant(span) }),
      fc.record({
        kind: fc.constant('If' as const),
        condition: sub,
        // biome-ignore lint/suspicious/noThenProperty: the AST names the branches of `if` after the keywords.
        then: sub,
        else: sub,
        span: fc.constant(span),
      }),
    ),
  };
});

const system = fc.constantFrom(
  'loinc' as const,
  'snomed' as const,
  'icd10' as const,
  'atc' as const,
  'rxnorm' as const,
  'cvx' as const,
);
const code = fc
  .stringMatching(/^([0-9]{1,6}-[0-9]|[A-Z][0-9]{2}(\.[0-9]{1,2})?|[A-Z][0-9]{2}[A-Z]{0,2}[0-9]{0,2})$/)
  .filter((c) => !isKeyword(c));
const codePattern: fc.Arbitrary<CodePattern> = fc.oneof(
  fc.record({
    kind: fc.constant('CodePattern' as const),
    system,
    code,
    match: fc.constantFrom('exact' as const, 'prefix' as const),
    to: fc.constant(undefined),
    span: fc.constant(span),
  }),
  // `SYSTEM *`: every code of the system.
  fc.record({
    kind: fc.constant('CodePattern' as const),
    system,
    code: fc.constant(''),
    match: fc.constant('prefix' as const),
    to: fc.constant(undefined),
    span: fc.constant(span),
  }),
  fc.record({
    kind: fc.constant('CodePattern' as const),
    system,
    code,
    match: fc.constant('range' as const),
    to: code,
    span: fc.constant(span),
  }),
);
const binding: fc.Arbitrary<Binding> = fc.oneof(
  fc.constant({ kind: 'Binding' as const, any: true, codes: [], except: [], span }),
  fc.record({
    kind: fc.constant('Binding' as const),
    any: fc.constant(false),
    codes: fc.array(codePattern, { minLength: 1, maxLength: 4 }),
    except: fc.array(codePattern, { maxLength: 2 }),
    span: fc.constant(span),
  }),
);
/** `method …`: codes only, never `any` nor exceptions. */
const methodBinding: fc.Arbitrary<Binding> = fc.record({
  kind: fc.constant('Binding' as const),
  any: fc.constant(false),
  codes: fc.array(codePattern, { minLength: 1, maxLength: 3 }),
  except: fc.constant([]),
  span: fc.constant(span),
});

const codeFilter = (except: fc.Arbitrary<boolean>): fc.Arbitrary<CodeFilter> =>
  fc.record({
    kind: fc.constant('CodeFilter' as const),
    except,
    codes: fc.array(codePattern, { minLength: 1, maxLength: 3 }),
    span: fc.constant(span),
  });
const threshold = fc.oneof(
  fc.record({ kind: fc.constant('LimitRef' as const), limit, span: fc.constant(span) }),
  quantity,
);
const answer: fc.Arbitrary<AnswerType> = fc.oneof(
  ...(['boolean', 'count', 'date'] as const).map((type) =>
    fc.constant({
      kind: 'AnswerType' as const,
      type,
      min: undefined,
      max: undefined,
      unit: undefined,
      values: undefined,
      span,
    }),
  ),
  fc.record({
    kind: fc.constant('AnswerType' as const),
    type: fc.constant('score' as const),
    min: number,
    max: number,
    unit: fc.constant(undefined),
    values: fc.constant(undefined),
    span: fc.constant(span),
  }),
  fc.record({
    kind: fc.constant('AnswerType' as const),
    type: fc.constant('number' as const),
    min: fc.constant(undefined),
    max: fc.constant(undefined),
    unit,
    values: fc.constant(undefined),
    span: fc.constant(span),
  }),
  fc.record({
    kind: fc.constant('AnswerType' as const),
    type: fc.constant('code' as const),
    min: fc.constant(undefined),
    max: fc.constant(undefined),
    unit: fc.constant(undefined),
    values: fc.array(identifier, { minLength: 1, maxLength: 3 }),
    span: fc.constant(span),
  }),
);
const s = fc.constant(span);
const valueCode = (value: string) =>
  fc.record({ kind: fc.constant('ValueCode' as const), value: fc.constant(value), system, code, span: s });
/** Values with the codes bound to each, in the order a `values` list gives them. */
const boundValues = (words: fc.Arbitrary<string>, least: number) =>
  fc.uniqueArray(words, { minLength: 1, maxLength: 3 }).chain((ws) =>
    fc.tuple(...ws.map((w) => fc.array(valueCode(w), { minLength: least, maxLength: 2 }))).map((codes) => ({
      words: ws,
      codes: codes.flat(),
    })),
  );
const declarationProper: fc.Arbitrary<Declaration> = fc.oneof(
  fc.record({
    kind: fc.constant('PatientDecl' as const),
    name: identifier,
    label,
    field: fc.constantFrom('birthDate' as const, 'gender' as const),
    span: s,
  }),
  fc.record({
    kind: fc.constant('LabDecl' as const),
    name: identifier,
    label,
    unit,
    binding,
    molarMass: fc.option(quantity, { nil: undefined }),
    positiveAbove: fc.option(threshold, { nil: undefined }),
    valueCodes: fc.option(
      boundValues(fc.constantFrom('1', '2', '3.5'), 1).map((v) => v.codes),
      { nil: undefined },
    ),
    method: fc.option(methodBinding, { nil: undefined }),
    rangeFor: fc.option(codeFilter(fc.constant(false)), { nil: undefined }),
    span: s,
  }),
  fc
    .record({
      name: identifier,
      label,
      binding,
      values: fc.option(
        boundValues(
          identifier.map((i) => i.value),
          0,
        ),
        { nil: undefined },
      ),
      positiveAbove: fc.option(threshold, { nil: undefined }),
      method: fc.option(methodBinding, { nil: undefined }),
    })
    .map(({ values, ...rest }) => ({
      kind: 'TestDecl' as const,
      ...rest,
      values: values?.words.map((value) => ({ kind: 'Identifier' as const, value, span })),
      valueCodes: values?.codes,
      span,
    })),
  fc.record({
    kind: fc.constant('RecordDecl' as const),
    record: fc.constantFrom(
      'condition' as const,
      'medication' as const,
      'procedure' as const,
      'allergy' as const,
      'encounter' as const,
    ),
    name: identifier,
    label,
    binding,
    classes: fc.option(fc.array(identifier, { minLength: 1, maxLength: 3 }), { nil: undefined }),
    routes: fc.option(fc.array(identifier, { minLength: 1, maxLength: 3 }), { nil: undefined }),
    sites: fc.option(codeFilter(fc.boolean()), { nil: undefined }),
    reasons: fc.option(codeFilter(fc.constant(false)), { nil: undefined }),
    span: s,
  }),
  fc.record({ kind: fc.constant('QuestionDecl' as const), name: identifier, label, answer, span: s }),
  fc.record({
    kind: fc.constant('DefineDecl' as const),
    name: identifier,
    label: fc.option(label, { nil: undefined }),
    expr,
    span: s,
  }),
);
// Any declaration may carry lay wording (the checker, not the grammar, limits where).
const declaration: fc.Arbitrary<Declaration> = fc
  .tuple(declarationProper, fc.option(label, { nil: undefined }))
  .map(([d, lay]) =>
    lay === undefined ? d : { ...d, lay: { kind: 'LayWording' as const, text: lay, span } },
  );
const criterionId = fc
  .stringMatching(/^[A-Z][A-Za-z0-9]{0,3}(-[A-Z0-9]{1,3}){0,3}(\.[a-z0-9]){0,2}$/)
  .filter((c) => !isKeyword(c))
  .map((value) => ({ kind: 'Identifier' as const, value, span }));
const criterion: fc.Arbitrary<Criterion> = fc.record({
  kind: fc.constant('Criterion' as const),
  id: criterionId,
  title: fc.option(label, { nil: undefined }),
  source: fc.option(label, { nil: undefined }),
  rule: fc.option(expr, { nil: null }),
  span: s,
});
const section: fc.Arbitrary<Section> = fc.record({
  kind: fc.constant('Section' as const),
  list: fc.constantFrom('inclusion' as const, 'exclusion' as const),
  criteria: fc.array(criterion, { maxLength: 3 }),
  span: s,
});
const cohort: fc.Arbitrary<Cohort> = fc.record({
  kind: fc.constant('Cohort' as const),
  id: fc
    .stringMatching(/^[A-Z][A-Za-z0-9_]{0,5}$/)
    .filter((c) => !isKeyword(c))
    .map((value) => ({ kind: 'Identifier' as const, value, span })),
  label: fc.option(label, { nil: undefined }),
  sections: fc.array(section, { maxLength: 2 }),
  span: s,
});
const protocol: fc.Arbitrary<Protocol> = fc.record({
  kind: fc.constant('Protocol' as const),
  id: fc.stringMatching(/^NCT[0-9]{8}$/).map((value) => ({ kind: 'Identifier' as const, value, span })),
  title: fc.option(label, { nil: undefined }),
  version: fc.option(label, { nil: undefined }),
  screeningPeriod: fc.option(duration, { nil: undefined }),
  complete: fc.subarray(['condition', 'medication', 'procedure', 'allergy', 'encounter'] as const),
  declarations: fc.array(declaration, { maxLength: 4 }),
  sections: fc.array(section, { maxLength: 2 }),
  cohorts: fc.array(cohort, { maxLength: 2 }),
  span: s,
});

// ---------------------------------------------------------------- properties

describe('round trip', () => {
  test('parse(print(ast)) is ast, spans aside, for any protocol', () => {
    fc.assert(
      fc.property(protocol, (ast) => {
        const text = print(ast);
        const { ast: back, diagnostics } = parse(text);
        expect(diagnostics).toEqual([]);
        expect(withoutSpans(back)).toEqual(withoutSpans(ast));
      }),
      { numRuns: 100 },
    );
  });

  test('parseExpression(printExpression(e)) is e, for any expression', () => {
    fc.assert(
      fc.property(expr, (e) => {
        const { ast, diagnostics } = parseExpression(printExpression(e));
        expect(diagnostics).toEqual([]);
        expect(withoutSpans(ast)).toEqual(withoutSpans(e));
      }),
      { numRuns: 200 },
    );
  });

  test('printing is a fixed point: print(parse(print(x))) is print(x)', () => {
    fc.assert(
      fc.property(protocol, (ast) => {
        const once = print(ast);
        expect(print(parse(once).ast!)).toBe(once);
        expect(format(once).text).toBe(once);
      }),
      { numRuns: 60 },
    );
  });

  test('numbers print shortest and exact, never in exponent notation', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const text = printNumber(n);
        expect(text).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Object.is(Number(text), n)).toBe(true);
      }),
    );
    expect([1e21, 1.5e-7, 3.0, 0.1, -2.5, 123456789012345680000].map(printNumber)).toEqual([
      '1000000000000000000000',
      '0.00000015',
      '3',
      '0.1',
      '-2.5',
      '123456789012345680000',
    ]);
  });
});

describe('canonical layout', () => {
  const reference = /```eligo\n([\s\S]*?)```/.exec(languageReference)![1]!;

  test("formatting the language reference's example leaves it as it is", () => {
    expect(format(reference)).toEqual({ text: reference, diagnostics: [] });
  });

  test('the example reprinted from its AST alone: no comments, no source blank lines', () => {
    const text = print(parse(reference).ast!);
    expect(text.split('\n').slice(0, 8)).toEqual([
      'trial NCT06469190 "Anti-CD19 CAR-NK (KN5501) in relapsed/refractory immune nephropathy"',
      'version "1"',
      'records complete for condition, medication, procedure, allergy',
      '',
      'patient birth_date "Date of birth" from birthDate',
      'patient sex "Administrative sex" from gender',
      'define age_years "Age in completed years on the screening date" = age(birth_date)',
      'lab wbc "White blood cell count" in 10*9/L from loinc 6690-2, 26464-8',
    ]);
  });

  test('messy input comes out canonical, comments kept', () => {
    const messy = `# NCT-like
trial   X   "t"   # the trial
inclusion
      C-1 "a"   source "s \\"q\\""  met if ((a and b)) or not (c) unless d # why
    C-2 met if   wbc>=3.50   10*9/L
exclusion C-3 decided   by sub-criteria
cohort   A
 exclusion
  A-1 met if (a or b) and c
`;
    expect(format(messy).text).toBe(`# NCT-like
trial X "t" # the trial

inclusion
  C-1 "a"
    source "s \\"q\\""
    met if (a and b) or not c unless d # why
  C-2
    met if wbc >= 3.5 10*9/L

exclusion
  C-3
    decided by sub-criteria

cohort A
  exclusion
    A-1
      met if (a or b) and c
`);
  });

  test('lay wording stands on a line of its own below its declaration', () => {
    const text = `trial X
condition dm "Diabetes" from icd10 E11* lay "Has a doctor told you that you have diabetes?"
question w "Weight": number in kg lay   "How much do you weigh?"
inclusion
  C-1 met if not dm and w > 40 kg
`;
    expect(format(text).text).toBe(`trial X

condition dm "Diabetes" from icd10 E11*
  lay "Has a doctor told you that you have diabetes?"
question w "Weight": number in kg
  lay "How much do you weigh?"

inclusion
  C-1
    met if not dm and w > 40 kg
`);
  });

  test('long lines wrap: bindings below the head, expressions before their operators', () => {
    const codes = Array.from({ length: 30 }, (_, i) => `N${String(i).padStart(2, '0')}.1`).join(', ');
    const long = `trial X
condition c "A condition with many codes" from icd10 ${codes}
inclusion
  C-1
    met if (first_long_condition_name and second_long_condition_name and third_long_condition_name and fourth_long_condition_name)
      or something_else_entirely
`;
    const text = format(long).text!;
    expect(text).toBe(`trial X

condition c "A condition with many codes"
  from icd10 N00.1, N01.1, N02.1, N03.1, N04.1, N05.1, N06.1, N07.1, N08.1, N09.1, N10.1, N11.1, N12.1, N13.1, N14.1,
    N15.1, N16.1, N17.1, N18.1, N19.1, N20.1, N21.1, N22.1, N23.1, N24.1, N25.1, N26.1, N27.1, N28.1, N29.1

inclusion
  C-1
    met if (first_long_condition_name
        and second_long_condition_name
        and third_long_condition_name
        and fourth_long_condition_name)
      or something_else_entirely
`);
    expect(withoutSpans(parse(text).ast)).toEqual(withoutSpans(parse(long).ast));
  });

  test('format leaves a text with syntax errors alone', () => {
    const result = format('trial X\ninclusion\n  C-1 met if a >=\n');
    expect(result.text).toBeUndefined();
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'syntax error: expected a value, found end of input',
    ]);
  });

  test('if/then/else and unless break before their words, keeping lines under 100 columns', () => {
    const text = `trial X
inclusion
  C-IN-3.3 "Bilirubin"
    met if if gilbert_syndrome or haemolytic_anaemia_documented_by_lab then bilirubin_total <= 3.0 x ULN and direct_bilirubin <= 1.5 x ULN else bilirubin_total <= 1.5 x ULN
  C-EX-2 "Prior therapy"
    met if immunosuppressive_therapy for more than 6 months unless (steroid_only_course and not relapsed_within_last_year)
  C-EX-3
    met if if a then b else if c then d else e
  C-EX-4
    met if if first_condition_with_a_long_name then second_condition_with_a_long_name else third_condition or fourth_condition_long
`;
    expect(text.split('\n')[3]).toHaveLength(172);
    const formatted = format(text).text!;
    expect(formatted).toBe(`trial X

inclusion
  C-IN-3.3 "Bilirubin"
    met if if gilbert_syndrome or haemolytic_anaemia_documented_by_lab
      then bilirubin_total <= 3 x ULN and direct_bilirubin <= 1.5 x ULN
      else bilirubin_total <= 1.5 x ULN
  C-EX-2 "Prior therapy"
    met if immunosuppressive_therapy for more than 6 months
      unless (steroid_only_course and not relapsed_within_last_year)
  C-EX-3
    met if if a then b else if c then d else e
  C-EX-4
    met if if first_condition_with_a_long_name
      then second_condition_with_a_long_name
      else (third_condition or fourth_condition_long)
`);
    expect(withoutSpans(parse(formatted).ast)).toEqual(withoutSpans(parse(text).ast));
    expect(format(formatted).text).toBe(formatted);
  });

  test('a long if inside a chain, and a long chain inside a branch, nest one level deeper', () => {
    const long = (n: number) => `condition_number_${n}_with_a_rather_longer_name`;
    const text = `trial X
define d = (if ${long(1)} then ${long(2)} and ${long(3)} else ${long(4)}) or ${long(5)}
`;
    expect(format(text).text).toBe(`trial X

define d =
  (if condition_number_1_with_a_rather_longer_name
      then condition_number_2_with_a_rather_longer_name
        and condition_number_3_with_a_rather_longer_name
      else condition_number_4_with_a_rather_longer_name)
    or condition_number_5_with_a_rather_longer_name
`);
  });

  test('minimal parentheses, and those that keep the reading: and under or, after unless, in else', () => {
    const cases: [string, string][] = [
      ['((a))', 'a'],
      ['(a and b) and c', 'a and b and c'],
      ['a and (b and c)', 'a and (b and c)'],
      ['a or b and c', 'a or (b and c)'],
      ['(a or b) and c', '(a or b) and c'],
      ['not (a and b)', 'not (a and b)'],
      ['(not a) and b', 'not a and b'],
      ['(a unless b) unless c', 'a unless b unless c'],
      ['a unless (b unless c)', 'a unless (b unless c)'],
      ['(if a then b else c) and d', '(if a then b else c) and d'],
      // Parentheses a reader needs, though the grammar does not: after `unless`, and in `else`.
      ['a unless (b and not c)', 'a unless (b and not c)'],
      ['a unless b and not c', 'a unless (b and not c)'],
      ['a unless b or c', 'a unless (b or c)'],
      ['a unless not b', 'a unless not b'],
      ['(a unless b) and c', '(a unless b) and c'],
      ['if a then b else c unless d', 'if a then b else (c unless d)'],
      ['if a then b else c or d', 'if a then b else (c or d)'],
      ['if a then b or c else d', 'if a then b or c else d'],
      ['if a then b else if c then d else e', 'if a then b else if c then d else e'],
      ['(a given b) given c', 'a given b given c'],
      ['a given b and c', 'a given (b and c)'],
      ['a unless b given c', 'a unless b given c'],
      ['a given (b unless c)', 'a given (b unless c)'],
      ['(a given b) and c', '(a given b) and c'],
      ['if a then b else c given d', 'if a then b else (c given d)'],
      ['any of ((a or b), if c then d else e)', 'any of (a or b, if c then d else e)'],
    ];
    expect(cases.map(([input]) => printExpression(parseExpression(input).ast!))).toEqual(
      cases.map(([, out]) => out),
    );
  });
});
