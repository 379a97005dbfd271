import {
  type CompiledProtocol,
  PopulationBuilder,
  parseScreeningInput,
  protocolToSql,
  type ScreeningInput,
} from '@eligo/core';
import { expect, it } from 'vitest';
import { duckDbEngine, postgresEngine, postgresReachable, type SqlEngine } from '../engines/engine';

const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** DuckDB in memory, and PostgreSQL in its own schema when it answers (undefined when not). */
export function engines(schema: string): [name: string, open: () => Promise<SqlEngine | undefined>][] {
  return [
    ['DuckDB', () => duckDbEngine()],
    [
      'PostgreSQL',
      async () => ((await postgresReachable(PG_URL)) ? postgresEngine(PG_URL, schema) : undefined),
    ],
  ];
}

// The query's ordinal (0 not met, 1 unknown, 2 met) as the evaluators' Tri (0 not met, 1 met, 2 unknown).
const TRI = [0, 2, 1];

/**
 * Loads the patients into the engine, runs the protocol's query, and expects every criterion of
 * every patient to have the fast path's status; then that every criterion was met, not met and
 * unknown for someone, so that the population reaches each answer.
 */
export async function expectFastPathAgreement(
  engine: SqlEngine,
  protocol: CompiledProtocol,
  inputs: readonly ScreeningInput[],
  asOf: string,
): Promise<void> {
  const builder = new PopulationBuilder(protocol.info, asOf);
  for (const input of inputs) builder.add(input.facts ?? {});
  await engine.clear();
  await engine.load(builder.build());
  const query = protocolToSql(protocol, { dialect: engine.dialect, asOf, units: await engine.units() });
  if (!query.ok) throw new Error(query.problems.map((p) => p.message).join('\n'));
  const rows = await engine.rows(query.sql);
  expect(rows.length).toBe(inputs.length);
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const expected = Array.from(protocol.evaluate(inputs[i]!).statuses);
    const got = query.criteria.map((k) => TRI[row[k.column] as number]);
    expect(got, `patient ${i}: ${JSON.stringify(inputs[i]!.facts)}`).toEqual(expected);
    for (const [c, s] of expected.entries()) seen.add(`${c}:${s}`);
  });
  const missing = query.criteria.flatMap((k, c) =>
    [0, 1, 2].filter((s) => !seen.has(`${c}:${s}`)).map((s) => `${k.id}:${s}`),
  );
  expect(missing, 'criterion:status never reached').toEqual([]);
}

/**
 * A test per engine that the patients' facts (screened on `asOf`, without answers: a population
 * has no one to ask) get the fast path's status for every criterion; an engine that does not
 * answer is skipped with a note. `only` keeps one engine (numbers PostgreSQL's arithmetic refuses).
 */
export function itAgreesWithTheFastPath(
  schema: string,
  protocol: CompiledProtocol,
  facts: readonly Record<string, unknown>[],
  asOf: string,
  who = 'seeded patients',
  only?: 'DuckDB',
): void {
  const inputs = facts.map((f) => {
    const parsed = parseScreeningInput(protocol, { asOf, facts: f, answers: {} });
    if (!parsed.ok) throw new Error(`invalid input: ${JSON.stringify(parsed.issues)}`);
    return parsed.input;
  });
  for (const [name, open] of engines(schema).filter(([name]) => only === undefined || name === only))
    it(`every criterion of ${inputs.length.toLocaleString('en-US')} ${who} has the fast path’s status (${name})`, async () => {
      const engine = await open();
      if (engine === undefined) {
        console.info(`${name}: not reachable, skipped`);
        return;
      }
      try {
        await expectFastPathAgreement(engine, protocol, inputs, asOf);
      } finally {
        await engine.close();
      }
    }, 120_000);
}
