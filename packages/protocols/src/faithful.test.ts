import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nct06469190 } from './testing/screen';

/**
 * The encoding must read side by side with the registry text: every criterion of criteria.md, in
 * order, with its id and verbatim sentence, and every dictionary element with its codes and unit.
 */
const dir = fileURLToPath(new URL('../NCT06469190/', import.meta.url));
const criteriaMd = readFileSync(`${dir}criteria.md`, 'utf8');
const dictionary = JSON.parse(readFileSync(`${dir}dictionary.json`, 'utf8')) as {
  elements: {
    id: string;
    type: string;
    unit?: string;
    source: string;
    codes?: { system: string; code: string; match?: string }[];
  }[];
};

const rows = [...criteriaMd.matchAll(/^\| ([A-Za-z]+-[A-Z]+-[0-9.a-z]+) \| (.*) \|$/gm)].map((m) => ({
  id: m[1]!,
  text: m[2]!.replace(/\[\^[a-z]+\]/g, '').trim(),
}));

function listed(prefix: string) {
  return rows.filter((r) => r.id.startsWith(prefix)).map((r) => r.id);
}

describe('NCT06469190 encoding is faithful to criteria.md', () => {
  const info = nct06469190().info;

  it('has the three cohorts by their exact ids', () => {
    expect(info.cohorts.map((c) => c.id)).toEqual(['PMN', 'IgAN', 'AAV']);
  });

  it('lists all 54 criteria', () => {
    expect(rows).toHaveLength(54);
  });

  for (const cohortId of ['PMN', 'IgAN', 'AAV']) {
    it(`${cohortId}: common inclusion, cohort inclusion, common exclusion, cohort exclusion, in the listing's order`, () => {
      const cohort = info.cohorts.find((c) => c.id === cohortId)!;
      expect(cohort.criteria.map((c) => c.id)).toEqual([
        ...listed('C-IN-'),
        ...listed(`${cohortId}-IN-`),
        ...listed('C-EX-'),
        ...listed(`${cohortId}-EX-`),
      ]);
      for (const c of cohort.criteria) {
        expect(c.kind).toBe(c.id.includes('-IN-') ? 'inclusion' : 'exclusion');
      }
    });
  }

  it('carries every source sentence verbatim (footnote markers aside)', () => {
    const all = new Map(info.cohorts.flatMap((c) => c.criteria.map((k) => [k.id, k] as const)));
    for (const row of rows) {
      expect(all.get(row.id)?.source, row.id).toBe(row.text);
      expect(all.get(row.id)?.title, row.id).toBeTruthy();
    }
  });

  it('makes C-IN-3 a heading decided by its sub-criteria and every other criterion a rule', () => {
    const criteria = info.cohorts[0]!.criteria;
    expect(criteria.filter((c) => c.heading).map((c) => c.id)).toEqual(['C-IN-3']);
    for (const c of criteria.filter((k) => !k.heading)) expect(c.elements.length, c.id).toBeGreaterThan(0);
  });

  // Dictionary elements that the language expresses inline instead of as a named element, and where.
  const inline: Record<string, string> = {
    csf_in_14_days_before_neutrophils:
      '`colony_stimulating_factor within 14 days before neutrophils` (C-IN-3.1.b)',
    egfr_rapid_decline: '`egfr fell by at least 50 % within 3 months` (IgAN-IN-3)',
    other_glomerular_disease: 'two bindings, other_glomerular_disease_pmn and other_glomerular_disease_igan',
    immunosuppressive_therapy_over_6_months: '`immunosuppressive_therapy for more than 6 months`',
    acei_arb_at_least_3_months: '`acei_arb for at least 3 months` (IgAN-IN-2)',
    aav_conventional_treatment: 'glucocorticoid, cyclophosphamide and aav_immunomodulator (AAV-IN-6)',
    trial_drug_allergy: 'trial_drug_allergy, any_allergy severe and anaphylaxis_history ever (C-EX-1)',
    malignancy:
      'malignant_neoplasm (C00-C97 but C44, any status) and in_situ_carcinoma (D05, D06, D09.0) (C-EX-6)',
  };

  it('declares every other dictionary element under its own id, with its type and unit', () => {
    const byId = new Map(info.elements.map((e) => [e.id, e]));
    for (const el of dictionary.elements) {
      if (el.id in inline) continue;
      const mine = byId.get(el.id);
      expect(mine, el.id).toBeDefined();
      if (el.source === 'answer') expect(mine!.kind, el.id).toBe('question');
      if (el.type === 'quantity' && el.source === 'fhir') expect(mine!.unit, el.id).toBe(el.unit);
    }
  });

  it('binds every dictionary code somewhere in the encoding', () => {
    const bound = new Set(
      info.elements.flatMap((e) => (e.binding?.include ?? []).map((p) => `${p.system}|${p.code}|${p.match}`)),
    );
    const icd10Ranges = info.elements.flatMap((e) =>
      (e.binding?.include ?? []).filter((p) => p.match === 'range').map((p) => `${p.code}-${p.to}`),
    );
    for (const el of dictionary.elements) {
      for (const code of el.codes ?? []) {
        if (code.system.includes('icd-10') && code.code.includes('-')) {
          // Dictionary ranges such as `A00-B99` are written `A00 to B99`.
          expect(icd10Ranges, `${el.id} ${code.code}`).toContain(code.code.replace('*', ''));
          continue;
        }
        const match = code.match === 'prefix' ? 'prefix' : 'exact';
        expect(bound, `${el.id} ${code.code}`).toContain(`${code.system}|${code.code}|${match}`);
      }
    }
  });
});
