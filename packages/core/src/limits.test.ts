import { describe, expect, it } from 'vitest';
import { compile } from './compile';
import { renderDiagnostics } from './diagnostics/codeFrame';
import { LIMITS, measure } from './limits';
import { parse, parseExpression } from './parse';
import { Source } from './source';

const protocols = import.meta.glob<string>('../../protocols/NCT*/*.elig', {
  eager: true,
  query: '?raw',
  import: 'default',
});

const head = 'trial T "t"\nquestion v "V": count\nquestion y "Y": yes/no\n';
const chain = (terms: number, op = 'and') => Array.from({ length: terms }, () => 'v >= 1').join(` ${op} `);
const criterion = (rule: string) => `${head}inclusion\n  A-1 met if ${rule}\n`;

/** The one diagnostic of a text over a limit, located. */
function over(text: string) {
  const { ast, diagnostics } = parse(text);
  expect(ast).toBeUndefined();
  expect(diagnostics).toHaveLength(1);
  const d = diagnostics[0]!;
  const at = new Source(text).locate(d.span!.start);
  return { code: d.code, message: d.message, line: at.line, column: at.column, hint: d.hint };
}

describe('limits', () => {
  it('are far above every bundled protocol', () => {
    const measured = Object.values(protocols).map((text) => measure(text));
    expect(measured.length).toBeGreaterThanOrEqual(9);
    const max = (key: keyof (typeof measured)[0]) => Math.max(...measured.map((m) => m[key]));
    // The largest bundled protocols, for the record (docs/security.md): at least 4 times as much is allowed.
    expect({
      textLength: max('textLength') <= LIMITS.textLength / 4,
      criteria: max('criteria') <= LIMITS.criteria / 4,
      declarations: max('declarations') <= LIMITS.declarations / 4,
      nesting: max('nesting') <= LIMITS.nesting / 4,
      operators: max('operators') <= LIMITS.operators / 4,
    }).toEqual({ textLength: true, criteria: true, declarations: true, nesting: true, operators: true });
  });

  it('counts a protocol as the compiler sees it', () => {
    for (const text of Object.values(protocols)) {
      const compiled = compile(text);
      expect(compiled.ok).toBe(true);
      const m = measure(text);
      expect(m.criteria).toBe(compiled.protocol!.criteria.length);
      expect(m.declarations).toBe(compiled.protocol!.ast.declarations.length);
    }
  });

  it('E0006: a text longer than the limit, at the first character past it', () => {
    const text = `${head}# ${'x'.repeat(LIMITS.textLength)}\n`;
    expect(over(text)).toEqual({
      code: 'E0006',
      message: 'the text is too long: 131,132 characters, at most 131,072 are allowed',
      line: 4,
      column: LIMITS.textLength - head.length + 1,
      hint: 'a protocol this long is not one trial; split it, or move long quoted sources and comments out',
    });
  });

  it('E0007: one criterion too many, at its id', () => {
    const criteria = Array.from(
      { length: LIMITS.criteria + 1 },
      (_, i) => `  C-${i} "c" source "s" met if y`,
    );
    expect(over(`${head}inclusion\n${criteria.join('\n')}\n`)).toEqual({
      code: 'E0007',
      message: 'too many criteria: this is criterion 1,001, a protocol may have at most 1,000',
      line: 1005,
      column: 3,
      hint: 'a protocol this large is not one trial; split it into several protocols',
    });
    expect(parse(`${head}inclusion\n${criteria.slice(1).join('\n')}\n`).diagnostics).toEqual([]);
  });

  it('E0007: one declaration too many, at its keyword; record kinds after `records complete for` are not declarations', () => {
    const questions = Array.from({ length: LIMITS.declarations - 1 }, (_, i) => `question q${i} "Q": count`);
    const text = `trial T "t" records complete for condition, medication\n${questions.join('\n')}\ncondition c "C" from any\nlab l "L" in mg/dL from any\n`;
    expect(over(text)).toEqual({
      code: 'E0007',
      message: 'too many declarations: this is declaration 1,001, a protocol may have at most 1,000',
      line: 1002,
      column: 1,
      hint: 'declare each data element once and share it between criteria; split unrelated trials',
    });
    expect(measure(text.slice(0, text.lastIndexOf('lab'))).declarations).toBe(1_000);
  });

  it('E0008: the parenthesis that goes a level too deep', () => {
    const text = criterion(`${'('.repeat(140)}v >= 1${')'.repeat(140)}`);
    expect(over(text)).toEqual({
      code: 'E0008',
      message: "nested too deeply: this '(' is level 25; '(', 'not' and 'if' may nest at most 24 levels deep",
      line: 5,
      column: 14 + 24,
      hint: 'name an inner part with define and use its name here',
    });
    expect(renderDiagnostics(parse(text).diagnostics, new Source(text, 't.elig'))).toContain(
      "t.elig:5:38 error E0008 nested too deeply: this '(' is level 25;",
    );
  });

  it("E0008: 'not' and 'if' nest as parentheses do; 'and' and ',' end a run of 'not'", () => {
    expect(over(criterion(`${'not '.repeat(25)}y`))).toMatchObject({
      code: 'E0008',
      message:
        "nested too deeply: this 'not' is level 25; '(', 'not' and 'if' may nest at most 24 levels deep",
      column: 14 + 24 * 4,
    });
    expect(over(criterion(`${'if y then y else '.repeat(25)}y`))).toMatchObject({
      code: 'E0008',
      message:
        "nested too deeply: this 'if' is level 25; '(', 'not' and 'if' may nest at most 24 levels deep",
    });
    const siblings = Array.from({ length: 40 }, () => 'not y').join(' and ');
    expect(parse(criterion(`${'('.repeat(23)}${siblings}${')'.repeat(23)}`)).diagnostics).toEqual([]);
    expect(
      parse(criterion(`any of (${Array.from({ length: 40 }, () => 'not not y').join(', ')})`)).diagnostics,
    ).toEqual([]);
    const ifs = Array.from({ length: 40 }, () => 'if y then not y else y').join(', ');
    expect(measure(criterion(`any of (${ifs})`)).nesting).toBe(3);
  });

  it('E0008: a define adds its own nesting where it is used', () => {
    const text = `${head}define deep = ${'('.repeat(20)}y${')'.repeat(20)}\ninclusion\n  A-1 met if ((((((deep))))))\n`;
    expect(over(text)).toMatchObject({
      code: 'E0008',
      message:
        "nested too deeply: this use of 'deep' reaches level 26 with the define's own nesting; '(', 'not' and 'if' may nest at most 24 levels deep",
      line: 6,
      column: 20,
    });
  });

  it('E0009: the operator one too many in a rule, a 1,000-term chain included', () => {
    const text = criterion(chain(1_000));
    expect(over(text)).toEqual({
      code: 'E0009',
      message:
        "rule too long: this 'and' is operator 129; one rule may have at most 128 (and, or, unless, given, +, -, *, /), the defines it uses included",
      line: 5,
      column: 14 + 128 * 'v >= 1 and '.length + 'v >= 1 '.length,
      hint: 'write a long list as any of (…) or all of (…), or name parts with define',
    });
    expect(parse(criterion(chain(129))).diagnostics).toEqual([]);
    expect(over(criterion(chain(130, 'or'))).message).toContain("this 'or' is operator 129");
    expect(over(criterion(chain(130, 'given'))).message).toContain("this 'given' is operator 129");
    expect(over(criterion(`${Array.from({ length: 130 }, () => 'v').join('*')} >= 1`)).message).toContain(
      "this '*' is operator 129",
    );
  });

  it("E0009: counts neither the 'and' of 'between' nor units, nor a number's sign", () => {
    const between = Array.from({ length: 100 }, () => 'v between -1 and 3').join(' or ');
    expect(measure(criterion(between)).operators).toBe(99);
    const units =
      'trial T "t"\nlab w "W" in mL/min/{1.73_m2} from any\ninclusion\n  A-1 met if w >= 3 mL/min/{1.73_m2} and w / 2 < 1 mL/min/{1.73_m2}';
    expect(measure(units).operators).toBe(2);
    expect(
      measure('(140 - age) * (weight / 1 kg) / (72 * (creat / 1 mg/dL)) * 1 mL/min', { expression: true })
        .operators,
    ).toBe(6);
  });

  it('E0009: a define brings its operators to every rule that uses it', () => {
    const defines = Array.from({ length: 70 }, (_, i) => `define d${i + 1} = d${i} and y`);
    const text = `${head}define d0 = y\n${defines.join('\n')}\ninclusion\n  A-1 met if d70 and ${chain(60)}\n`;
    expect(over(text)).toMatchObject({
      code: 'E0009',
      message:
        "rule too long: with the operators of 'd70' this rule has 130; one rule may have at most 128 (and, or, unless, given, +, -, *, /), the defines it uses included",
      line: 76,
      column: 14,
    });
  });

  it('parseExpression applies the same limits', () => {
    expect(parseExpression(chain(1_000)).diagnostics.map((d) => d.code)).toEqual(['E0009']);
    expect(parseExpression(`${'('.repeat(140)}v${')'.repeat(140)}`).diagnostics.map((d) => d.code)).toEqual([
      'E0008',
    ]);
  });

  it('compiles every shape at its limits', () => {
    const n = LIMITS.nesting;
    const terms = LIMITS.operators + 1;
    const half = Math.floor(terms / 2);
    const shapes = [
      `${'any of ('.repeat(n)}${chain(terms)}${')'.repeat(n)}`,
      `${'any of ('.repeat(n - 1)}(${chain(half)})${')'.repeat(n - 1)} and ${chain(terms - half)}`,
      `${'not ('.repeat(n / 2)}${chain(terms)}${')'.repeat(n / 2)}`,
      `${'if y then v >= 1 else '.repeat(n)}${chain(terms)}`,
      `v >= ${'('.repeat(n)}1${')'.repeat(n)} and ${chain(terms - 1)}`,
      `${Array.from({ length: terms }, () => 'v').join(' * ')} >= 1`,
    ];
    for (const rule of shapes) {
      const compiled = compile(criterion(rule));
      expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    }
  });
});
