import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import languageReference from '../../../docs/language.md?raw';
import type { Arith, Expr, Protocol, Value } from './ast';
import { renderDiagnostics } from './diagnostics/codeFrame';
import { parse, parseExpression } from './parse';
import { Source } from './source';
import { withoutSpans as stripSpans } from './visitor';

/** The first example of the language reference: a protocol in brief. */
const DOCS_EXAMPLE = /```eligo\n([\s\S]*?)```/.exec(languageReference)![1]!;

const header = 'trial T "Test"\n';

/** Parses `met if …` inside a one-criterion protocol and returns the rule. */
function rule(text: string): Expr {
  const { ast, diagnostics } = parse(`${header}inclusion\n  C-1\n    met if ${text}\n`);
  expect(diagnostics).toEqual([]);
  const expr = ast?.sections[0]?.criteria[0]?.rule;
  if (!expr) throw new Error('no rule');
  return stripSpans(expr);
}

function declaration(text: string) {
  const { ast, diagnostics } = parse(`${header}${text}\n`);
  expect(diagnostics).toEqual([]);
  return stripSpans(ast!.declarations[0]!);
}

/** The first diagnostic, located: what an author sees. */
function error(text: string) {
  const { ast, diagnostics } = parse(text);
  expect(ast).toBeUndefined();
  expect(diagnostics).toHaveLength(1);
  const d = diagnostics[0]!;
  return { code: d.code, message: d.message, ...new Source(text).locate(d.span!.start) };
}

/** The diagnostics as `eligo check` prints them. */
function rendered(text: string): string {
  const source = new Source(text, 't.elig');
  return renderDiagnostics(parse(source).diagnostics, source);
}

const ref = (name: string) => ({ kind: 'Ref', name, window: undefined });
const qty = (value: number, unit?: string) => ({
  kind: 'Quantity',
  value,
  unit: unit ? { kind: 'UnitRef', code: unit } : undefined,
});
const days = (amount: number, unit = 'day') => ({ kind: 'Duration', amount, unit });

describe('expressions', () => {
  test('and is left-associative and binds tighter than or', () => {
    expect(rule('a and b and c or d')).toEqual({
      kind: 'Binary',
      op: 'or',
      left: {
        kind: 'Binary',
        op: 'and',
        left: { kind: 'Binary', op: 'and', left: ref('a'), right: ref('b') },
        right: ref('c'),
      },
      right: ref('d'),
    });
  });

  test('if/then/else with limit multiples', () => {
    expect(
      rule('if gilbert_syndrome then bilirubin_total <= 3.0 x ULN else bilirubin_total <= 1.5 x ULN'),
    ).toEqual({
      kind: 'If',
      condition: ref('gilbert_syndrome'),
      // biome-ignore lint/suspicious/noThenProperty: the AST names the branches of `if` after the keywords.
      then: {
        kind: 'Compare',
        op: '<=',
        left: ref('bilirubin_total'),
        right: { kind: 'LimitMultiple', factor: 3, limit: 'ULN' },
      },
      else: {
        kind: 'Compare',
        op: '<=',
        left: ref('bilirubin_total'),
        right: { kind: 'LimitMultiple', factor: 1.5, limit: 'ULN' },
      },
    });
  });

  test('a medication window anchored on a lab, under not', () => {
    expect(
      rule('neutrophils >= 1 10*9/L and not colony_stimulating_factor within 14 days before neutrophils'),
    ).toEqual({
      kind: 'Binary',
      op: 'and',
      left: { kind: 'Compare', op: '>=', left: ref('neutrophils'), right: qty(1, '10*9/L') },
      right: {
        kind: 'Not',
        operand: {
          kind: 'WithinTest',
          subject: ref('colony_stimulating_factor'),
          duration: days(14),
          side: 'before',
          anchor: ref('neutrophils'),
          strict: false,
        },
      },
    });
    expect(rule('gcsf within 2 weeks before screening')).toMatchObject({
      anchor: 'screening',
      strict: false,
      duration: days(2, 'week'),
    });
  });

  test('a lab window before is', () => {
    expect(rule('serum_hcg within 7 days is negative')).toEqual({
      kind: 'Is',
      subject: { kind: 'Ref', name: 'serum_hcg', window: days(7) },
      negated: false,
      known: false,
      only: false,
      value: { kind: 'Identifier', value: 'negative' },
    });
    expect(rule('species within 0 days is only falciparum')).toMatchObject({
      kind: 'Is',
      subject: { kind: 'Ref', name: 'species', window: days(0) },
      negated: false,
      known: false,
      only: true,
      value: { value: 'falciparum' },
    });
    expect(rule('hiv_ab is known positive')).toMatchObject({
      kind: 'Is',
      negated: false,
      known: true,
      value: { value: 'positive' },
    });
    expect(rule('sex is not female')).toMatchObject({
      kind: 'Is',
      negated: true,
      value: { value: 'female' },
    });
  });

  test('condition qualifiers and parentheses', () => {
    expect(
      rule(
        'malignant_neoplasm ever or (in_situ_neoplasm ever and not in_situ_neoplasm resolved more than 5 years ago)',
      ),
    ).toEqual({
      kind: 'Binary',
      op: 'or',
      left: {
        kind: 'ConditionTest',
        subject: ref('malignant_neoplasm'),
        qualifier: 'ever',
        duration: undefined,
      },
      right: {
        kind: 'Binary',
        op: 'and',
        left: {
          kind: 'ConditionTest',
          subject: ref('in_situ_neoplasm'),
          qualifier: 'ever',
          duration: undefined,
        },
        right: {
          kind: 'Not',
          operand: {
            kind: 'ConditionTest',
            subject: ref('in_situ_neoplasm'),
            qualifier: 'resolvedMoreThan',
            duration: days(5, 'year'),
          },
        },
      },
    });
    expect(rule('active_infection suspected')).toMatchObject({
      kind: 'ConditionTest',
      qualifier: 'suspected',
    });
  });

  test('trend, quantifiers, severe, between, medication spans', () => {
    expect(rule('egfr fell by at least 50 % within 3 months')).toEqual({
      kind: 'Trend',
      change: 'fell',
      subject: ref('egfr'),
      percent: 50,
      duration: days(3, 'month'),
    });
    expect(rule('body_weight stable within 5 % for at least 3 months')).toEqual({
      kind: 'Trend',
      change: 'stable',
      subject: ref('body_weight'),
      percent: 5,
      duration: days(3, 'month'),
    });
    expect(rule('at least 2 of (a, b, c)')).toEqual({
      kind: 'Quantifier',
      quantifier: 'atLeast',
      count: 2,
      operands: [ref('a'), ref('b'), ref('c')],
    });
    expect(rule('any of (a, b)')).toMatchObject({ quantifier: 'any', count: undefined });
    expect(rule('all of (a)')).toMatchObject({ quantifier: 'all', operands: [ref('a')] });
    expect(rule('any_allergy severe')).toEqual({ kind: 'SevereTest', subject: ref('any_allergy') });
    expect(rule('age_years between 18 and 70')).toEqual({
      kind: 'Between',
      value: ref('age_years'),
      low: qty(18),
      high: qty(70),
    });
    expect(rule('acei_arb for at least 3 months')).toMatchObject({
      qualifier: 'forAtLeast',
      duration: days(3, 'month'),
    });
    expect(rule('febrile_illness within 72 hours before first_dose')).toMatchObject({
      kind: 'WithinTest',
      duration: days(72, 'hour'),
      anchor: ref('first_dose'),
    });
    expect(rule('planned_departure_date within 3 months after screening')).toEqual({
      kind: 'WithinTest',
      subject: ref('planned_departure_date'),
      duration: days(3, 'month'),
      side: 'after',
      anchor: 'screening',
      strict: false,
    });
    expect(rule('azathioprine within less than 6 months before screening')).toEqual({
      kind: 'WithinTest',
      subject: ref('azathioprine'),
      duration: days(6, 'month'),
      side: 'before',
      anchor: 'screening',
      strict: true,
    });
    expect(rule('any temp within less than 72 hours before enrolment > 38 Cel')).toMatchObject({
      kind: 'AnyReading',
      duration: days(72, 'hour'),
      anchor: ref('enrolment'),
      strict: true,
    });
    const dose = { kind: 'DailyDose', subject: ref('steroid'), as: undefined, highestWithin: undefined };
    expect(rule('steroid daily dose as prednisone >= 20 mg/d for at least 14 days')).toEqual({
      kind: 'DoseCourse',
      test: {
        kind: 'Compare',
        op: '>=',
        left: { ...dose, as: { kind: 'Identifier', value: 'prednisone' } },
        right: qty(20, 'mg/d'),
      },
      duration: days(14, 'day'),
      window: undefined,
      strict: false,
    });
    expect(
      rule('steroid daily dose > 10 mg/d for at least 2 weeks within less than 6 months before screening'),
    ).toEqual({
      kind: 'DoseCourse',
      test: { kind: 'Compare', op: '>', left: dose, right: qty(10, 'mg/d') },
      duration: days(2, 'week'),
      window: days(6, 'month'),
      strict: true,
    });
    expect(rule('last_dose within 5 * half_life before screening')).toEqual({
      kind: 'WithinTest',
      subject: ref('last_dose'),
      duration: { kind: 'Arith', op: '*', left: qty(5), right: ref('half_life') },
      side: 'before',
      anchor: 'screening',
      strict: false,
    });
    expect(rule('immunosuppressive_therapy for more than 6 months')).toMatchObject({
      qualifier: 'forMoreThan',
    });
  });

  test('units: annotations, parenthesized groups, percent, powers of ten', () => {
    expect(rule('egfr >= 45 mL/min/{1.73_m2}')).toMatchObject({ right: qty(45, 'mL/min/{1.73_m2}') });
    expect(rule('wbc >= 3 10*9/L')).toMatchObject({ right: qty(3, '10*9/L') });
    expect(rule('lvef >= 55 %')).toMatchObject({ right: qty(55, '%') });
    expect(rule('urine_protein_24h >= 1.0 g/(24.h) unless x')).toEqual({
      kind: 'Unless',
      expr: { kind: 'Compare', op: '>=', left: ref('urine_protein_24h'), right: qty(1, 'g/(24.h)') },
      exception: ref('x'),
    });
    // An unbalanced `)` ends the unit and closes the group.
    expect(rule('(a >= 1.0 g/(24.h))')).toMatchObject({ right: qty(1, 'g/(24.h)') });
  });

  test('a unit never takes a keyword or the next line', () => {
    expect(rule('a >= 3 and b')).toMatchObject({ kind: 'Binary', left: { right: qty(3) } });
    expect(rule('if a >= 3 then b else c')).toMatchObject({ kind: 'If', condition: { right: qty(3) } });
  });

  test('calls and latest of', () => {
    expect(
      rule('latest of (egfr_observation, ckd_epi_2021(serum_creatinine, sex, birth_date)) >= 30'),
    ).toEqual({
      kind: 'Compare',
      op: '>=',
      left: {
        kind: 'Latest',
        alternatives: [
          ref('egfr_observation'),
          {
            kind: 'Call',
            callee: { kind: 'Identifier', value: 'ckd_epi_2021' },
            args: [ref('serum_creatinine'), ref('sex'), ref('birth_date')],
          },
        ],
      },
      right: qty(30),
    });
  });

  test('parseExpression parses one expression with offsets into its text', () => {
    const { ast, diagnostics } = parseExpression('  a and b');
    expect(diagnostics).toEqual([]);
    expect(ast).toMatchObject({
      kind: 'Binary',
      span: { start: 2, end: 9 },
      left: { span: { start: 2, end: 3 } },
    });
  });

  test('chains of one operator group to the left, each node spanning its first operand to its last', () => {
    const text = '(w + 1 kg) * h / 2 - a * b + 3 unless c or d or e given f';
    const { ast, diagnostics } = parseExpression(text);
    expect(diagnostics).toEqual([]);
    const at = (node: { span: { start: number; end: number } }) => text.slice(node.span.start, node.span.end);
    const grouped = (v: Value): string =>
      v.kind === 'Arith' ? `(${grouped(v.left)} ${v.op} ${grouped(v.right)})` : at(v);
    const given = ast as Extract<Expr, { kind: 'Given' }>;
    expect(at(given)).toBe(text);
    expect(at(given.premise)).toBe('f');
    const unless = given.expr as Extract<Expr, { kind: 'Unless' }>;
    expect(at(unless)).toBe('(w + 1 kg) * h / 2 - a * b + 3 unless c or d or e');
    const or = unless.exception as Extract<Expr, { kind: 'Binary' }>;
    expect([at(or), at(or.left), at(or.right)]).toEqual(['c or d or e', 'c or d', 'e']);
    const sum = unless.expr as unknown as Arith;
    expect(grouped(sum)).toBe('(((((w + 1 kg) * h) / 2) - (a * b)) + 3)');
    expect(at(sum.left)).toBe('(w + 1 kg) * h / 2 - a * b');
    const quotient = (sum.left as Arith).left as Arith;
    expect([at(quotient), at(quotient.left)]).toEqual(['(w + 1 kg) * h / 2', '(w + 1 kg) * h']);
    // A bracketed operand is no node of its own: the sum inside keeps the span of what it adds.
    expect(at((quotient.left as Arith).left)).toBe('w + 1 kg');
  });

  test('not binds tighter than and; unless lower than or', () => {
    expect(rule('not a and b')).toMatchObject({ kind: 'Binary', left: { kind: 'Not' } });
    expect(rule('a or b unless c')).toMatchObject({ kind: 'Unless', expr: { kind: 'Binary', op: 'or' } });
  });
});

describe('declarations', () => {
  test('lab with a molar mass and two LOINC codes', () => {
    expect(
      declaration(
        'lab bilirubin_total "Total bilirubin" in umol/L from loinc 14631-6, 1975-2 molar mass 584.66 g/mol',
      ),
    ).toEqual({
      kind: 'LabDecl',
      name: { kind: 'Identifier', value: 'bilirubin_total' },
      label: 'Total bilirubin',
      unit: { kind: 'UnitRef', code: 'umol/L' },
      binding: {
        kind: 'Binding',
        any: false,
        codes: [
          { kind: 'CodePattern', system: 'loinc', code: '14631-6', match: 'exact', to: undefined },
          { kind: 'CodePattern', system: 'loinc', code: '1975-2', match: 'exact', to: undefined },
        ],
        except: [],
      },
      molarMass: qty(584.66, 'g/mol'),
      positiveAbove: undefined,
    });
  });

  test('positive above a limit or a quantity', () => {
    expect(declaration('lab cd19 "CD19" in % from loinc 8117-4 positive above 0 %')).toMatchObject({
      positiveAbove: qty(0, '%'),
    });
    expect(declaration('test anca_mpo "MPO-ANCA" from loinc 46266-3 positive above ULN')).toMatchObject({
      kind: 'TestDecl',
      positiveAbove: { kind: 'LimitRef', limit: 'ULN' },
      values: undefined,
    });
    expect(declaration('test hbsag "HBsAg" from loinc 5196-1 values positive, negative')).toMatchObject({
      values: [{ value: 'positive' }, { value: 'negative' }],
    });
  });

  test('ranges, prefixes, exceptions and several systems', () => {
    expect(
      declaration('condition malignant_neoplasm "Malignant neoplasm" from icd10 C00 to C97 except C44*'),
    ).toMatchObject({
      kind: 'RecordDecl',
      record: 'condition',
      binding: {
        codes: [{ system: 'icd10', code: 'C00', match: 'range', to: 'C97' }],
        except: [{ system: 'icd10', code: 'C44', match: 'prefix', to: undefined }],
      },
    });
    expect(declaration('condition gilbert "Gilbert" from icd10 E80.4, snomed 27503000')).toMatchObject({
      binding: {
        codes: [
          { system: 'icd10', code: 'E80.4' },
          { system: 'snomed', code: '27503000' },
        ],
      },
    });
    expect(declaration('allergy any_allergy "Any allergy" from any')).toMatchObject({
      record: 'allergy',
      binding: { any: true, codes: [], except: [] },
    });
  });

  test('encounters, with and without classes', () => {
    expect(
      declaration(
        'encounter hf_admission "Hospitalisation for heart failure" from icd10 I50*, snomed 84114007 class inpatient',
      ),
    ).toMatchObject({
      kind: 'RecordDecl',
      record: 'encounter',
      binding: {
        codes: [
          { system: 'icd10', code: 'I50', match: 'prefix' },
          { system: 'snomed', code: '84114007', match: 'exact' },
        ],
      },
      classes: [{ value: 'inpatient' }],
    });
    expect(
      declaration('encounter admission "Any admission" from any class inpatient, emergency'),
    ).toMatchObject({
      binding: { any: true },
      classes: [{ value: 'inpatient' }, { value: 'emergency' }],
    });
    expect(declaration('encounter visit "Any visit" from snomed 185347001')).toMatchObject({
      record: 'encounter',
      classes: undefined,
    });
    expect(declaration('condition dx "Diagnosis" from icd10 E11*')).toMatchObject({ classes: undefined });
  });

  test('questions', () => {
    expect(
      declaration('question prior_therapy_response "Response": one of refractory, relapsed, responding'),
    ).toMatchObject({
      answer: {
        type: 'code',
        values: [{ value: 'refractory' }, { value: 'relapsed' }, { value: 'responding' }],
      },
    });
    expect(declaration('question bvas_total "BVAS": score 0 to 63')).toMatchObject({
      answer: { type: 'score', min: 0, max: 63 },
    });
    expect(declaration('question consent "Consent?": yes/no')).toMatchObject({ answer: { type: 'boolean' } });
    expect(declaration('question weight "Weight": number in kg')).toMatchObject({
      answer: { type: 'number', unit: { code: 'kg' } },
    });
    expect(declaration('question n "N": count')).toMatchObject({ answer: { type: 'count' } });
    expect(declaration('question d "D": date')).toMatchObject({ answer: { type: 'date' } });
  });

  test('define with and without a label', () => {
    expect(
      declaration(
        'define egfr "eGFR" = latest of (egfr_observation, ckd_epi_2021(serum_creatinine, sex, birth_date))',
      ),
    ).toMatchObject({
      kind: 'DefineDecl',
      label: 'eGFR',
      expr: { kind: 'Latest' },
    });
    expect(declaration('define adult = age_years >= 18')).toMatchObject({
      label: undefined,
      expr: { kind: 'Compare' },
    });
  });

  test('strings keep any Unicode and unescape \\" and \\\\', () => {
    expect(declaration('patient sex "Sex \\"≥\\" × 10⁹ \\\\" from gender')).toMatchObject({
      label: 'Sex "≥" × 10⁹ \\',
      field: 'gender',
    });
  });
});

describe('protocols', () => {
  test('the language reference example, spans included', () => {
    const { ast, diagnostics } = parse(DOCS_EXAMPLE);
    expect(diagnostics).toEqual([]);
    const p = ast as Protocol;
    expect(p.id).toEqual({ kind: 'Identifier', value: 'NCT06469190', span: { start: 6, end: 17 } });
    expect(p.version).toBe('1');
    expect(p.complete).toEqual(['condition', 'medication', 'procedure', 'allergy']);
    expect(p.declarations.map((d) => d.name.value)).toEqual([
      'birth_date',
      'sex',
      'age_years',
      'wbc',
      'alt',
      'creatinine',
      'egfr',
      'hbsag',
      'gilbert',
      'malignancy',
      'gcsf',
      'consent',
    ]);
    expect(p.sections.map((s) => [s.list, s.criteria.map((c) => c.id.value)])).toEqual([
      ['inclusion', ['C-IN-1']],
    ]);
    const cohort = p.cohorts[0]!;
    expect(cohort.id.value).toBe('PMN');
    expect(cohort.sections[0]!.criteria[0]).toMatchObject({
      id: { value: 'PMN-IN-4' },
      title: 'eGFR ≥ 45',
      rule: { kind: 'Compare', right: { unit: { code: 'mL/min/{1.73_m2}' } } },
    });
    const wbc = p.declarations[3]!;
    expect(DOCS_EXAMPLE.slice(wbc.span.start, wbc.span.end)).toBe(
      'lab wbc "White blood cell count" in 10*9/L from loinc 6690-2, 26464-8',
    );
  });

  test('headings, comments and ids with dots and dashes', () => {
    const { ast, diagnostics } = parse(`${header}# a comment
inclusion # another
  C-IN-3 "Organ function"
    source "The functions:"
    decided by sub-criteria
  C-IN-3.1.a "WBC" met if wbc >= 3 10*9/L # trailing
cohort IgAN
  exclusion
    IgAN-EX-1 met if x
`);
    expect(diagnostics).toEqual([]);
    expect(ast!.sections[0]!.criteria.map((c) => [c.id.value, c.rule === null])).toEqual([
      ['C-IN-3', true],
      ['C-IN-3.1.a', false],
    ]);
    expect(ast!.cohorts[0]).toMatchObject({
      id: { value: 'IgAN' },
      label: undefined,
      sections: [{ list: 'exclusion' }],
    });
  });

  test('records complete for every record kind', () => {
    expect(
      parse(`${header}records complete for condition, medication, procedure, allergy\n`).ast?.complete,
    ).toHaveLength(4);
  });
});

describe('syntax errors in human words, with line and column', () => {
  const c1 = `${header}inclusion\n  C-IN-1 "Age"\n`;

  test('missing met if', () => {
    expect(error(`${c1}    source "Age ≥ 18"\n  C-IN-2 "Sex"\n    met if sex is female\n`)).toEqual({
      code: 'E0001',
      message: "syntax error: expected 'met if' or 'decided by sub-criteria', found 'C-IN-2'",
      line: 5,
      column: 3,
    });
  });

  test('unit on the next line', () => {
    expect(error(`${c1}    met if wbc >= 3\n      10*9/L\n`)).toEqual({
      code: 'E0002',
      message: 'syntax error: a unit must stand on the same line as its number',
      line: 5,
      column: 7,
    });
  });

  test('unterminated string', () => {
    expect(error(`${header}inclusion\n  C-IN-1 "Age\n    met if age >= 18\n`)).toEqual({
      code: 'E0001',
      message: 'syntax error: expected a closing quote, found a line break',
      line: 3,
      column: 14,
    });
  });

  test('>= without a right side', () => {
    expect(error(`${c1}    met if age >=\n  C-IN-2 met if b\n`)).toEqual({
      code: 'E0001',
      message: "syntax error: expected a value, found 'C-IN-2'",
      line: 5,
      column: 3,
    });
  });

  test('stray )', () => {
    expect(error(`${c1}    met if (a and b))\n`)).toEqual({
      code: 'E0001',
      message: "syntax error: expected end of input, found ')'",
      line: 4,
      column: 21,
    });
  });

  test('unclosed quantifier list: at its (', () => {
    expect(error(`${c1}    met if at least 2 of (a, b\n`)).toEqual({
      code: 'E0004',
      message: "syntax error: this '(' is never closed",
      line: 4,
      column: 26,
    });
  });

  test("a missing ')' is reported at its '(', with a note where the parser gave up", () => {
    const text = `${header}inclusion\n  C-1 met if (a and (b or c)\n\n  C-2 met if d\n`;
    expect(error(text)).toEqual({
      code: 'E0004',
      message: "syntax error: this '(' is never closed",
      line: 3,
      column: 14,
    });
    expect(rendered(text)).toBe(`t.elig:3:14 error E0004 syntax error: this '(' is never closed
  3 |   C-1 met if (a and (b or c)
    |              ^ never closed
  hint: add ')' where the parenthesised part ends
  note: expected ')' before 'C-2' (t.elig:5:3)
`);
    // At the end of the text, and when a later criterion has a ')' of its own.
    expect(error(`${header}inclusion\n  C-1\n    met if ((a and b)\n`)).toMatchObject({
      code: 'E0004',
      line: 4,
      column: 12,
    });
    expect(error(`${header}inclusion\n  C-1 met if (a and b\n  C-2 met if c or d)\n`)).toMatchObject({
      code: 'E0004',
      line: 3,
      column: 14,
    });
  });

  test('a word after a complete expression is not taken for a new criterion', () => {
    const text = `${header}inclusion\n  C-1 met if chemo_end more than 28 days ago\n`;
    expect(error(text)).toEqual({
      code: 'E0005',
      message: "syntax error: 'more' is not understood after a complete expression",
      line: 3,
      column: 24,
    });
    expect(
      rendered(text),
    ).toBe(`t.elig:3:24 error E0005 syntax error: 'more' is not understood after a complete expression
  3 |   C-1 met if chemo_end more than 28 days ago
    |                        ^^^^ the expression before this word is complete
  hint: an expression can be followed by 'and', 'or', 'unless', 'given', a comparison (>=, >, <=, <, =, !=), arithmetic (+, -, *, /), 'is', 'between', 'within', 'for at least …', 'stable for at least …', 'ever', 'suspected', 'resolved more than … ago', 'severe' or 'fell by at least …'; a new criterion starts on a line of its own
`);
  });

  test('a criterion id may begin with ULN or LLN, which are words only where the id ends', () => {
    const text = `${header}inclusion\n  LLN-0 met if alt <= 3 x ULN\n  ULN.2 "Upper" met if alt >= 1 x LLN\n`;
    const { ast, diagnostics } = parse(text);
    expect(diagnostics).toEqual([]);
    expect(ast!.sections[0]!.criteria.map((c) => c.id.value)).toEqual(['LLN-0', 'ULN.2']);
  });

  test('a word that could be a criterion id, on the line of the expression before it', () => {
    const message = (word: string) => `syntax error: '${word}' is not understood after a complete expression`;
    // The parser reads `foo` as a criterion and fails at C-2 for want of its `met if`.
    expect(error(`${header}inclusion\n  C-1 met if a and b foo\n  C-2 met if c\n`)).toEqual({
      code: 'E0005',
      message: message('foo'),
      line: 3,
      column: 22,
    });
    // The parser reads a whole second criterion on the line: no tree, the same error.
    expect(error(`${header}inclusion\n  C-1 met if a >= 3 mg/dL C-2 met if b\n`)).toEqual({
      code: 'E0005',
      message: message('C-2'),
      line: 3,
      column: 27,
    });
    const define = `${header}define x = a >= 3 mg/dL b\ninclusion\n  C-1 met if c\n`;
    expect(error(define)).toEqual({ code: 'E0005', message: message('b'), line: 2, column: 25 });
    // Among declarations no criterion can start, so the hint does not speak of one.
    expect(parse(define).diagnostics[0]?.hint).toBe(
      "an expression can be followed by 'and', 'or', 'unless', 'given' or arithmetic (+, -, *, /)",
    );
    // After a quantity only the connectives and arithmetic can follow.
    expect(parse(`${header}inclusion\n  C-1 met if a >= 3 mg/dL zzz\n`).diagnostics[0]?.hint).toBe(
      "an expression can be followed by 'and', 'or', 'unless', 'given' or arithmetic (+, -, *, /); a new criterion starts on a line of its own",
    );
  });

  test('a criterion on the line of its section or of a heading is still a criterion', () => {
    const { ast, diagnostics } = parse(
      `${header}inclusion C-1 decided by sub-criteria C-1.a met if a\nexclusion C-2 met if b\n`,
    );
    expect(diagnostics).toEqual([]);
    expect(ast?.sections.flatMap((s) => s.criteria.map((c) => c.id.value))).toEqual(['C-1', 'C-1.a', 'C-2']);
  });

  test("a word inside parentheses that are closed, or on the next line, keeps the parser's words", () => {
    expect(error(`${header}inclusion\n  C-1 met if (a and b foo)\n`)).toMatchObject({
      code: 'E0005',
      line: 3,
      column: 23,
    });
    expect(error(`${header}inclusion\n  C-1 met if (a and\n    b\n    foo)\n`)).toEqual({
      code: 'E0001',
      message: "syntax error: expected ')' or an operator, found 'foo'",
      line: 5,
      column: 5,
    });
  });

  test('missing at least in a trend', () => {
    expect(error(`${c1}    met if egfr fell by 50 % within 3 months\n`)).toEqual({
      code: 'E0001',
      message: "syntax error: expected 'at least', found '50'",
      line: 4,
      column: 25,
    });
  });

  test('a lab without its binding', () => {
    expect(error(`${header}lab wbc "WBC" in 10*9/L\ninclusion\n`)).toEqual({
      code: 'E0001',
      message: "syntax error: expected 'from', found 'inclusion'",
      line: 3,
      column: 1,
    });
  });

  test('a keyword running into letters', () => {
    expect(error(`${header}records completex for condition\n`)).toEqual({
      code: 'E0001',
      message: "syntax error: expected a space after 'complete', found 'completex'",
      line: 2,
      column: 9,
    });
  });

  test('a clause given twice', () => {
    const text = `${header}lab a "A" in g/L from loinc 1-2 molar mass 1 g/mol molar mass 2 g/mol\n`;
    const { ast, diagnostics } = parse(text);
    expect(ast).toBeDefined();
    expect(diagnostics.map((d) => [d.code, d.message, new Source(text).locate(d.span!.start)])).toEqual([
      ['E0003', "syntax error: 'molar mass' is given twice", { line: 2, column: 52 }],
    ]);
  });

  test('empty input', () => {
    expect(error('')).toEqual({
      code: 'E0001',
      message: "syntax error: expected 'trial', found end of input",
      line: 1,
      column: 1,
    });
  });
});

describe('never throws', () => {
  test('arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const { ast, diagnostics } = parse(text);
        expect(ast === undefined ? diagnostics.length : 0).toBeGreaterThanOrEqual(ast === undefined ? 1 : 0);
      }),
      { numRuns: 100 },
    );
    // 100 parses take about a second alone; a loaded machine must not fail it on time.
  }, 30_000);

  test('mutations of a valid protocol', () => {
    fc.assert(
      fc.property(fc.nat(DOCS_EXAMPLE.length), fc.nat(20), fc.string({ maxLength: 8 }), (at, cut, insert) => {
        const text = DOCS_EXAMPLE.slice(0, at) + insert + DOCS_EXAMPLE.slice(at + cut);
        const { ast, diagnostics } = parse(text);
        if (ast === undefined) expect(diagnostics[0]?.code).toMatch(/^E000\d$/);
      }),
      { numRuns: 100 },
    );
  });

  test('deep nesting', () => {
    const deep = `${'('.repeat(5000)}a${')'.repeat(5000)}`;
    expect(() => parseExpression(deep)).not.toThrow();
  });
});

describe("the language reference's common criteria", () => {
  const section = languageReference.split('## Common criteria, written out')[1]!;
  const rows = [...section.matchAll(/^\| (.+?) \| (.+) \|$/gm)].slice(2).map((m) => m[2]!);
  const snippets = rows.flatMap((cell) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));

  it('has a row for every common sentence', () => {
    expect(rows.length).toBeGreaterThanOrEqual(20);
  });

  it.each(snippets.filter((s) => !s.includes('…')))('parses %s', (snippet) => {
    if (/^(define|question|medication|lab|encounter|condition|test|procedure) /.test(snippet)) {
      declaration(snippet);
    } else if (snippet.startsWith('screening period')) {
      expect(parse(`${header}${snippet}\n`).diagnostics).toEqual([]);
    } else if (/^(route|class) /.test(snippet)) {
      expect(snippet).toMatch(/^(route|class) [a-z_]+(, [a-z_]+)*(, …)?$/);
    } else {
      rule(snippet);
    }
  });
});
