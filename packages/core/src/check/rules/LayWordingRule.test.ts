import { describe, expect, it } from 'vitest';
import { compile } from '../../compile';
import { renderDiagnostic } from '../../diagnostics/codeFrame';
import { Source } from '../../source';
import { checkText, expectDiagnostics, expectValid, protocol } from '../testing';
import { LayWordingRule } from './LayWordingRule';

describe('LayWordingRule', () => {
  it('accepts lay wording on what a person can answer about themselves', () => {
    expectValid(
      protocol(
        [
          'patient birth_date "Date of birth" from birthDate lay "When were you born?"',
          'condition diabetes "Diabetes" from icd10 E10*, E11*',
          '  lay "Has a doctor ever told you that you have diabetes?"',
          'medication arb "ARB" from atc C09C* lay "Do you take a blood pressure pill called an ARB?"',
          'question consent "Consent?": yes/no lay "Would you sign a consent form?"',
        ].join('\n'),
        'age(birth_date) >= 18 and not diabetes and arb and consent',
      ),
      LayWordingRule,
    );
  });

  it('refuses it on a lab, a test and a define, at the lay wording', () => {
    const text = protocol(
      [
        'lab wbc "WBC" in 10*9/L from loinc 6690-2 lay "What is your white cell count?"',
        'test hbsag "HBsAg" from loinc 5196-1',
        '  lay "Do you have hepatitis B?"',
        'define adult = wbc > 0 10*9/L lay "Are you an adult?"',
      ].join('\n'),
      'adult and hbsag is negative',
    );
    expectDiagnostics(text, LayWordingRule).toEqual([
      { code: 'E0260', line: 2, column: 43, message: "'wbc' is a lab: no one is asked it in lay words" },
      { code: 'E0260', line: 4, column: 3, message: "'hbsag' is a test: no one is asked it in lay words" },
      { code: 'E0260', line: 5, column: 31, message: "'adult' is a define: no one is asked it in lay words" },
    ]);
    const [lab] = checkText(text, [LayWordingRule]).diagnostics;
    expect(lab?.label).toBe('a lab result is measured, not answered');
  });

  it('renders the whole message with its code frame', () => {
    const text =
      'trial T "t"\nquestion a "A?": yes/no\ndefine adult = a lay "Are you an adult?"\ninclusion\n  IN-1 met if adult\n';
    const result = compile(text, { name: 't.elig' });
    expect(result.ok).toBe(false);
    const [d] = result.diagnostics.filter((x) => x.code === 'E0260');
    expect(renderDiagnostic(d!, new Source(text, 't.elig'))).toBe(
      [
        "t.elig:3:18 error E0260 'adult' is a define: no one is asked it in lay words",
        '  3 | define adult = a lay "Are you an adult?"',
        '    |                  ^^^^^^^^^^^^^^^^^^^^^^^ a define is worked out from the elements it names',
        '  hint: give lay wording to the elements the define uses',
        '',
      ].join('\n'),
    );
  });

  it('carries the wording into the compiled element', () => {
    const result = compile(
      'trial T "t"\ncondition dm "Diabetes" from icd10 E11*\n  lay "Do you have diabetes?"\nexclusion\n  EX-1 met if dm\n',
    );
    expect(result.protocol?.info.elements.find((e) => e.id === 'dm')?.lay).toBe('Do you have diabetes?');
  });
});
