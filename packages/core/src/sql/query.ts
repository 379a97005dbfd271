import type { CompiledProtocol } from '../compile';
import { dayFromIso, dayKey } from '../time/dates';
import { NotCompilable, SqlContext } from './context';
import { cteHead, type SqlDialect } from './dialect';
import { sqlRule } from './rules';
import { DEFAULT_TABLES, type SqlTableNames } from './tables';

export interface SqlCompileOptions {
  readonly dialect: SqlDialect;
  /** The screening date, YYYY-MM-DD: thresholds that depend on it are worked out at compile time. */
  readonly asOf: string;
  readonly tables?: SqlTableNames;
  /**
   * The units each lab's and test's results, and each medication's doses, are given in
   * (`unitsInDataSql`): their conversions come from UCUM here and are written into the query.
   * A unit not listed is a unit that does not convert.
   */
  readonly units?: Readonly<Record<string, readonly string[]>>;
  /**
   * Compile what can be, with every criterion that cannot be left unknown for every patient and
   * listed in `skipped`: counts that say which criteria they do not cover, instead of none.
   */
  readonly partial?: boolean;
}

/** A criterion the query cannot compute, and why. */
export interface SqlProblem {
  readonly criterion: string;
  readonly message: string;
}

export interface SqlCriterionColumn {
  readonly id: string;
  readonly kind: 'inclusion' | 'exclusion';
  readonly heading: boolean;
  /** The result column holding the status ordinal (0 not met, 1 unknown, 2 met). */
  readonly column: string;
}

export interface SqlQuery {
  readonly ok: true;
  readonly dialect: SqlDialect;
  /** The CTEs, each ending with a comma, for queries built on `screened`. */
  readonly with: string;
  /** One row per patient: pid, ref, each criterion's status, each cohort's verdict. */
  readonly sql: string;
  readonly criteria: readonly SqlCriterionColumn[];
  /** Verdict columns: 0 ineligible, 1 eligible, 2 undetermined (population/screen.ts VERDICT_CODES). */
  readonly cohorts: readonly {
    readonly id: string;
    readonly column: string;
    readonly members: readonly number[];
  }[];
  /** With `partial`: the criteria left unknown, and why. */
  readonly skipped: readonly SqlProblem[];
}

export type SqlCompileResult = SqlQuery | { readonly ok: false; readonly problems: readonly SqlProblem[] };

/** One line of a SQL comment: the text as written, on one line. */
function comment(text: string): string {
  return `-- ${text.replace(/[\r\n\u2028\u2029]+/g, ' ')}`;
}

/**
 * A protocol as one SQL query: a CTE per reading and per criterion (commented with its id, title
 * and source sentence), giving per patient every criterion's status and each cohort's verdict.
 * Criteria using a construct with no SQL form are reported, each with the reason, and no query is
 * given: a partial query would answer differently from the other paths.
 */
export function protocolToSql(protocol: CompiledProtocol, options: SqlCompileOptions): SqlCompileResult {
  const tables = options.tables ?? DEFAULT_TABLES;
  const asOf = dayFromIso(options.asOf);
  const ctx = new SqlContext(options.dialect, tables, options.asOf, asOf, dayKey(asOf), options.units ?? {});
  const problems: SqlProblem[] = [];
  const criteria: SqlCriterionColumn[] = [];
  const criterionCtes: { name: string; comment: string[]; body: string }[] = [];
  for (const c of protocol.criteria) {
    const column = `c${c.index + 1}`;
    criteria.push({ id: c.info.id, kind: c.info.kind, heading: c.info.heading, column });
    if (c.rule === undefined) continue;
    const joins = new Set<string>();
    let expr: string;
    try {
      expr = sqlRule(c.rule, ctx, joins);
    } catch (e) {
      if (!(e instanceof NotCompilable)) throw e;
      problems.push({
        criterion: c.info.id,
        message: `${c.info.id} cannot be compiled to SQL: ${e.message} has no SQL form yet`,
      });
      continue;
    }
    const from = [`FROM ${tables.patient} p`, ...[...joins].map((j) => `LEFT JOIN ${j} ON ${j}.pid = p.pid`)];
    criterionCtes.push({
      name: `${column}_s`,
      comment: [
        `${c.info.id}${c.info.title ? ` ${c.info.title}` : ''} (${c.info.kind})`,
        ...(c.info.source ? [`source: ${c.info.source}`] : []),
      ],
      body: `SELECT p.pid, ${expr} AS s\n${from.join('\n')}`,
    });
  }
  if (problems.length > 0 && options.partial !== true) return { ok: false, problems };

  const cohorts = protocol.cohorts.map((k, i) => ({
    id: k.info.id,
    column: `v${i + 1}`,
    members: k.members.filter((m) => !protocol.criteria[m]!.info.heading),
  }));
  const withRule = new Set(criterionCtes.map((c) => c.name));
  const status = (index: number) => {
    const name = `c${index + 1}_s`;
    return withRule.has(name) ? `COALESCE(${name}.s, 1)` : '1';
  };
  const verdict = (members: readonly number[]) => {
    const out = members.map(
      (m) => `${status(m)} = ${protocol.criteria[m]!.info.kind === 'exclusion' ? 2 : 0}`,
    );
    const open = members.map((m) => `${status(m)} = 1`);
    if (members.length === 0) return '1';
    return `CASE WHEN ${out.join(' OR ')} THEN 0 WHEN ${open.join(' OR ')} THEN 2 ELSE 1 END`;
  };
  const screened = [
    `SELECT p.pid, p.ref,`,
    ...protocol.criteria.map((c) => `  ${status(c.index)} AS c${c.index + 1},`),
    cohorts.map((k) => `  ${verdict(k.members)} AS ${k.column}`).join(',\n'),
    `FROM ${tables.patient} p`,
    ...[...withRule].map((n) => `LEFT JOIN ${n} ON ${n}.pid = p.pid`),
  ].join('\n');
  const all = [
    ...ctx.ctes.map((c) => ({ ...c, body: typeof c.body === 'function' ? c.body() : c.body })),
    ...criterionCtes,
    { name: 'screened', comment: ['one row per patient'], body: screened },
  ];
  const withText = `WITH\n${all
    .map(
      (c) =>
        `${c.comment.map(comment).join('\n')}${c.comment.length ? '\n' : ''}${cteHead(options.dialect, c.name)}\n${indent(c.body)}\n)`,
    )
    .join(',\n')}\n`;
  return {
    ok: true,
    dialect: options.dialect,
    with: withText,
    sql: `${withText}SELECT * FROM screened ORDER BY pid`,
    criteria,
    cohorts,
    skipped: problems,
  };
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
