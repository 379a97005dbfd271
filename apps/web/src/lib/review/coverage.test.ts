import { compile } from '@eligo/core';
import text from '@eligo/protocols/NCT06469190/NCT06469190.elig?raw';
import readme from '@eligo/protocols/NCT06469190/README.md?raw';
import { describe, expect, it } from 'vitest';
import { coverageSummary, reviewRows } from './coverage';

/** The README's `## Coverage` table (`| id | from | how |`), read independently of this module. */
function coverageTable(): { id: string; from: string }[] {
  const section = readme.split(/^## Coverage\s*$/m)[1]?.split(/^## /m)[0] ?? '';
  return [...section.matchAll(/^\| ([A-Za-z0-9]+(?:-[A-Za-z0-9.]+)+) \| ([a-z ]+) \| .* \|$/gm)].map((m) => ({
    id: m[1]!,
    from: m[2]!.trim(),
  }));
}

const compiled = compile(text);
if (!compiled.ok) throw new Error('the bundled trial must compile');
const rows = reviewRows(compiled.protocol);

describe('side-by-side rows', () => {
  it('give each criterion once, with the registry sentence beside its encoding', () => {
    const ids = rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const first = rows.find((r) => r.id === 'C-IN-1');
    expect(first?.source).toBeTruthy();
    expect(first?.encoding.startsWith('C-IN-1 ')).toBe(true);
    expect(first?.encoding).toContain('met if');
    expect(first?.encoding).toContain(`source "${first?.source}"`);
  });

  it("agree with the protocol's own coverage table wherever that table names where the answer comes from", () => {
    const table = coverageTable();
    const byId = new Map(rows.map((r) => [r.id, r.coverage]));
    const decided = table.filter((r) => r.from !== 'partial');
    expect(decided.length).toBeGreaterThan(10);
    expect(decided.map((r) => [r.id, byId.get(r.id)])).toEqual(decided.map((r) => [r.id, r.from]));
  });

  it('mark headings as decided by their sub-criteria, and count the marks', () => {
    expect(rows.filter((r) => r.coverage === 'sub-criteria').length).toBeGreaterThan(0);
    expect(coverageSummary(rows)).toMatch(/^\d+ criteria: \d+ from records, /);
  });

  it('mark a criterion that reads no data as partial, and one that reads a question as such', () => {
    const small = compile(`trial T "t"
question consent "Consent?": yes/no
lab wbc "WBC" in 10*9/L from loinc 6690-2
define fixed "A constant" = 3 kg
inclusion
  IN-1 "Anything" source "Any adult" met if fixed >= 2 kg
  IN-2 "Consent" source "Signed consent" met if consent
  IN-3 "Both" source "WBC and consent" met if consent and wbc >= 3 10*9/L
`);
    if (!small.ok) throw new Error(JSON.stringify(small.diagnostics));
    expect(reviewRows(small.protocol).map((r) => [r.id, r.coverage, r.reads])).toEqual([
      ['IN-1', 'partial', []],
      ['IN-2', 'question', ['Consent?']],
      ['IN-3', 'records and question', ['Consent?', 'WBC']],
    ]);
  });
});
