import { compile } from '@eligo/core';
import { readProtocolSource } from '@eligo/protocols';
import { describe, expect, it } from 'vitest';
import { impactOf } from './impact';
import { samplePopulation } from './sample-population';

const nct = readProtocolSource('NCT06469190');

function compiled(text: string) {
  const result = compile(text, { name: nct.name });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('; '));
  return result.protocol;
}

describe('samplePopulation', () => {
  it("is the trial's worked examples by file name, and nothing for a trial without any", async () => {
    const sample = await samplePopulation('NCT06469190');
    expect(sample.map((p) => p.name)).toEqual(['eligible-igan', 'ineligible-pmn']);
    expect(sample[0]?.request.asOf).toBe('2025-03-15');
    expect(await samplePopulation('NCT00000000')).toEqual([]);
  });
});

describe('impactOf', () => {
  it('changes nothing between a version and itself', async () => {
    const v1 = compiled(nct.text);
    expect(impactOf(v1, v1, await samplePopulation('NCT06469190'))).toEqual({
      changed: [],
      unchanged: 2,
      unusable: [],
    });
  });

  it('names the patient whose verdict changes and the criterion whose status changed with it', async () => {
    const v1 = compiled(nct.text);
    // The eligible example is 34 on the screening date.
    const v2 = compiled(
      nct.text.replace('met if age_years between 18 and 70', 'met if age_years between 40 and 70'),
    );
    const result = impactOf(v1, v2, await samplePopulation('NCT06469190'));
    expect(result.unchanged).toBe(1);
    expect(result.unusable).toEqual([]);
    expect(result.changed).toEqual([
      {
        name: 'eligible-igan',
        changes: [
          {
            cohort: 'IgAN',
            label: 'Relapsed/refractory IgA nephropathy',
            before: 'eligible',
            after: 'ineligible',
            criteria: [{ id: 'C-IN-1', before: 'met', after: 'not_met' }],
          },
        ],
      },
    ]);
  });

  it('reports a patient the new version cannot screen instead of failing', async () => {
    const v1 = compiled(nct.text);
    const v2 = compiled(nct.text);
    const patient = { name: 'odd', request: { asOf: 'not a date', facts: {}, answers: {} } };
    const result = impactOf(v1, v2, [patient]);
    expect(result.changed).toEqual([]);
    expect(result.unusable).toHaveLength(1);
    expect(result.unusable[0]).toMatchObject({ name: 'odd', version: 'old' });
  });
});
