import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import bundled from '../../../protocols/NCT06469190/NCT06469190.elig?raw';
import type { Protocol } from '../ast';
import { renderDiagnostics } from '../diagnostics/codeFrame';
import { parse } from '../parse';
import { Source } from '../source';
import { check } from './check';
import type { Rule } from './context';
import { KnownNameRule } from './rules/KnownNameRule';
import { checkText, DECLARATIONS, expectDiagnostics, protocol, withRule } from './testing';

describe('check', () => {
  it('finds nothing to report in the bundled protocol', () => {
    const { diagnostics, source } = checkText(bundled);
    expect(renderDiagnostics(diagnostics, source)).toBe('');
  });

  it('renders a unit mismatch as a code frame', () => {
    const text =
      'trial T "t"\nlab wbc "WBC" in 10*9/L from loinc 6690-2\ninclusion\n  IN-1 "w"\n    source "s"\n    met if wbc >= 3 g/L\n';
    const { diagnostics, source } = checkText(text);
    expect(renderDiagnostics(diagnostics, source)).toBe(
      [
        'test.elig:6:21 error E0203 unit mismatch',
        '  6 |     met if wbc >= 3 g/L',
        "    |                     ^^^ 'g/L' is a mass concentration; wbc is a number concentration (10*9/L)",
        '',
      ].join('\n'),
    );
  });

  it('renders an unknown value with its suggestion', () => {
    const { diagnostics, source } = checkText(protocol('patient sex "Sex" from gender', 'sex is femal'));
    expect(renderDiagnostics(diagnostics, source)).toBe(
      [
        "test.elig:6:19 error E0205 'femal' is not a value of sex",
        '  6 |     met if sex is femal',
        "    |                   ^^^^^ sex is 'male', 'female', 'other' or 'unknown'",
        "  hint: did you mean 'female'?",
        '',
      ].join('\n'),
    );
  });

  it('sorts diagnostics by position across rules', () => {
    expectDiagnostics(
      protocol('lab wbc "WBC" in 10*9/L from loinc 6690-2', 'wbc >= 3 g/L and wcb >= 1 10*9/L'),
    ).toEqual([
      { code: 'E0203', line: 6, column: 21, message: 'unit mismatch' },
      { code: 'E0101', line: 6, column: 29, message: "unknown name 'wcb'" },
    ]);
  });

  it('caps the number of diagnostics and says how many were left out', () => {
    const rule = Array.from({ length: 120 }, (_, i) => `x${i}`).join(' and ');
    const { diagnostics } = checkText(protocol('', rule), [KnownNameRule]);
    expect(diagnostics).toHaveLength(101);
    expect(diagnostics.at(-1)).toEqual({
      code: 'W0005',
      severity: 'info',
      message: 'too many diagnostics: showing the first 100 of 120',
      span: undefined,
    });
  });

  it('switches off a rule that throws, reports it once, and runs the others', () => {
    function BrokenRule(): ReturnType<Rule> {
      return {
        Ref() {
          throw new Error('boom');
        },
      };
    }
    const { diagnostics } = checkText(withRule('wcb and wcb'), [BrokenRule, KnownNameRule]);
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['E0101', "unknown name 'wcb'"],
      ['E0101', "unknown name 'wcb'"],
      ['W0006', 'the Broken check could not finish: boom'],
    ]);
  });

  it('returns the symbol table with inferred define types', () => {
    const { symbols } = checkText(withRule('consent'));
    expect(symbols.get('age_years')?.type).toEqual({ kind: 'quantity', unit: undefined });
    expect(symbols.get('sex')?.values).toEqual(['male', 'female', 'other', 'unknown']);
    expect(symbols.get('creatinine')?.type).toEqual({ kind: 'quantity', unit: 'mg/dL', molarMass: 113.12 });
    expect(symbols.get('nothing')).toBeUndefined();
  });

  it('never throws on a malformed tree', () => {
    const broken = [
      { kind: 'Protocol' },
      {
        kind: 'Protocol',
        declarations: [null, { kind: 'LabDecl' }],
        sections: [{ kind: 'Section' }],
        cohorts: [{}],
      },
      {
        kind: 'Protocol',
        id: { kind: 'Identifier', value: 'T', span: { start: 0, end: 1 } },
        complete: [],
        declarations: [],
        sections: [{ kind: 'Section', criteria: [{ kind: 'Criterion', rule: { kind: 'Compare' } }] }],
        cohorts: [],
      },
    ];
    for (const ast of broken) expect(() => check(ast as unknown as Protocol, new Source(''))).not.toThrow();
  });
});

describe('check on random input', () => {
  const name = fc.constantFrom(
    ...'wbc wcb sex gilbert gcsf consent age_years hbsag bvas creatinine birth_date any_allergy'.split(' '),
  );
  const number = fc.constantFrom('0', '3', '18', '70', '1.5');
  const unit = fc.constantFrom('', ' 10*9/L', ' g/L', ' %', ' {INR}', ' mg/dL', ' a', ' mgs/dL');
  const value = fc.oneof(
    name,
    fc.tuple(number, unit).map(([n, u]) => `${n}${u}`),
    fc.tuple(number, fc.constantFrom('ULN', 'LLN')).map(([n, l]) => `${n} x ${l}`),
    fc
      .tuple(fc.constantFrom('age', 'bmi', 'ckd_epi_2021', 'foo'), fc.array(name, { maxLength: 3 }))
      .map(([f, args]) => `${f}(${args.join(', ')})`),
  );
  const { expr } = fc.letrec<{ expr: string; atom: string }>((tie) => ({
    atom: fc.oneof(
      name,
      fc.tuple(value, fc.constantFrom('>=', '<', '=', '!='), value).map((t) => t.join(' ')),
      fc.tuple(value, value, value).map(([v, a, b]) => `${v} between ${a} and ${b}`),
      fc.tuple(name, fc.constantFrom('female', 'femal', 'positive')).map(([n, v]) => `${n} is ${v}`),
      fc
        .tuple(
          name,
          fc.constantFrom('ever', 'suspected', 'severe', 'for at least 3 months', 'within 7 days before wbc'),
        )
        .map((t) => t.join(' ')),
    ),
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      tie('atom'),
      fc
        .tuple(tie('expr'), fc.constantFrom('and', 'or', 'unless', 'given'), tie('expr'))
        .map(([a, op, b]) => `(${a}) ${op} (${b})`),
      tie('expr').map((e) => `not (${e})`),
      fc
        .tuple(
          fc.constantFrom('any of', 'all of', 'at least 2 of'),
          fc.array(tie('atom'), { minLength: 1, maxLength: 3 }),
        )
        .map(([q, es]) => `${q} (${es.join(', ')})`),
    ),
  })) as { expr: fc.Arbitrary<string> };

  it('never throws on whatever the parser makes of random expressions', () => {
    let parsed = 0;
    fc.assert(
      fc.property(expr, (rule) => {
        const source = new Source(withRule(rule));
        const { ast } = parse(source);
        if (!ast) return;
        parsed++;
        expect(check(ast, source).diagnostics.filter((d) => d.code === 'W0006')).toEqual([]);
      }),
      { numRuns: 60, seed: 42 },
    );
    expect(parsed).toBeGreaterThan(30);
  });
});

it('the declarations used by rule tests parse and check cleanly apart from being unused', () => {
  expectDiagnostics(protocol(DECLARATIONS, 'consent')).toSatisfy((list: { code: string }[]) =>
    list.every((d) => d.code === 'W0003'),
  );
});
