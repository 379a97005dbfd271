import fc from 'fast-check';
import { type CompiledProtocol, compile } from '../src/compile';
import { parse, parseExpression } from '../src/parse';
import { PopulationBuilder } from '../src/population/builder';
import { VERDICT_CODES } from '../src/population/screen';
import { parseScreeningInput } from '../src/screen/input';
import { screen } from '../src/screen/screen';
import { smallProtocols } from './corpus';
import { inputFor } from './facts';
import { isBatchScreen, leaks, withGeneratedSource } from './generated';
import { compileProblems, diagnosticProblems } from './invariants';
import { applyMutations, HOSTILE_IDENTIFIERS, HOSTILE_NUMBERS, HOSTILE_STRINGS, mutation } from './mutate';

/** One kind of input: how to make one, and what must hold of the pipeline on it (problems found, none when it holds). */
export interface Target<T = unknown> {
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<T>;
  run(value: T): string[];
  /** Its share of a campaign's inputs, relative to the others. */
  readonly weight: number;
}

const target = <T>(t: Target<T>): Target => t as Target;

/**
 * The whole pipeline on one text: compile, and when it compiles, screen patients made for it on
 * the explaining path, the fast path and the population path, which must agree.
 */
export function pipeline(text: string, seed: number, patients = 1): string[] {
  const result = compile(text);
  const problems = compileProblems(text, result);
  if (!result.ok || problems.length > 0) return problems;
  const inputs = fc.sample(inputFor(result.protocol.info), { numRuns: patients, seed });
  return inputs.flatMap((raw) => screenProblems(result.protocol, raw));
}

function screenProblems(protocol: CompiledProtocol, raw: unknown): string[] {
  const parsed = parseScreeningInput(protocol, raw);
  if (!parsed.ok) {
    // A refused input says where: every issue has a path and a message.
    return parsed.issues.length === 0 ||
      parsed.issues.some((i) => typeof i.path !== 'string' || i.message === '')
      ? ['an input was refused without a path and a message']
      : [];
  }
  const problems: string[] = [];
  const screening = screen(protocol, parsed.input);
  if (screening.cohorts.length !== protocol.cohorts.length) problems.push('screen lost a cohort');
  // A population has no one to ask: the paths agree on the records alone.
  const fast = protocol.evaluate({ ...parsed.input, answers: {} });
  const builder = new PopulationBuilder(protocol.info, parsed.input.asOf);
  builder.add(parsed.input.facts ?? {});
  const batch = protocol.population(builder.build(), { statuses: true });
  const verdicts = Array.from(batch.verdicts, (v) => VERDICT_CODES[v]);
  if (JSON.stringify(verdicts) !== JSON.stringify(fast.verdicts)) {
    problems.push(`population verdicts ${verdicts} differ from the fast path's ${fast.verdicts}`);
  }
  return problems;
}

const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.string({
    unit: fc.constantFrom(...'trial"()# \n{}:=<>-.0123456789abcdefgx%/'.split('')),
    maxLength: 120,
  }),
);

/** Declarations for generated criteria: one of each kind of element. */
export const DECLARATIONS = `trial T-FUZZ "Fuzz"
patient birth "Birth" from birthDate
patient sex "Sex" from gender
lab hb "Hb" in g/L from loinc 718-7
lab scr "Creatinine" in mg/dL from loinc 2160-0 molar mass 113.12 g/mol
lab alt "ALT" in U/L from loinc 1742-6
test hbsag "HBsAg" from loinc 5196-1
condition dx "Dx" from icd10 E11*
medication csf "CSF" from atc L03AA*
procedure biopsy "Biopsy" from snomed 90241008
allergy drug "Allergy" from any
encounter stay "Stay" from any
question consent "Consent?": yes/no
question score "Score": score 0 to 10
define age_y "Age" = age(birth)
inclusion
  I-1 "Generated" source "s" met if `;

/** Criteria built from the grammar's pieces, well-formed more often than not. */
export const expression: fc.Arbitrary<string> = fc.letrec<{ bool: string; value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(
      'hb',
      'scr',
      'alt',
      'age_y',
      'score',
      'latest of (hb, scr)',
      'ckd_epi_2021(scr, sex, birth)',
    ),
    fc
      .tuple(
        fc.constantFrom(...HOSTILE_NUMBERS, '3', '0.5', '120'),
        fc.constantFrom('g/L', 'mg/dL', 'U/L', '', '%', 'x ULN', 'years'),
      )
      .map(([n, u]) => `${n} ${u}`.trim()),
    fc
      .tuple(tie('value'), fc.constantFrom('+', '-', '*', '/'), tie('value'))
      .map(([a, op, b]) => `(${a} ${op} ${b})`),
  ),
  bool: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(
      'consent',
      'dx',
      'dx suspected',
      'dx ever',
      'csf',
      'biopsy',
      'drug severe',
      'stay',
      'true',
      'false',
    ),
    fc.constantFrom(
      'hbsag is positive',
      'sex is female',
      'dx resolved more than 2 years ago',
      'csf within 14 days before hb',
    ),
    // Windows, spans, series and record forms the language reference lists.
    fc.constantFrom(
      'hbsag is known positive',
      'hbsag within 0 days is only positive',
      'dx severe',
      'dx resolved at least 1 year ago',
      'dx within 1 year before screening',
      'csf for at least 1 month',
      'csf for more than 14 days',
      'csf within less than 14 days before screening',
      'csf within 30 days before hb',
      'biopsy within 6 months before screening',
      'biopsy within 3 months before dx',
      'stay within 12 months before screening',
      'stay for at least 2 days',
      'any hb within 30 days before screening > 100 g/L',
      'hb within 30 days > 100 g/L',
      'hb fell by at least 20 % within 3 months',
      'hb stable within 10 % for at least 1 month',
      'episodes of csf >= 2',
      'episodes of stay separated by more than 30 days > 1',
    ),
    fc
      .tuple(tie('value'), fc.constantFrom('>', '>=', '<', '<=', '=', '!='), tie('value'))
      .map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(tie('value'), tie('value'), tie('value')).map(([a, b, c]) => `${a} between ${b} and ${c}`),
    fc
      .tuple(tie('bool'), fc.constantFrom('and', 'or', 'unless'), tie('bool'))
      .map(([a, op, b]) => `(${a} ${op} ${b})`),
    tie('bool').map((a) => `not ${a}`),
    fc.tuple(tie('bool'), tie('bool'), tie('bool')).map(([a, b, c]) => `(if ${a} then ${b} else ${c})`),
    fc
      .tuple(fc.nat(4), fc.array(tie('bool'), { minLength: 1, maxLength: 3 }))
      .map(([n, ops]) => `at least ${n} of (${ops.join(', ')})`),
    fc
      .tuple(fc.constantFrom('hb', 'alt'), fc.constantFrom('3 days', '1 month', '2 years'))
      .map(([l, w]) => `${l} within ${w} > 1 x ULN`),
  ),
})).bool;

/** Eligo's own quoting: `"` and `\\` escaped; a string cannot hold a line break. */
const quote = (text: string) => `"${text.replace(/[\r\n]/g, ' ').replace(/["\\]/g, '\\$&')}"`;

/** Names that compile (one script each, none a keyword or a look-alike of another), hostile to JavaScript. */
const CODEGEN_NAMES = HOSTILE_IDENTIFIERS.filter((n) => !['cоnsent', 'ı', 'İ', 'NaN'].includes(n));
/** Numbers that compile, at the edges of what generated code must spell right. */
const CODEGEN_NUMBERS = [
  '0',
  '00',
  '0.0',
  '999999999',
  '2147483648',
  '9007199254740991',
  '0.000001',
  '1.7976931348623157',
  '123456789012345',
];

/**
 * A protocol whose names, titles, values and numbers are hostile to generated code, built to
 * compile (most of the time), so that the population path is generated from it.
 */
const hostileProtocol = fc
  .record({
    names: fc.shuffledSubarray(CODEGEN_NAMES, { minLength: 4, maxLength: 4 }),
    title: fc.constantFrom(...HOSTILE_STRINGS),
    value: fc.constantFrom('positive', '__proto__', 'constructor', 'toString', 'hasOwnProperty'),
    number: fc.constantFrom(...CODEGEN_NUMBERS),
    days: fc.constantFrom('0', '1', '36500', '999999999'),
    seed: fc.integer(),
  })
  .map(({ names: [a, b, c, d], title, value, number, days, seed }) => ({
    names: [a!, b!, c!, d!],
    seed,
    text: `trial T-HOSTILE ${quote(title)}
lab ${a} ${quote(title)} in g/L from loinc 718-7
test ${b} ${quote(title)} from loinc 5196-1 values ${value}, negative
condition ${c} ${quote(title)} from icd10 E11*
question ${d} ${quote(title)}: yes/no
inclusion
  I-1 ${quote(title)} source ${quote(title)} met if ${a} > ${number} g/L and ${a} <= ${number} x ULN
  I-2 ${quote(title)} source "s" met if ${b} is ${value} or ${c} or at least 1 of (${d}, ${c} resolved more than ${days} days ago)
`,
  }));

/** Names hostile enough to spot in a generated source: the ones the generator cannot itself write. */
const SPOTTABLE = HOSTILE_IDENTIFIERS.filter(
  (n) => n.length > 3 && !['return', 'function', 'this', 'undefined', 'batch', 'binding', 'asOf'].includes(n),
);

export function coreTargets(corpus: readonly string[]): Target[] {
  const small = corpus.flatMap(smallProtocols);
  const donors = corpus.join('\n');
  return [
    target({
      name: 'parse: arbitrary text',
      weight: 50,
      arbitrary: fc.tuple(fc.boolean(), text),
      run: ([withHeader, body]) => {
        const t = withHeader ? `trial T "x"\n${body}` : body;
        const parsed = parse(t);
        const expr = parseExpression(body);
        const problems = [
          ...diagnosticProblems(t, parsed.diagnostics),
          ...diagnosticProblems(body, expr.diagnostics),
        ];
        if (parsed.ast === undefined && parsed.diagnostics.length === 0)
          problems.push('no tree and no diagnostic');
        return problems;
      },
    }),
    target({
      name: 'compile: generated criteria',
      weight: 10,
      arbitrary: fc.tuple(expression, fc.integer()),
      run: ([e, seed]) => pipeline(`${DECLARATIONS}${e}\n`, seed),
    }),
    target({
      name: 'compile: mutated corpus criteria',
      weight: 30,
      arbitrary: fc.tuple(
        fc.nat(small.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.integer(),
      ),
      run: ([i, mutations, seed]) => pipeline(applyMutations(small[i]!, mutations, donors), seed),
    }),
    target({
      name: 'compile: mutated corpus protocols',
      weight: 0.3,
      arbitrary: fc.tuple(
        fc.nat(corpus.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 8 }),
        fc.integer(),
      ),
      run: ([i, mutations, seed]) => pipeline(applyMutations(corpus[i]!, mutations, donors), seed, 1),
    }),
    target({
      name: 'population code: hostile names, strings, numbers',
      weight: 3,
      arbitrary: hostileProtocol,
      run: ({ text: t, names, seed }) => {
        const { result: problems, sources } = withGeneratedSource((made) => {
          const found = pipeline(t, seed, 1);
          // Generated code for every protocol that compiles, whether or not its patient was accepted.
          const compiled = compile(t);
          if (compiled.ok) {
            compiled.protocol.population(new PopulationBuilder(compiled.protocol.info, '2025-03-15').build());
            if (!made.some(isBatchScreen)) found.push('no generated code to inspect');
          }
          return found;
        });
        const generated = sources.filter(isBatchScreen);
        return [
          ...problems,
          ...generated.flatMap((s) =>
            leaks(s, [...names.filter((n) => SPOTTABLE.includes(n)), ...HOSTILE_STRINGS]),
          ),
        ];
      },
    }),
  ];
}
