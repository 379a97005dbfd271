import type { Span } from '../ast';
import { annotationsOf } from '../units/annotations';
import type { Diagnostic } from './diagnostic';
import { didYouMean, quoteList } from './suggest';

/**
 * Every diagnostic Eligo can produce, one factory per code. Codes are stable: E00xx syntax,
 * E01xx names, E02xx types and units, E03xx structure, W0xxx warnings. Each has a page in
 * docs/diagnostics.md.
 */

// ---------------------------------------------------------------- syntax (E00xx)

/** E0001: the text does not match the grammar; `expected` is in human words. */
export function syntaxError(span: Span, expected: string, found: string): Diagnostic {
  return {
    code: 'E0001',
    severity: 'error',
    message: `syntax error: expected ${expected}, found ${found}`,
    span,
    label: `expected ${expected}`,
  };
}

/** E0002: a unit at the start of a line, cut off from the number on the line before. */
export function unitOnNextLine(span: Span): Diagnostic {
  return {
    code: 'E0002',
    severity: 'error',
    message: 'syntax error: a unit must stand on the same line as its number',
    span,
    label: 'this unit belongs to the number on the line before',
    hint: 'join the lines: `3 10*9/L`',
  };
}

/** E0003: a declaration clause written twice (`molar mass …` twice on one lab). */
export function duplicateClause(span: Span, clause: string): Diagnostic {
  return {
    code: 'E0003',
    severity: 'error',
    message: `syntax error: '${clause}' is given twice`,
    span,
    label: 'remove one of the two',
  };
}

/**
 * E0004: a `(` with no `)` before its criterion, declaration or the text ends. The span is the
 * `(`; the note points where the parser gave up, which may be lines later.
 */
export function unclosedParenthesis(open: Span, gaveUp: Span, found: string): Diagnostic {
  return {
    code: 'E0004',
    severity: 'error',
    message: "syntax error: this '(' is never closed",
    span: open,
    label: 'never closed',
    hint: "add ')' where the parenthesised part ends",
    related: [{ message: `expected ')' before ${found}`, span: gaveUp }],
  };
}

/**
 * E0005: a word after a complete expression, on its line, that nothing there can take
 * (`chemo_end more than 28 days ago`). `followers` lists, in words, what could come instead.
 */
export function unexpectedWordAfterExpression(
  span: Span,
  word: string,
  followers: string,
  criterionMayFollow: boolean,
): Diagnostic {
  const hints = [
    ...(followers === '' ? [] : [`an expression can be followed by ${followers}`]),
    ...(criterionMayFollow ? ['a new criterion starts on a line of its own'] : []),
  ];
  return {
    code: 'E0005',
    severity: 'error',
    message: `syntax error: '${word}' is not understood after a complete expression`,
    span,
    label: 'the expression before this word is complete',
    hint: hints.length > 0 ? hints.join('; ') : undefined,
  };
}

// ---------------------------------------------------------------- size limits (E0006–E0009)
// Checked on the text before the grammar reads it (src/limits.ts), the same wherever Eligo runs.

/** `1,000`: grouped the same way in every locale. */
const count = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** E0006: a text longer than the limit; the span is the first character past it. */
export function textTooLong(span: Span, length: number, limit: number): Diagnostic {
  return {
    code: 'E0006',
    severity: 'error',
    message: `the text is too long: ${count(length)} characters, at most ${count(limit)} are allowed`,
    span,
    label: `character ${count(limit + 1)}`,
    hint: 'a protocol this long is not one trial; split it, or move long quoted sources and comments out',
  };
}

/** E0007: more criteria or declarations than a protocol may have; the span is the first one too many. */
export function tooManyItems(
  span: Span,
  what: 'criteria' | 'declarations',
  n: number,
  limit: number,
): Diagnostic {
  const one = what === 'criteria' ? 'criterion' : 'declaration';
  return {
    code: 'E0007',
    severity: 'error',
    message: `too many ${what}: this is ${one} ${count(n)}, a protocol may have at most ${count(limit)}`,
    span,
    label: `${one} ${count(n)}`,
    hint:
      what === 'criteria'
        ? 'a protocol this large is not one trial; split it into several protocols'
        : 'declare each data element once and share it between criteria; split unrelated trials',
  };
}

/**
 * E0008: a `(`, `not` or `if` inside more levels of them than the limit: the span is the one that
 * goes a level too deep.
 */
export function tooDeeplyNested(
  span: Span,
  what: string,
  depth: number,
  limit: number,
  throughDefine = false,
): Diagnostic {
  const where = throughDefine
    ? `this use of ${what} reaches level ${depth} with the define's own nesting`
    : `this ${what} is level ${depth}`;
  return {
    code: 'E0008',
    severity: 'error',
    message: `nested too deeply: ${where}; '(', 'not' and 'if' may nest at most ${limit} levels deep`,
    span,
    label: `level ${depth}`,
    hint: 'name an inner part with define and use its name here',
  };
}

/**
 * E0009: more operators (`and`, `or`, `unless`, arithmetic) in one rule than the limit: the span is
 * the first one too many.
 */
export function tooManyOperators(
  span: Span,
  what: string,
  n: number,
  limit: number,
  throughDefine = false,
): Diagnostic {
  const where = throughDefine
    ? `with the operators of ${what} this rule has ${count(n)}`
    : `this ${what} is operator ${count(n)}`;
  return {
    code: 'E0009',
    severity: 'error',
    message: `rule too long: ${where}; one rule may have at most ${count(limit)} (and, or, unless, given, +, -, *, /), the defines it uses included`,
    span,
    label: throughDefine ? `${count(n)} operators with this define` : `operator ${count(n)}`,
    hint: 'write a long list as any of (…) or all of (…), or name parts with define',
  };
}

/** E0010: a number beyond the largest a double holds, which would be read as Infinity. */
export function numberTooLarge(span: Span, digits: number): Diagnostic {
  return {
    code: 'E0010',
    severity: 'error',
    message: `number too large: ${digits} digits before the decimal point`,
    span,
    label: 'beyond the largest number Eligo can represent (about 1.8e308)',
    hint: 'check the number for a typo, or write it in a larger unit',
  };
}

/**
 * E0011: a number with more significant digits than a double keeps, which would be read as
 * another number (`0.1000000000000000000001` as `0.1`); `readAs` is that number.
 */
export function numberRounded(span: Span, readAs: string): Diagnostic {
  return {
    code: 'E0011',
    severity: 'error',
    message: `number cannot be represented exactly: it would be read as ${readAs}`,
    span,
    label: `read as ${readAs}`,
    hint:
      readAs === '0'
        ? 'the number is too small to represent: write it in a smaller unit'
        : 'write at most 15 significant digits',
  };
}

/** E0012: a character that reorders how the text around it is displayed ("Trojan Source"). */
export function bidiControl(span: Span, name: string): Diagnostic {
  return {
    code: 'E0012',
    severity: 'error',
    message: `bidirectional control character ${name}`,
    span,
    label: 'invisible; changes the order in which the text around it is displayed',
    hint: 'delete it: with it, the text may not say what it appears to say',
  };
}

// ================================================================ checks (E01xx–E03xx, W0xxx)
// Everything below is reported by `check()`. Messages name the problem in a short phrase; the
// label (printed under the caret) says what is wrong at that spot; the hint says how to fix it.

function error(
  code: string,
  span: Span | undefined,
  message: string,
  extra: Partial<Diagnostic> = {},
): Diagnostic {
  return { code, severity: 'error', message, span, ...extra };
}

function firstHere(span: Span, message = 'first declared here') {
  return [{ message, span }];
}

// ---------------------------------------------------------------- names (E01xx)

/** E0101: a name that no declaration introduces. */
export function unknownName(span: Span, name: string, suggestions: readonly string[]): Diagnostic {
  return error('E0101', span, `unknown name '${name}'`, {
    label: 'not declared',
    hint:
      didYouMean(suggestions) ??
      `declare '${name}' (lab, test, condition, question, define, …) before using it`,
  });
}

/** E0102: a call of a function that is not one of the calculators. */
export function unknownFunction(
  span: Span,
  name: string,
  known: readonly string[],
  suggestions: readonly string[],
): Diagnostic {
  return error('E0102', span, `unknown function '${name}'`, {
    label: 'not a calculator',
    hint: didYouMean(suggestions) ?? `the calculators are ${quoteList(known, 'and')}`,
  });
}

/** E0103: two declarations with the same name. */
export function duplicateDeclaration(span: Span, name: string, first: Span): Diagnostic {
  return error('E0103', span, `'${name}' is declared twice`, {
    label: 'second declaration',
    hint: 'rename one of them',
    related: firstHere(first),
  });
}

/** E0104: two criteria with the same id where both apply (common criteria apply in every cohort). */
export function duplicateCriterionId(
  span: Span,
  id: string,
  first: Span,
  cohort: string | undefined,
): Diagnostic {
  const where = cohort === undefined ? 'the common criteria' : `cohort ${cohort}`;
  return error('E0104', span, `criterion id '${id}' is used twice in ${where}`, {
    label: 'duplicate id',
    hint: 'criterion ids must be unique within a cohort, common criteria included',
    related: firstHere(first, 'first used here'),
  });
}

/** E0105: two cohorts with the same id. */
export function duplicateCohortId(span: Span, id: string, first: Span): Diagnostic {
  return error('E0105', span, `cohort id '${id}' is used twice`, {
    label: 'duplicate cohort',
    related: firstHere(first, 'first used here'),
  });
}

/** E0106: a declaration named like a word of the language or a calculator. */
export function reservedName(span: Span, name: string, what: 'keyword' | 'calculator'): Diagnostic {
  return error('E0106', span, `'${name}' is reserved`, {
    label: what === 'keyword' ? 'a word of the language' : 'the name of a calculator',
    hint: `choose another name, such as '${name}_value'`,
  });
}

/**
 * E0107: an identifier whose letters come from more than one script (`cоnsent` with a Cyrillic
 * `о`); `others` are its letters outside the first script, as `'о' (U+043E, Cyrillic)`.
 */
export function mixedScriptIdentifier(
  span: Span,
  name: string,
  scripts: readonly string[],
  others: readonly string[],
): Diagnostic {
  return error('E0107', span, `identifier '${name}' mixes ${quoteScripts(scripts)} letters`, {
    label: 'letters from more than one script',
    hint: `retype ${others.join(', ')} in ${scripts[0]}`,
  });
}

function quoteScripts(scripts: readonly string[]): string {
  return scripts.length === 2
    ? `${scripts[0]} and ${scripts[1]}`
    : `${scripts.slice(0, -1).join(', ')} and ${scripts.at(-1)}`;
}

/** E0108: a declaration whose name looks the same on screen as an earlier one (`сое` and `coe`). */
export function confusableIdentifier(span: Span, name: string, other: string, first: Span): Diagnostic {
  return error('E0108', span, `'${name}' looks the same as '${other}'`, {
    label: 'can be mistaken for an earlier declaration',
    hint: 'rename one of them so that the two can be told apart on screen',
    related: firstHere(first, `'${other}' is declared here`),
  });
}

// ---------------------------------------------------------------- types and units (E02xx)

/** E0201: a unit that is not valid UCUM. */
export function invalidUnit(span: Span, code: string, suggestions: readonly string[]): Diagnostic {
  return error('E0201', span, `unknown unit '${code}'`, {
    label: 'not a UCUM unit',
    hint: didYouMean(suggestions) ?? 'units are UCUM codes, such as 10*9/L, g/dL, umol/L, mL/min/{1.73_m2}',
  });
}

/** E0202: a bare number compared with a value that has a unit. */
export function missingUnit(span: Span, number: string, subject: string, unit: string): Diagnostic {
  return error('E0202', span, 'number without a unit', {
    label: `${subject} is in ${unit}; '${number}' has no unit`,
    hint: `write '${number} ${unit}'`,
  });
}

/**
 * E0203: two quantities whose units measure different things. `molarMassOn`, when given, is the
 * lab whose declaration a molar mass would bridge them through (mass ↔ substance concentration).
 */
export function unitMismatch(
  span: Span,
  unit: string,
  unitIs: string,
  subject: string,
  subjectIs: string,
  molarMassOn?: { readonly name: string; readonly declared: Span },
): Diagnostic {
  return error('E0203', span, 'unit mismatch', {
    label: `'${unit}' is ${unitIs}; ${subject} is ${subjectIs}`,
    hint: molarMassOn
      ? `add 'molar mass <g/mol>' to the declaration of ${molarMassOn.name}, so that mass and substance concentrations convert`
      : undefined,
    related: molarMassOn
      ? firstHere(molarMassOn.declared, `${molarMassOn.name} is declared here`)
      : undefined,
  });
}

/** E0204: `N x ULN` / `N x LLN` without a lab or test on the other side to take the limit from. */
export function limitWithoutLab(span: Span, limit: 'ULN' | 'LLN', other: string): Diagnostic {
  return error('E0204', span, `'x ${limit}' needs a lab or test on the other side`, {
    label: `the other side is ${other}`,
    hint: `the limit comes from the observation compared, as in 'alt <= 3 x ${limit}'`,
  });
}

/** E0205: `is VALUE` where VALUE is not one of the element's values. */
export function unknownValue(
  span: Span,
  value: string,
  subject: string,
  values: readonly string[],
  suggestions: readonly string[],
): Diagnostic {
  return error('E0205', span, `'${value}' is not a value of ${subject}`, {
    label: `${subject} is ${quoteList(values)}`,
    hint: didYouMean(suggestions),
  });
}

/** E0206: `ever`, `suspected` or `resolved more than` on something that is not a condition. */
export function conditionQualifier(
  span: Span,
  qualifier: string,
  subject: string,
  subjectIs: string,
): Diagnostic {
  return error('E0206', span, `'${qualifier}' applies to conditions only`, {
    label: `${subject} is ${subjectIs}`,
  });
}

/**
 * E0207: `for at least` or `for more than` on something that is not a period (a medication, an
 * encounter); `stable for at least` or `daily dose` on something that is not a medication.
 */
export function medicationQualifier(
  span: Span,
  qualifier: string,
  subject: string,
  subjectIs: string,
  encountersToo = false,
): Diagnostic {
  const kinds = encountersToo ? 'medications and encounters' : 'medications';
  return error('E0207', span, `'${qualifier}' applies to ${kinds} only`, {
    label: `${subject} is ${subjectIs}`,
  });
}

/** E0208: `severe` on something that is not an allergy. */
export function severeOnOtherRecord(span: Span, subject: string, subjectIs: string): Diagnostic {
  return error('E0208', span, `'severe' applies to allergies and conditions`, {
    label: `${subject} is ${subjectIs}`,
  });
}

/** E0209: a value used where a yes/no condition is expected (`met if wbc`). */
export function notABoolean(
  span: Span,
  subject: string,
  subjectIs: string,
  example: string | undefined,
): Diagnostic {
  return error('E0209', span, 'expected a condition that is true or false', {
    label: `${subject} is ${subjectIs}`,
    hint: example ? `compare it, as in '${example}'` : undefined,
  });
}

/** E0210: a calculator called with the wrong number of arguments. */
export function wrongArity(
  span: Span,
  name: string,
  signature: string,
  expected: number,
  found: number,
): Diagnostic {
  const args = (n: number) => `${n} argument${n === 1 ? '' : 's'}`;
  return error('E0210', span, `'${name}' takes ${args(expected)}, found ${found}`, {
    label: `expected ${signature}`,
  });
}

/** E0211: a calculator argument of the wrong type. */
export function wrongArgument(
  span: Span,
  name: string,
  parameter: string,
  expected: string,
  found: string,
): Diagnostic {
  return error('E0211', span, `the ${parameter} argument of '${name}' must be ${expected}`, { label: found });
}

/** E0212: `within N days` on something that is not a lab or test result. */
export function windowOnNonObservation(span: Span, subject: string, subjectIs: string): Diagnostic {
  return error('E0212', span, `'within … days' applies to labs and tests only`, {
    label: `${subject} is ${subjectIs}`,
  });
}

/** E0213: `at least N of (…)` with fewer than N operands, which can never be met. */
export function atLeastTooMany(span: Span, count: number, operands: number): Diagnostic {
  return error(
    'E0213',
    span,
    `'at least ${count} of' has only ${operands} operand${operands === 1 ? '' : 's'}`,
    {
      label: 'can never be met',
    },
  );
}

/** E0214: a comparison between values of different kinds (a code with a number, a date with a quantity). */
export function incomparable(span: Span, left: string, right: string): Diagnostic {
  return error('E0214', span, `cannot compare ${left} with ${right}`);
}

/** E0215: a value of the wrong kind for its place (`is` on a number, `fell by` on a code). */
export function wrongType(
  span: Span,
  construct: string,
  expected: string,
  subject: string,
  subjectIs: string,
  hint?: string,
): Diagnostic {
  return error('E0215', span, `'${construct}' needs ${expected}`, {
    label: `${subject} is ${subjectIs}`,
    hint,
  });
}

/** E0216: `within … before` on something that is not a dated record. */
export function recordWindowSubject(span: Span, subject: string, subjectIs: string): Diagnostic {
  return error(
    'E0216',
    span,
    `'within … before' applies to medications, conditions, procedures, encounters and date questions`,
    {
      label: `${subject} is ${subjectIs}`,
      hint: 'for a lab or test result in a window, write `name within 7 days` (results dated in the 7 days before screening)',
    },
  );
}

/** E0217: a duration in hours where only days and longer can be judged. */
export function hoursNotHere(span: Span): Diagnostic {
  return error('E0217', span, 'hours are measured only in `within … before` windows', {
    hint: 'write the duration in days, or use `R within N hours before A` (a record) or `any L within N hours before A > V` (a result)',
  });
}

/**
 * E0218: two units that differ in their annotations (`mL/min/{1.73_m2}` against `mL/min`). UCUM
 * reads `{…}` as 1, so they would convert unchanged although they measure different things.
 */
export function unitAnnotationMismatch(
  span: Span,
  unit: string,
  subject: string,
  subjectUnit: string,
  fixes: readonly string[],
): Diagnostic {
  const notes = (code: string) => annotationsOf(code).map((n) => `{${n}}`);
  const carried = notes(unit);
  const subjects = notes(subjectUnit);
  return error('E0218', span, 'unit annotations differ', {
    label: `'${unit}' carries ${carried.length === 0 ? 'no annotation' : carried.join(' ')}; ${subject} is in ${subjectUnit}, which carries ${subjects.length === 0 ? 'none' : subjects.join(' ')}`,
    hint: `UCUM reads {…} as 1, so one would pass for the other unconverted: ${fixes.join(', or ')}`,
  });
}

/** E0219: arithmetic on something that is not a number or a quantity. */
export function arithmeticOperand(span: Span, op: string, operand: string, operandIs: string): Diagnostic {
  return error('E0219', span, `'${op}' needs numbers or quantities`, {
    label: `${operand} is ${operandIs}`,
  });
}

/** E0220: adding or subtracting quantities of different dimensions. */
export function unlikeSum(span: Span, op: string, left: string, right: string): Diagnostic {
  return error(
    'E0220',
    span,
    `cannot ${op === '+' ? 'add' : 'subtract'} ${right} ${op === '+' ? 'to' : 'from'} ${left}`,
    {
      hint: 'only quantities of one kind add up; to use a number in a formula, divide it by its unit first (`weight / 1 kg`)',
    },
  );
}

/** E0221: a `class` an encounter cannot have. */
export function unknownEncounterClass(
  span: Span,
  value: string,
  classes: readonly string[],
  suggestions: readonly string[],
): Diagnostic {
  return error('E0221', span, `'${value}' is not an encounter class`, {
    label: `the classes are ${quoteList(classes, 'and')}`,
    hint: didYouMean(suggestions),
  });
}

/** E0222: `class …` on a record that is not an encounter. */
export function classOnNonEncounter(span: Span, subject: string, subjectIs: string): Diagnostic {
  return error('E0222', span, `'class' applies to encounters only`, {
    label: `${subject} is ${subjectIs}`,
    hint: 'declare it as an encounter (`encounter … from … class inpatient`), or drop the class',
  });
}

/** E0223: `route …` on a declaration that is not a medication. */
export function routeOnNonMedication(span: Span, name: string, kind: string): Diagnostic {
  return error('E0223', span, `'route' applies to medications only`, {
    label: `${name} is ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`,
  });
}

/** E0247: `site …` on a declaration that is not a procedure. */
export function siteOnNonProcedure(span: Span, name: string, kind: string): Diagnostic {
  return error('E0247', span, `'site' applies to procedures only`, {
    label: `${name} is ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`,
  });
}

/** E0248: `for …` on a declaration that is not a medication. */
export function reasonOnNonMedication(span: Span, name: string, kind: string): Diagnostic {
  return error('E0248', span, `'for' applies to medications only`, {
    label: `${name} is ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`,
  });
}

/** E0249: a `site`, `for` or `range for` code in a code system that cannot name what the clause reads. */
export function filterCodeSystem(span: Span, system: string, field: 'site' | 'for' | 'range'): Diagnostic {
  const texts: Record<typeof field, readonly [message: string, label: string, hint: string]> = {
    site: [
      `a body site is a snomed code, not ${system}`,
      'not a body-site code',
      'Procedure.bodySite holds SNOMED CT body structures: write site snomed …',
    ],
    for: [
      `a reason is a snomed or icd10 diagnosis, not ${system}`,
      'not a diagnosis code',
      'a medication is given for a condition: write for icd10 … or for snomed …',
    ],
    range: [
      `a reference range applies to a snomed code, not ${system}`,
      'not an appliesTo code',
      'referenceRange.appliesTo holds SNOMED CT codes (76498008 postmenopausal state): write range for snomed …',
    ],
  };
  const [message, label, hint] = texts[field];
  return error('E0249', span, message, { label, hint });
}

/** E0224: a route word that the route table does not have. */
export function unknownRoute(span: Span, word: string, suggestions: readonly string[]): Diagnostic {
  return error('E0224', span, `'${word}' is not a route of administration`, {
    label: 'not a route',
    hint:
      didYouMean(suggestions) ??
      'routes are words such as oral, intravenous, intramuscular, subcutaneous, topical, inhalation (docs/language.md lists them)',
  });
}

/** E0225: `daily dose as T` where no equivalence table is named T. */
export function unknownEquivalenceTable(
  span: Span,
  name: string,
  known: readonly string[],
  suggestions: readonly string[],
): Diagnostic {
  return error('E0225', span, `no dose equivalence table is named '${name}'`, {
    label: 'not a table',
    hint: didYouMean(suggestions) ?? `the tables are named ${quoteList(known)}`,
  });
}

/** E0226: a daily dose compared with something that is not a mass per time. */
export function doseUnitMismatch(span: Span, found: string, subject: string): Diagnostic {
  return error('E0226', span, 'a daily dose compares with a mass per time', {
    label: `${found}; ${subject} is in mg/d`,
    hint: "write the threshold as a mass per day, as in '10 mg/d' or '1.5 g/d'",
  });
}

/** E0227: `episodes of …` on something that has no dated periods. */
export function episodesSubject(span: Span, subject: string, subjectIs: string): Diagnostic {
  return error('E0227', span, `'episodes of' counts medications, encounters and procedures`, {
    label: `${subject} is ${subjectIs}`,
    hint: 'episodes are periods of exposure, stays or procedure dates; for a condition, ask whether it was present (`C ever`) or began in a window (`C within 12 months before screening`)',
  });
}

/** E0228: `is known VALUE` on something that is not a lab or test result. */
export function knownOnNonResult(span: Span, subject: string, subjectIs: string): Diagnostic {
  return error('E0228', span, `'is known' applies to lab and test results`, {
    label: `${subject} is ${subjectIs}`,
    hint: "'is known positive' reads a missing result as not positive; an unanswered question or an unrecorded fact stays unknown: write 'is positive' or 'is VALUE'",
  });
}

/** E0232: a `method` code in a system that names tests or diagnoses, not how a result was obtained. */
export function methodCodeSystem(span: Span, system: string): Diagnostic {
  return error('E0232', span, `a method is not coded in ${system}`, {
    label: system === 'loinc' ? 'a LOINC code names the test itself' : 'an ICD-10 code names a diagnosis',
    hint: "a result's method (FHIR Observation.method) is a technique or a substance: write SNOMED CT codes (an amyloid tracer, a staining technique), or ATC or RxNorm codes for a drug; the test's own code goes after 'from'",
  });
}

/** E0229: `any … within … before` on something that is not a lab or test result. */
export function anyReadingSubject(span: Span, subject: string, subjectIs: string): Diagnostic {
  return error('E0229', span, `'any … within … before' reads the results of a lab or test`, {
    label: `${subject} is ${subjectIs}`,
    hint: 'for a condition, medication, procedure or encounter in a window, write `R within 72 hours before A`',
  });
}

/** E0235: one code bound twice in a declaration's `values`. */
export function duplicateValueCode(span: Span, code: string, first: string, again: string): Diagnostic {
  return error('E0235', span, `'${code}' is bound to more than one value`, {
    label:
      first === again ? `already bound to '${first}'` : `already bound to '${first}', here to '${again}'`,
    hint: 'a coded result must read as one value: keep the code under the value it means',
  });
}

/** E0236: `is only VALUE` on something that is not a lab or test result. */
export function onlyOnNonResult(span: Span, subject: string, subjectIs: string): Diagnostic {
  return error('E0236', span, `'is only' applies to lab and test results`, {
    label: `${subject} is ${subjectIs}`,
    hint: "'is only' weighs every result of the latest day (one Observation per organism found); for an answer or a derived value write 'is VALUE'",
  });
}

/** E0237: `values N = …` on a lab whose unit is not a pure number. */
export function codedValuesOnDimensionedLab(span: Span, name: string, unit: string): Diagnostic {
  return error('E0237', span, `coded results of '${name}' cannot read as numbers in ${unit}`, {
    label: `${name} is in ${unit}`,
    hint: "a coded result stands for a class or a score: give the lab a pure-number unit such as {score}, or declare a test with 'values word = snomed …'",
  });
}

/** E0238: a window whose computed length is not a time (`within 5 * dose before screening`). */
export function windowLengthNotTime(span: Span, length: string, lengthIs: string): Diagnostic {
  return error('E0238', span, "a window's length is a time", {
    label: `${length} is ${lengthIs}`,
    hint: 'compute it from a time (`5 * half_life`, with the half-life in h), or write a duration such as `30 days`',
  });
}

/** E0239: a record window that looks forward or has a computed length. */
export function recordWindowForm(span: Span, subject: string, after: boolean): Diagnostic {
  return error(
    'E0239',
    span,
    after
      ? `'within … after' applies to date questions`
      : 'a computed window length applies to date questions',
    {
      label: `${subject} is a dated record`,
      hint: after
        ? 'records are known up to the screening date: count back from a day with `within … before`'
        : 'a record window counts back by a duration (`within 30 days before screening`): write one, or ask the date (`question last_dose "…": date`)',
    },
  );
}

/** E0240: a computed window length in months or years, which have no fixed length. */
export function windowLengthCalendar(span: Span, unit: string): Diagnostic {
  return error('E0240', span, 'a computed window length is exact: months and years are calendar lengths', {
    label: `'${unit}' is a month or a year of a fixed mean length`,
    hint: 'write calendar months as a duration (`within 3 months after screening`), or compute in hours, days or weeks',
  });
}

/**
 * E0241: a dose history over a window of no days: `increased within 0 days` compares no two days,
 * `highest daily dose within 0 days` is the daily dose on the screening date.
 */
export function doseWindowTooShort(span: Span, form: string): Diagnostic {
  return error('E0241', span, `'${form}' needs a window of at least 1 day`, {
    label: 'no days before the screening date',
    hint:
      form === 'increased within'
        ? "a rise needs two days to compare: write the protocol's window, as in 'increased within 14 days'"
        : "for the daily dose on the screening date, write 'M daily dose'",
  });
}

/**
 * E0242: `daily dose increased within` on a medication that names a class of drugs, without a
 * table: a switch from one drug to another would read as a rise or a fall in milligrams alone.
 */
export function doseRiseAcrossDrugs(span: Span, subject: string): Diagnostic {
  return error('E0242', span, `'increased within' on ${subject} compares milligrams of different drugs`, {
    label: `${subject} names a class of drugs`,
    hint: "compare equivalents ('daily dose as prednisone increased within …'), or declare one drug",
  });
}

/**
 * E0250: a course (`M daily dose … for at least D`) compared by an operator other than `>=` or
 * `>`: a run of days below a dose is not a course of treatment.
 */
export function courseOperator(span: Span, op: string): Diagnostic {
  return error('E0250', span, `a course of '${op}' a daily dose is not a course of treatment`, {
    label: "a course is a run of days at or above a dose: '>=' or '>'",
    hint: "write 'daily dose >= X for at least D'; for a dose below X, negate it: 'not (M daily dose >= X for at least D)'",
  });
}

/** E0251: a course of no days: a daily dose is one a day, so a course holds at least one. */
export function courseTooShort(span: Span): Diagnostic {
  return error('E0251', span, 'a course lasts at least 1 day', {
    label: 'daily doses are counted in whole days',
    hint: "write the protocol's length in days, weeks, months or years, as in 'for at least 14 days'",
  });
}

/**
 * E0252: a course on a medication that names a class of drugs, without a table: milligrams of
 * different drugs do not make one dose.
 */
export function courseAcrossDrugs(span: Span, subject: string): Diagnostic {
  return error('E0252', span, `a course of ${subject} compares milligrams of different drugs`, {
    label: `${subject} names a class of drugs`,
    hint: "compare equivalents ('daily dose as prednisone >= 20 mg/d for at least …'), or declare one drug",
  });
}

/** E0253: a strict window of no length, which holds no day at all (`within less than 0 days`). */
export function emptyStrictWindow(span: Span, written: string): Diagnostic {
  return error('E0253', span, `'within less than ${written}' holds no day`, {
    label: 'the window ends where it starts, and its far end is left out',
    hint: "for the screening date alone write 'within 0 days'; else write the protocol's length",
  });
}

/**
 * E0260: lay wording on an element nobody answers about themselves: a lab or test is measured, a
 * define is worked out from other elements.
 */
export function layWordingNotAnswerable(
  span: Span,
  name: string,
  kind: 'lab' | 'test' | 'define',
): Diagnostic {
  const why =
    kind === 'define'
      ? 'a define is worked out from the elements it names'
      : `a ${kind} result is measured, not answered`;
  return error('E0260', span, `'${name}' is a ${kind}: no one is asked it in lay words`, {
    label: why,
    hint:
      kind === 'define'
        ? 'give lay wording to the elements the define uses'
        : 'declare what a person can say about themselves as a question or condition, and give that the lay wording',
  });
}

// ---------------------------------------------------------------- structure (E03xx)

/** E0301: a heading `decided by sub-criteria` with no criterion below it. */
export function headingWithoutSubCriteria(span: Span, id: string): Diagnostic {
  return error('E0301', span, `'${id}' is decided by sub-criteria but has none`, {
    label: `no criterion id starts with '${id}.'`,
    hint: `add criteria such as '${id}.1', or give it a 'met if …' rule`,
  });
}

/** E0302: a define that depends on itself. */
export function defineCycle(span: Span, cycle: readonly string[]): Diagnostic {
  return error('E0302', span, `'${cycle[0]}' is defined in terms of itself`, { label: cycle.join(' → ') });
}

/** E0303: a record kind listed twice in `records complete for`. */
export function duplicateCompleteRecord(span: Span, kind: string): Diagnostic {
  return error('E0303', span, `'${kind}' is listed twice in 'records complete for'`, {
    label: 'listed again',
  });
}

// ---------------------------------------------------------------- warnings and notes (W0xxx)

/** W0001: a range no value satisfies, so the condition is never true. */
export function contradictoryRange(span: Span, subject: string, why: string): Diagnostic {
  return {
    code: 'W0001',
    severity: 'warning',
    message: `no value of ${subject} satisfies this range`,
    span,
    label: why,
  };
}

/** W0002: a disjunction every value satisfies, so the condition is true whenever the value is known. */
export function alwaysTrueRange(span: Span, subject: string, why: string): Diagnostic {
  return {
    code: 'W0002',
    severity: 'warning',
    message: `every value of ${subject} satisfies this`,
    span,
    label: why,
  };
}

/** W0003: a declaration nothing refers to. */
export function unusedDeclaration(span: Span, name: string, kind: string): Diagnostic {
  return {
    code: 'W0003',
    severity: 'warning',
    message: `'${name}' is declared but never used`,
    span,
    label: `unused ${kind}`,
    hint: 'use it in a criterion or remove it',
  };
}

/** W0004: a criterion without its verbatim `source` sentence. */
export function missingSource(span: Span, id: string): Diagnostic {
  return {
    code: 'W0004',
    severity: 'info',
    message: `criterion '${id}' has no source sentence`,
    span,
    hint: 'add source "…" with the protocol\'s own words, so a reviewer can compare them',
  };
}

/** W0005: more diagnostics than are worth printing. */
export function tooManyDiagnostics(shown: number, total: number): Diagnostic {
  return {
    code: 'W0005',
    severity: 'info',
    message: `too many diagnostics: showing the first ${shown} of ${total}`,
    span: undefined,
  };
}

/** W0006: a check that failed on this input; the others still ran. */
export function checkFailed(rule: string, reason: string): Diagnostic {
  return {
    code: 'W0006',
    severity: 'warning',
    message: `the ${rule} check could not finish: ${reason}`,
    span: undefined,
    hint: 'please report this with the protocol text',
  };
}
