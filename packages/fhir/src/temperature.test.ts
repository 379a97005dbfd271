import { compile } from '@eligo/core';
import { describe, expect, it } from 'vitest';
import { screenDocument } from './screenDocument';

const protocol = compile(
  `trial T "t"
lab temperature "Axillary temperature" in Cel from loinc 8328-7
inclusion
  FEVER "Temperature of at least 37.5 °C" met if temperature >= 37.5 Cel
exclusion
  HIGH "Temperature above 37.5 °C" met if temperature > 37.5 Cel
`,
  { name: 't.elig' },
).protocol!;

const temperature = (value: number, code: string) => ({
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    {
      resource: {
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '8328-7' }] },
        effectiveDateTime: '2025-03-15T08:00:00+03:00',
        valueQuantity: { value, unit: code, system: 'http://unitsofmeasure.org', code },
      },
    },
  ],
});

function statuses(value: number, unit: string) {
  const r = screenDocument(protocol, { asOf: '2025-03-15', bundle: temperature(value, unit) });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return {
    criteria: Object.fromEntries(r.screening.cohorts[0]!.criteria.map((c) => [c.id, c.status])),
    warnings: r.screening.warnings ?? [],
  };
}

describe('temperatures in [degF] against an element in Cel', () => {
  it('reads 99.5 [degF] as exactly 37.5 Cel: at the threshold, not above it', () => {
    expect(statuses(99.5, '[degF]').criteria).toEqual({ FEVER: 'met', HIGH: 'not_met' });
  });

  it('reads a tenth of a degree on either side of the threshold', () => {
    expect(statuses(99.4, '[degF]').criteria).toEqual({ FEVER: 'not_met', HIGH: 'not_met' });
    expect(statuses(99.6, '[degF]').criteria).toEqual({ FEVER: 'met', HIGH: 'met' });
  });

  it('reads the same result in Cel the same way, without a unit warning', () => {
    const cel = statuses(37.5, 'Cel');
    expect(cel.criteria).toEqual({ FEVER: 'met', HIGH: 'not_met' });
    expect(statuses(99.5, '[degF]').warnings).toEqual(cel.warnings);
  });
});
