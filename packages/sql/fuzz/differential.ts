import {
  type CompiledProtocol,
  dayFromIso,
  formatDay,
  PopulationBuilder,
  parseScreeningInput,
  protocolToSql,
  type ScreeningInput,
  screen,
} from '@eligo/core';
import { duckDbEngine, type SqlEngine } from '../src/engines/engine';

/**
 * Generated patients screened by the SQL path (DuckDB) and by the fast path: every criterion that
 * compiles must get the same status. The patients come from core's fuzz generator, which writes
 * each element's facts in roughly the shapes the schema takes (partial and impossible dates,
 * comparators, foreign units, reference ranges, every record status) and now and then not.
 */

/** One criterion of one patient on which two paths differ, or a query that failed. */
export interface Disagreement {
  readonly criterion: string;
  /** The path compared with the fast path. */
  readonly path: 'SQL' | 'explaining' | 'population';
  /** Its status and the fast path's, as the evaluators write them: 0 not met, 1 met, 2 unknown. */
  readonly status?: number;
  readonly fast?: number;
  readonly failure?: string;
  readonly input: { readonly asOf: string; readonly facts: unknown };
}

// The query's ordinal (0 not met, 1 unknown, 2 met) as the evaluators' Tri (0 not met, 1 met, 2 unknown).
const TRI = [0, 2, 1];

/**
 * Numbers as a record could hold them: 0, or between 1e-3 and 1e5 in size, three decimals. The
 * generator's extremes (5e-324, 1e308) overflow PostgreSQL's DOUBLE arithmetic, which raises an
 * error where DuckDB and the fast path give infinity (docs/sql.md).
 */
export function plausible(value: unknown): unknown {
  if (typeof value === 'number') {
    if (value === 0 || !Number.isFinite(value)) return 0;
    const size = Math.abs(value);
    const inRange = size < 1e-3 || size > 1e5 ? (Math.abs(Math.log(size)) * 7.3) % 500 : size;
    return Math.sign(value) * (Math.round(inRange * 1000) / 1000);
  }
  if (Array.isArray(value)) return value.map(plausible);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plausible(v)]));
  return value;
}

/**
 * Full dates moved to days spread over the three years before the screening date and the month
 * after it (the generator's own are a dozen fixed days), so that windows and series meet their
 * edges: `within 14 days`, `fell by … within 3 months`, a birthday. Partial and impossible dates
 * stay. `random` draws in [0, 1).
 */
export function spreadDates(value: unknown, asOf: string, random: () => number): unknown {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && random() < 0.8) {
    const day = dayFromIso(asOf);
    // Often near the edges that matter: within a few days of 14 days, 3 months, a year ago.
    const edge = [0, 1, 13, 14, 15, 28, 29, 89, 90, 91, 92, 182, 364, 365, 366][Math.floor(random() * 15)]!;
    const before = random() < 0.5 ? edge : Math.floor(random() * 1125) - 30;
    return Number.isNaN(day) ? value : formatDay(day - before);
  }
  if (Array.isArray(value)) return value.map((v) => spreadDates(v, asOf, random));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, spreadDates(v, asOf, random)]));
  return value;
}

/** Plausible numbers, and the full dates spread around the screening date (one patient). */
export function plausibleSpread(raw: unknown, random: () => number): unknown {
  const r = plausible(raw) as { asOf: string; facts: unknown };
  return { ...r, facts: spreadDates(r.facts, r.asOf, random) };
}

/** One population per screening date: a query is for one date. */
function byScreeningDate(inputs: readonly ScreeningInput[]): Map<string, ScreeningInput[]> {
  const byDate = new Map<string, ScreeningInput[]>();
  for (const input of inputs) {
    const group = byDate.get(input.asOf);
    if (group) group.push(input);
    else byDate.set(input.asOf, [input]);
  }
  return byDate;
}

/**
 * Generated inputs as a population has them: no answers (no one to ask), and the facts the
 * schema refuses left out (each issue names its element), so the rest of the patient is kept.
 */
export function populationInputs(protocol: CompiledProtocol, raws: readonly unknown[]): ScreeningInput[] {
  const readable = new Set(
    protocol.info.elements.filter((e) => e.kind !== 'define' && e.kind !== 'question').map((e) => e.id),
  );
  const inputs: ScreeningInput[] = [];
  for (const raw of raws) {
    const r = structuredClone(raw) as { asOf: string; facts: Record<string, unknown>; answers: unknown };
    r.answers = {};
    for (const id of Object.keys(r.facts)) if (!readable.has(id)) delete r.facts[id];
    let parsed = parseScreeningInput(protocol, r);
    for (let tries = 0; !parsed.ok && tries < 5; tries++) {
      let dropped = false;
      for (const issue of parsed.issues) {
        const element = /^facts\.([^.]+)/.exec(issue.path)?.[1];
        if (element !== undefined && element in r.facts) {
          delete r.facts[element];
          dropped = true;
        }
      }
      if (!dropped) break;
      parsed = parseScreeningInput(protocol, r);
    }
    if (parsed.ok) inputs.push({ ...parsed.input, answers: {} });
  }
  return inputs;
}

/**
 * Screens the inputs both ways, one query per screening date, and lists where they differ. The
 * engine is DuckDB in memory unless one is given (its input tables are emptied first).
 */
export async function disagreements(
  protocol: CompiledProtocol,
  inputs: readonly ScreeningInput[],
  given?: SqlEngine,
): Promise<Disagreement[]> {
  const byDate = byScreeningDate(inputs);
  const found: Disagreement[] = [];
  const engine = given ?? (await duckDbEngine());
  try {
    for (const [asOf, group] of byDate) {
      await engine.clear();
      const builder = new PopulationBuilder(protocol.info, asOf);
      for (const input of group) builder.add(input.facts ?? {});
      await engine.load(builder.build());
      const query = protocolToSql(protocol, {
        dialect: engine.dialect,
        asOf,
        units: await engine.units(),
        partial: true,
      });
      if (!query.ok) throw new Error('a partial compile always gives a query');
      const skipped = new Set(query.skipped.map((p) => p.criterion));
      let rows: Awaited<ReturnType<SqlEngine['rows']>>;
      try {
        rows = await engine.rows(query.sql);
      } catch (error) {
        found.push({
          criterion: '(query)',
          path: 'SQL',
          failure: String(error).split('\n')[0]!,
          input: { asOf, facts: group.map((g) => g.facts) },
        });
        continue;
      }
      group.forEach((input, i) => {
        const fast = protocol.evaluate(input).statuses;
        query.criteria.forEach((k, c) => {
          if (skipped.has(k.id) || k.heading) return;
          const sql = TRI[rows[i]![k.column] as number];
          if (sql !== fast[c])
            found.push({
              criterion: k.id,
              path: 'SQL',
              status: sql,
              fast: fast[c],
              input: { asOf, facts: input.facts },
            });
        });
      });
    }
  } finally {
    if (given === undefined) await engine.close();
  }
  return found;
}

const STATUS: Readonly<Record<string, number>> = { not_met: 0, met: 1, unknown: 2 };

/**
 * The in-process paths on the same inputs: the explaining path's and the population path's status
 * of every criterion against the fast path's (one population batch per screening date).
 */
export function inProcessDisagreements(
  protocol: CompiledProtocol,
  inputs: readonly ScreeningInput[],
): Disagreement[] {
  const byDate = byScreeningDate(inputs);
  const found: Disagreement[] = [];
  const n = protocol.criteria.length;
  for (const [asOf, group] of byDate) {
    const builder = new PopulationBuilder(protocol.info, asOf);
    for (const input of group) builder.add(input.facts ?? {});
    const population = protocol.population(builder.build(), { statuses: true }).statuses!;
    group.forEach((input, p) => {
      const fast = protocol.evaluate(input).statuses;
      const explained = new Map(
        screen(protocol, input).cohorts.flatMap((k) => k.criteria.map((c) => [c.id, STATUS[c.status]])),
      );
      protocol.criteria.forEach((c, k) => {
        if (c.info.heading) return;
        const at = { criterion: c.info.id, fast: fast[k], input: { asOf, facts: input.facts } };
        const e = explained.get(c.info.id);
        if (e !== undefined && e !== fast[k]) found.push({ ...at, path: 'explaining', status: e });
        if (population[p * n + k] !== fast[k])
          found.push({ ...at, path: 'population', status: population[p * n + k] });
      });
    });
  }
  return found;
}
