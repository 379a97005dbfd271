import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, PopulationBuilder, parseScreeningInput, protocolToSql, VERDICT_CODES } from '@eligo/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckDbEngine, postgresEngine, postgresReachable, type SqlEngine } from './engines/engine';
import { SQL_GAPS } from './sql-gaps';

/**
 * The conformance suite (packages/core/conformance/cases) through the SQL path on DuckDB: each
 * case's patient sits between an empty patient and a copy of itself, as in the population path's
 * run, and every criterion's status and every verdict must equal the fast path's for the same
 * facts without answers (a population has no one to ask). A case whose protocol uses a construct
 * with no SQL form must be refused with the criterion named, and be listed in sql-gaps.ts.
 */
interface Case {
  name: string;
  criteria: string;
  asOf: string;
  facts: Record<string, unknown>;
  answers: Record<string, unknown>;
  skip?: { fast?: string };
}

const dir = join(import.meta.dirname, '../../core/conformance/cases');
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, ...(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Case) }));

// Ordinal (0 not met, 1 unknown, 2 met) to the evaluators' Tri (0 not met, 1 met, 2 unknown).
const TRI = [0, 2, 1];
const refused = new Map<string, string[]>();

function suite(name: string, open: () => Promise<SqlEngine | undefined>) {
  describe(`SQL path (${name})`, () => {
    let engine: SqlEngine | undefined;
    beforeAll(async () => {
      engine = await open();
    });
    afterAll(async () => {
      await engine?.close();
    });
    for (const c of cases) {
      it.skipIf(c.skip?.fast !== undefined)(`${c.file}: ${c.name}`, async () => {
        const { protocol } = compile(c.criteria, { name: c.name });
        const parsed = parseScreeningInput(protocol!, { asOf: c.asOf, facts: c.facts, answers: c.answers });
        if (!parsed.ok) throw new Error(`invalid input: ${JSON.stringify(parsed.issues)}`);
        const input = parsed.input;
        const builder = new PopulationBuilder(protocol!.info, input.asOf);
        builder.add({});
        builder.add(input.facts ?? {});
        builder.add(input.facts ?? {});
        if (engine === undefined) {
          console.info(`${name}: not reachable, skipped`);
          return;
        }
        await engine.clear();
        {
          await engine.load(builder.build());
          const query = protocolToSql(protocol!, {
            dialect: engine.dialect,
            asOf: input.asOf,
            units: await engine.units(),
          });
          if (!query.ok) {
            refused.set(
              c.file,
              query.problems.map((p) => p.message),
            );
            for (const p of query.problems)
              expect(p.message).toMatch(/^\S+ cannot be compiled to SQL: .+ has no SQL form yet$/);
            expect(SQL_GAPS[c.file], `${c.file} is refused but not listed in sql-gaps.ts`).toBeDefined();
            return;
          }
          expect(SQL_GAPS[c.file], `${c.file} compiles now: take it out of sql-gaps.ts`).toBeUndefined();
          const rows = await engine.rows(query.sql);
          expect(rows.length).toBe(3);
          const unanswered = { ...input, answers: {} };
          const patients = [{ asOf: input.asOf }, unanswered, unanswered];
          rows.forEach((row, i) => {
            const expected = Array.from(protocol!.evaluate(patients[i]!).statuses);
            const got = query.criteria.map((k) => TRI[row[k.column] as number]);
            expect(got, `patient ${i}`).toEqual(expected);
            const verdicts = query.cohorts.map((k) => VERDICT_CODES[row[k.column] as number]);
            expect(verdicts, `patient ${i}`).toEqual(protocol!.verdicts(patients[i]!));
          });
        }
      });
    }
    afterAll(() => {
      // What the SQL path cannot compute yet, by construct, for the record of each run.
      const reasons = new Map<string, number>();
      for (const messages of refused.values())
        for (const m of messages) {
          const why = m.replace(/^\S+ cannot be compiled to SQL: /, '');
          reasons.set(why, (reasons.get(why) ?? 0) + 1);
        }
      console.info(
        `SQL conformance (${name}): ${cases.length - refused.size} of ${cases.length} cases compile; refused: ${[...reasons].map(([k, n]) => `${k} ×${n}`).join('; ')}`,
      );
    });
  });
}

const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
// A schema of this run's own: runs side by side on one server must not empty each other's tables.
const PG_SCHEMA = `eligo_sql_conformance_${process.pid}`;
suite('DuckDB', () => duckDbEngine());
suite('PostgreSQL', async () =>
  (await postgresReachable(PG_URL)) ? postgresEngine(PG_URL, PG_SCHEMA) : undefined);
