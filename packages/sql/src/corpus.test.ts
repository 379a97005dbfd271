import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  compile,
  createFunnel,
  PopulationBuilder,
  protocolToSql,
  type ScreeningInput,
  VERDICT_CODES,
} from '@eligo/core';
import { readDocument } from '@eligo/fhir';
import { encodedCorpus, examplePath, readProtocolSource, workedPatients } from '@eligo/protocols';
import { describe, expect, it } from 'vitest';
import { appendBatch, funnelRow, openDuckDb, screenRows, unitsInData } from './index';

/**
 * Every trial of the corpus, its worked patients taken as a population (grouped by screening
 * date, answers left out: a population has no one to ask), screened by the SQL path on DuckDB
 * and by the fast path: every criterion compiles and gives every patient the same status, and the
 * funnels (verdicts, met / not met / unknown, gain) agree.
 */
const TRI = [0, 2, 1];

describe('corpus through SQL', () => {
  for (const id of encodedCorpus()) {
    it(`${id}: the SQL path agrees with the fast path on every worked patient`, async () => {
      const { protocol } = compile(readProtocolSource(id).text);
      const byDate = new Map<string, ScreeningInput[]>();
      const worked = workedPatients(id).map((w) => w.doc);
      // A trial without expected screenings still has its examples.
      const dir = dirname(examplePath(id, 'x.json'));
      const docs = worked.length
        ? worked
        : readdirSync(dir)
            .filter((f) => f.endsWith('.json'))
            .map((f) => JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as unknown);
      for (const doc of docs) {
        const read = readDocument(protocol!, doc);
        if (!read.ok) continue;
        const input = { ...read.input, answers: {} };
        byDate.set(input.asOf, [...(byDate.get(input.asOf) ?? []), input]);
      }
      expect(byDate.size).toBeGreaterThan(0);
      for (const [asOf, inputs] of byDate) {
        const connection = await openDuckDb();
        try {
          const builder = new PopulationBuilder(protocol!.info, asOf);
          for (const input of inputs) builder.add(input.facts ?? {});
          await appendBatch(connection, builder.build());
          const query = protocolToSql(protocol!, {
            dialect: 'duckdb',
            asOf,
            units: await unitsInData(connection),
            partial: true,
          });
          if (!query.ok) throw new Error('a partial compile always gives a query');
          // Every criterion of the corpus has an SQL form.
          expect(query.skipped).toEqual([]);
          const rows = await screenRows(connection, query.sql);
          const funnel = createFunnel(protocol!.info);
          inputs.forEach((input, i) => {
            const fast = protocol!.evaluate(input);
            funnel.add({ verdicts: protocol!.verdicts(input), statuses: fast.statuses });
            query.criteria.forEach((k, c) => {
              expect(TRI[rows[i]![k.column] as number], `${asOf} patient ${i} ${k.id}`).toBe(
                fast.statuses[c],
              );
            });
            const verdicts = query.cohorts.map((k) => VERDICT_CODES[rows[i]![k.column] as number]);
            expect(verdicts).toEqual(protocol!.verdicts(input));
          });
          const { funnel: shape, values } = await funnelRow(connection, protocol!, query);
          const { funnelFromRow } = await import('@eligo/core');
          expect(funnelFromRow(protocol!, shape, values)).toEqual(funnel.result());
        } finally {
          connection.closeSync();
        }
      }
    });
  }
});
