import { expect } from 'vitest';
import { parse } from '../parse';
import { Source } from '../source';
import { check } from './check';
import type { Rule } from './context';
import { specifiedRules } from './rules';

/** Test helpers in the manner of graphql-js's validation harness: one rule, or all of them. */

export function checkText(text: string, rules: readonly Rule[] = specifiedRules) {
  const source = new Source(text, 'test.elig');
  const parsed = parse(source);
  if (!parsed.ast || parsed.diagnostics.length > 0) {
    throw new Error(`test protocol does not parse: ${parsed.diagnostics.map((d) => d.message).join('; ')}`);
  }
  return { source, ...check(parsed.ast, source, { rules }) };
}

/** The diagnostics as `{ code, line, column, message }`, for `toEqual`. */
export function expectDiagnostics(text: string, ...rules: Rule[]) {
  const { source, diagnostics } = checkText(text, rules.length > 0 ? rules : specifiedRules);
  return expect(
    diagnostics.map((d) => {
      const at = d.span ? source.locate(d.span.start) : undefined;
      return { code: d.code, line: at?.line, column: at?.column, message: d.message };
    }),
  );
}

export function expectValid(text: string, ...rules: Rule[]) {
  expectDiagnostics(text, ...rules).toEqual([]);
}

/** A one-criterion protocol: the declarations, then `met if RULE` on line `declarations + 6`. */
export function protocol(declarations: string, rule: string): string {
  return `trial T "Test"\n${declarations}\ninclusion\n  IN-1 "Test"\n    source "s"\n    met if ${rule}\n`;
}

/** Declarations of every kind, for rule tests; `met if` of `withRule` lands on line 22, column 12. */
export const DECLARATIONS = `patient birth_date "Date of birth" from birthDate
patient sex "Sex" from gender
lab wbc "WBC" in 10*9/L from loinc 6690-2
lab alt "ALT" in U/L from loinc 1742-6
lab lvef "LVEF" in % from loinc 10230-1
lab inr "INR" in {INR} from loinc 6301-6
lab creatinine "Creatinine" in mg/dL from loinc 2160-0 molar mass 113.12 g/mol
lab weight "Weight" in kg from loinc 29463-7
lab height "Height" in cm from loinc 8302-2
test hbsag "HBsAg" from loinc 5196-1
condition gilbert "Gilbert" from icd10 E80.4
medication gcsf "G-CSF" from atc L03AA*
allergy any_allergy "Any allergy" from any
question consent "Consent?": yes/no
question response "Response": one of refractory, relapsed
question bvas "BVAS": score 0 to 63
define age_years "Age" = age(birth_date)`;

export const RULE_LINE = 22;

export function withRule(rule: string): string {
  return protocol(DECLARATIONS, rule);
}
