import { compile, PopulationBuilder, protocolToSql } from '@eligo/core';
import { describe, expect, it } from 'vitest';
import { duckDbEngine, postgresEngine, postgresReachable, type SqlEngine } from './engines/engine';

/**
 * Record filters in SQL beyond the conformance cases: ranges, prefixes, the aliases of a code
 * system, ICD-10's optional dot and letter case, and codes with stray spaces, each record's reason
 * matched as codes/match.ts matches it. Every status must equal the fast path's; the fast path's
 * are pinned too, so that the data covers a met, a not met and an unknown answer for each filter.
 */
const SOURCE = `trial T-1 "Record filters"
records complete for medication
medication cancer_drug "Chemotherapy" from atc L01* for icd10 C00 to C96
medication diabetes_drug "Metformin" from atc A10BA02 for icd10 E11*
inclusion
  CANCER met if cancer_drug
  DIABETES met if diabetes_drug
`;

const ICD10 = 'http://hl7.org/fhir/sid/icd-10';
const drug = (code: string, reason?: { system: string; code: string }[]) => ({
  system: 'http://www.whocc.no/atc',
  code,
  start: '2024-01-01',
  ...(reason && { reason }),
});

// Per patient: the facts, and the fast path's statuses (Tri: 0 not met, 1 met, 2 unknown).
const PATIENTS: { facts: Record<string, unknown>; expected: number[] }[] = [
  // In the range and by prefix, dotted as WHO writes them.
  {
    facts: {
      cancer_drug: [drug('L01XA01', [{ system: ICD10, code: 'C50.9' }])],
      diabetes_drug: [drug('A10BA02', [{ system: ICD10, code: 'E11.65' }])],
    },
    expected: [1, 1],
  },
  // ICD-10-CM and the HL7 OID, without the dot, in lower case, with spaces around.
  {
    facts: {
      cancer_drug: [drug('L01XA01', [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: ' c509 ' }])],
      diabetes_drug: [drug('A10BA02', [{ system: 'urn:oid:2.16.840.1.113883.6.90', code: 'e119' }])],
    },
    expected: [1, 1],
  },
  // Just past the range's end, and another prefix: not the element's records.
  {
    facts: {
      cancer_drug: [drug('L01XA01', [{ system: ICD10, code: 'C97' }])],
      diabetes_drug: [drug('A10BA02', [{ system: ICD10, code: 'E10.9' }])],
    },
    expected: [0, 0],
  },
  // A reason in a local system says nothing; a code too short for the range's bounds is outside.
  {
    facts: {
      cancer_drug: [drug('L01XA01', [{ system: 'http://example.org/reasons', code: 'C50' }])],
      diabetes_drug: [drug('A10BA02', [{ system: ICD10, code: 'E1' }])],
    },
    expected: [2, 0],
  },
  // An empty code is a coding outside the filter; no reason stated at all leaves it open.
  {
    facts: {
      cancer_drug: [drug('L01XA01', [{ system: ICD10, code: '' }])],
      diabetes_drug: [drug('A10BA02')],
    },
    expected: [0, 2],
  },
];

const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ENGINES: [string, () => Promise<SqlEngine | undefined>][] = [
  ['DuckDB', () => duckDbEngine()],
  [
    'PostgreSQL',
    async () =>
      (await postgresReachable(PG_URL))
        ? postgresEngine(PG_URL, `eligo_sql_record_filters_${process.pid}`)
        : undefined,
  ],
];

describe.each(ENGINES)('record filters through SQL (%s)', (name, open) => {
  it('matches ranges, prefixes, system aliases and ICD-10 spellings as the fast path does', async () => {
    const engine = await open();
    if (engine === undefined) {
      console.info(`${name}: not reachable, skipped`);
      return;
    }
    const { protocol } = compile(SOURCE);
    const asOf = '2025-03-15';
    const builder = new PopulationBuilder(protocol!.info, asOf);
    for (const p of PATIENTS) builder.add(p.facts as never);
    try {
      await engine.load(builder.build());
      const query = protocolToSql(protocol!, { dialect: engine.dialect, asOf });
      if (!query.ok) throw new Error(JSON.stringify(query.problems));
      const rows = await engine.rows(query.sql);
      const TRI = [0, 2, 1];
      PATIENTS.forEach((p, i) => {
        const fast = Array.from(protocol!.evaluate({ asOf, facts: p.facts as never }).statuses);
        expect(fast, `patient ${i} (fast path)`).toEqual(p.expected);
        expect(
          query.criteria.map((k) => TRI[rows[i]![k.column] as number]),
          `patient ${i}`,
        ).toEqual(fast);
      });
    } finally {
      await engine.close();
    }
  });
});
