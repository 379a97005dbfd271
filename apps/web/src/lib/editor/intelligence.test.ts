import { CALCULATORS, isValidUnit } from '@eligo/core';
import { describe, expect, it } from 'vitest';
import { COMMON_UNITS, completionsAt } from './completion';
import { hoverAt } from './hover';
import { definitionAt, renameAt } from './navigation';
import { analyze } from './symbols';

const TEXT = `trial T-1 "A small test trial"
version "1"

patient birth_date "Date of birth" from birthDate
define age_years "Age in completed years" = age(birth_date)
lab wbc "White blood cell count" in 10*9/L from loinc 6690-2
question consent "Has the patient signed the informed consent?": yes/no

inclusion
  IN-1 "Adult"
    source "Age ≥ 18 years and wbc counted"
    met if age_years >= 18 and wbc >= 3 10*9/L
  IN-2 "Consent"
    source "Signed informed consent"
    met if consent
`;

/** The offset of the `n`th (0-based) occurrence of `needle`, plus `into` characters. */
function at(needle: string, n = 0, into = 1, text = TEXT): number {
  let index = -1;
  for (let i = 0; i <= n; i++) index = text.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`'${needle}' #${n} not in the text`);
  return index + into;
}

const model = analyze(TEXT);

describe('analysis', () => {
  it('finds each declared name and every reference by the AST spans', () => {
    expect(model.parsed).toBe(true);
    expect(model.symbols.map((s) => s.name)).toEqual(['birth_date', 'age_years', 'wbc', 'consent']);
    const wbc = model.occurrences.filter((o) => o.name === 'wbc');
    // The source sentence's "wbc" is text, not a reference.
    expect(wbc.map((o) => [TEXT.slice(o.from, o.to), o.declaration])).toEqual([
      ['wbc', true],
      ['wbc', false],
    ]);
    expect(wbc[1]!.from).toBe(at('wbc >=', 0, 0));
  });

  it('knows nothing, and says so, when the text does not parse', () => {
    const broken = analyze('trial T-1 "x"\ninclusion\n  IN-1 met if (');
    expect(broken.parsed).toBe(false);
    expect(broken.symbols).toEqual([]);
    expect(broken.occurrences).toEqual([]);
  });

  it('keeps the last parsed names, without their stale positions, while a line is half typed', () => {
    const typing = analyze(`${TEXT}  IN-3 "x"\n    met if `, model);
    expect(typing.parsed).toBe(false);
    expect(typing.symbols.map((s) => s.name)).toEqual(['birth_date', 'age_years', 'wbc', 'consent']);
    expect(typing.occurrences).toEqual([]);
  });
});

describe('go to definition', () => {
  it('jumps from a reference to the declared name', () => {
    expect(definitionAt(model, at('age_years >=', 0, 3))).toEqual({
      from: at('age_years "', 0, 0),
      to: at('age_years "', 0, 9),
    });
    expect(definitionAt(model, at('met if consent', 0, 9))).toEqual({
      from: at('consent "Has', 0, 0),
      to: at('consent "Has', 0, 7),
    });
  });

  it('has no answer away from a declared name', () => {
    expect(definitionAt(model, at('inclusion', 0, 2))).toBeUndefined();
    expect(definitionAt(model, at('wbc counted', 0, 1))).toBeUndefined();
  });
});

describe('rename', () => {
  it('edits the declaration and every reference, nothing else', () => {
    const result = renameAt(model, at('wbc >=', 0, 1), 'leukocytes');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    let renamed = TEXT;
    for (const e of [...result.edits].sort((a, b) => b.from - a.from))
      renamed = renamed.slice(0, e.from) + e.insert + renamed.slice(e.to);
    expect(renamed).toContain('lab leukocytes "White blood cell count"');
    expect(renamed).toContain('and leukocytes >= 3 10*9/L');
    expect(renamed).toContain('source "Age ≥ 18 years and wbc counted"');
    const again = analyze(renamed);
    expect(again.symbols.map((s) => s.name)).toContain('leukocytes');
    expect(again.occurrences.filter((o) => o.name === 'leukocytes')).toHaveLength(2);
  });

  it('refuses names that would not work, with the reason', () => {
    const pos = at('wbc >=', 0, 1);
    expect(renameAt(model, pos, 'consent')).toEqual({ ok: false, message: "'consent' is already declared." });
    expect(renameAt(model, pos, 'met')).toEqual({ ok: false, message: "'met' is a word of the language." });
    expect(renameAt(model, pos, '2x')).toEqual({
      ok: false,
      message: "'2x' is not a name: use letters, digits and _, starting with a letter.",
    });
    expect(renameAt(model, at('inclusion'), 'x')).toEqual({
      ok: false,
      message: 'Place the cursor on a declared name to rename it.',
    });
  });
});

describe('hover', () => {
  it('describes a declared name with its kind and label', () => {
    expect(hoverAt(model, at('wbc >=', 0, 1))).toEqual({
      from: at('wbc >=', 0, 0),
      to: at('wbc >=', 0, 3),
      title: 'wbc',
      detail: 'a lab in 10*9/L: “White blood cell count”',
    });
    expect(hoverAt(model, at('met if consent', 0, 9))?.detail).toBe(
      'a yes/no question: “Has the patient signed the informed consent?”',
    );
  });

  it("gives a unit's dimension and a calculator's signature", () => {
    expect(hoverAt(model, at('10*9/L from', 0, 2))).toMatchObject({
      title: '10*9/L',
      detail: 'UCUM unit: number concentration',
    });
    expect(hoverAt(model, at('age(birth', 0, 1))).toMatchObject({
      title: 'age(birth date) → a number',
      detail: 'calculator; birth date: a date of birth',
    });
  });

  it('is silent in blank space', () => {
    expect(hoverAt(model, at('\n\ninclusion', 0, 1))).toBeUndefined();
  });
});

describe('completion', () => {
  const labels = (text: string, pos = text.length, explicit = false) =>
    completionsAt(model, text, pos, explicit)?.items.map((i) => i.label);

  it('offers declared names, calculators and keywords by prefix', () => {
    // Names come from the model of the last analysed text, here the text before the edit.
    const text = TEXT.replace('met if consent', 'met if con');
    const pos = text.indexOf('met if con') + 'met if con'.length;
    const result = completionsAt(model, text, pos);
    expect(result?.from).toBe(pos - 3);
    expect(labels(text, pos)).toEqual(['consent', 'condition']);
    const ages = completionsAt(model, TEXT, at('age_years >=', 0, 3));
    expect(ages?.items.map((i) => i.label)).toEqual(['age_years', 'age', 'age_in_months']);
    expect(ages?.items[1]).toMatchObject({ type: 'function', apply: 'age(' });
    expect(completionsAt(model, TEXT, at('inclusion', 0, 3))?.items.map((i) => i.label)).toContain(
      'inclusion',
    );
  });

  it('offers UCUM units after a number or `in`, and corrections for an invalid one', () => {
    const after = (line: string) => labels(`${TEXT}${line}`);
    expect(after('  x >= 3 mg/d')).toEqual(['mg/dL', 'mg/d']);
    expect(after('lab y "Y" in mmol')).toEqual(['mmol/L', 'mmol/mol', 'mmol']);
    expect(completionsAt(model, `${TEXT} x >= 3 10*9`, TEXT.length + 13)?.items[0]).toEqual({
      label: '10*9/L',
      type: 'unit',
      detail: 'UCUM: number concentration',
    });
    expect(after('lab y "Y" in mcg/L')).toContain('ug/L');
  });

  it('offers code systems after `from`', () => {
    expect(labels(`${TEXT}lab y "Y" in g/L from lo`)).toEqual(['loinc']);
    expect(labels(`${TEXT}condition c "C" from icd10 N00, sn`)).toEqual(['snomed']);
  });

  it('stays out of strings and comments, and waits for a letter unless asked', () => {
    expect(labels(`${TEXT}lab y "wb`)).toBeUndefined();
    expect(labels(`${TEXT}# wb`)).toBeUndefined();
    expect(labels(`${TEXT}  met if `)).toBeUndefined();
    expect(labels(`${TEXT}  met if `, undefined, true)).toContain('wbc');
  });

  it('lists only valid units, and every calculator', () => {
    expect(COMMON_UNITS.filter((u) => !isValidUnit(u))).toEqual([]);
    const all = completionsAt(model, TEXT, at('met if consent', 0, 7), true)?.items ?? [];
    for (const name of Object.keys(CALCULATORS)) expect(all.map((i) => i.label)).toContain(name);
  });
});
