import type { ProtocolInfo } from '@eligo/core';
import { describe, expect, it } from 'vitest';
import { ATC, CVX, concept, immunization, bundle as make, SNOMED, statement } from '../testing/fhir';
import { element, exact, prefix } from '../testing/protocol';
import { bundleToFacts } from '../toFacts';

const ASOF = '2025-10-15';

const protocol: ProtocolInfo = {
  id: 'VACCINES-1',
  title: 'Vaccinations read as medication exposures',
  version: '1',
  hash: 'test',
  complete: ['medication'],
  cohorts: [],
  elements: [
    element('flu_vaccine', 'medication', { closedWorld: true, include: [prefix('atc', 'J07BB')] }),
    element('live_vaccine', 'medication', {
      closedWorld: true,
      include: [exact('atc', 'J07BK01'), exact('atc', 'J07BK02')],
    }),
    element('acei', 'medication', { closedWorld: true, include: [prefix('atc', 'C09A')] }),
    element('any_drug', 'medication', { closedWorld: true, include: [prefix('atc', 'J')] }),
    element('drug_by_rxnorm', 'medication', { closedWorld: true, include: [exact('rxnorm', '866924')] }),
    element('flu_by_cvx', 'medication', {
      closedWorld: true,
      include: [exact('cvx', '140'), exact('cvx', '141')],
    }),
  ],
};

function read(...resources: Parameters<typeof make>) {
  const result = bundleToFacts(protocol, make(...resources), ASOF);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

const FLU = concept(ATC, 'J07BB02', 'influenza, inactivated, split virus or surface antigen');

describe('Immunization', () => {
  it('is an exposure on the day the vaccine was given, for the elements whose binding takes its code', () => {
    const { facts, warnings } = read(
      immunization(FLU, '2025-05-20T10:30:00+07:00'),
      immunization(concept(ATC, 'J07BK02', 'zoster, live attenuated'), '2025-09-24'),
    );
    expect(facts.flu_vaccine).toEqual([
      {
        system: ATC,
        code: 'J07BB02',
        display: FLU.coding![0]!.display,
        start: '2025-05-20',
        end: '2025-05-20',
      },
    ]);
    expect(facts.live_vaccine).toEqual([
      {
        system: ATC,
        code: 'J07BK02',
        display: 'zoster, live attenuated',
        start: '2025-09-24',
        end: '2025-09-24',
      },
    ]);
    expect(facts.acei).toEqual([]);
    expect(facts.any_drug).toHaveLength(2);
    // An ATC code is no RxNorm code: that element cannot tell, as for any medication record.
    expect((facts.drug_by_rxnorm as { unclassified?: boolean }[]).map((r) => r.unclassified)).toEqual([
      true,
      true,
    ]);
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      ['W-FHIR-UNCLASSIFIED', 'bundle.entry[0].resource.vaccineCode'],
      ['W-FHIR-UNCLASSIFIED', 'bundle.entry[1].resource.vaccineCode'],
    ]);
  });

  it('never counts a vaccination not done or entered in error, nor one after the screening date', () => {
    const { facts } = read(
      immunization(FLU, '2025-09-01', { status: 'not-done' }),
      immunization(FLU, '2025-09-02', { status: 'entered-in-error' }),
      immunization(FLU, '2025-10-16'),
    );
    expect(facts.flu_vaccine).toEqual([]);
    expect(facts.any_drug).toEqual([]);
  });

  it('reads a vaccination dated only by text as an exposure of unknown date', () => {
    const { facts } = read(
      immunization(FLU, '2025-01-01', { occurrenceDateTime: undefined, occurrenceString: 'last autumn' }),
    );
    expect(facts.flu_vaccine).toEqual([{ system: ATC, code: 'J07BB02', display: FLU.coding![0]!.display }]);
  });

  it('keeps a vaccine in CVX unclassified only for the elements that could hold a vaccine', () => {
    const flu = concept(CVX, '140', 'Influenza, seasonal, injectable, preservative free');
    const { facts, warnings } = read(immunization(flu, '2025-06-01'));
    const record = {
      unclassified: true,
      system: CVX,
      code: '140',
      display: flu.coding![0]!.display,
      start: '2025-06-01',
      end: '2025-06-01',
    };
    // An ATC binding within J07, one reaching over it (J*), and one in another system may hold it.
    expect(facts.flu_vaccine).toEqual([record]);
    expect(facts.live_vaccine).toEqual([record]);
    expect(facts.any_drug).toEqual([record]);
    expect(facts.drug_by_rxnorm).toEqual([record]);
    // An ATC binding outside the vaccines cannot: a flu shot is no ACE inhibitor.
    expect(facts.acei).toEqual([]);
    // A binding in CVX takes it as its own.
    expect(facts.flu_by_cvx).toEqual([
      { system: CVX, code: '140', display: flu.coding![0]!.display, start: '2025-06-01', end: '2025-06-01' },
    ]);
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      ['W-FHIR-UNCLASSIFIED', 'bundle.entry[0].resource.vaccineCode'],
    ]);
  });

  it('matches CVX codes in any spelling of the system, and leaves an ATC-coded vaccine open for a CVX binding', () => {
    const oid = concept('urn:oid:2.16.840.1.113883.12.292', '141');
    expect(read(immunization(oid, '2025-06-01')).facts.flu_by_cvx).toEqual([
      { system: CVX, code: '141', start: '2025-06-01', end: '2025-06-01' },
    ]);
    const atc = read(immunization(FLU, '2025-06-01')).facts.flu_by_cvx as { unclassified?: boolean }[];
    expect(atc.map((r) => r.unclassified)).toEqual([true]);
  });

  it('reads a vaccine without a code as unclassified for the elements that could hold one', () => {
    const { facts } = read(immunization({ text: 'flu jab' }, '2025-06-01'));
    expect(facts.flu_vaccine).toEqual([
      { unclassified: true, display: 'flu jab', start: '2025-06-01', end: '2025-06-01' },
    ]);
    expect(facts.acei).toEqual([]);
  });

  it('reads vaccines beside other medication records, by the same elements', () => {
    const { facts } = read(
      statement('C09AA05', { effectivePeriod: { start: '2024-01-01' } }),
      immunization(concept(SNOMED, '1181000221105', 'Influenza vaccine'), '2025-06-01', {
        status: 'completed',
      }),
    );
    expect(facts.acei).toEqual([{ system: ATC, code: 'C09AA05', start: '2024-01-01' }]);
    // SNOMED CT is a system no binding here uses: unclassified for the elements that could hold a vaccine.
    expect((facts.flu_vaccine as { unclassified?: boolean }[])[0]?.unclassified).toBe(true);
    expect(facts.acei).toHaveLength(1);
  });

  it('refuses a status R4 does not have, naming the field', () => {
    const result = bundleToFacts(
      protocol,
      make(immunization(FLU, '2025-06-01', { status: 'given' as 'completed' })),
      ASOF,
    );
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(['bundle.entry[0].resource.status']);
  });
});
