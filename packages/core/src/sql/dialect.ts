/**
 * The SQL engines a protocol compiles for. The query is written in the subset they share (CTEs,
 * CASE, window functions, LEFT JOIN, VALUES lists, LEAST/GREATEST over values that are never NULL);
 * the few places they differ are here.
 */
export const SQL_DIALECTS = ['duckdb', 'postgres', 'spark', 'trino'] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

/**
 * A common table expression's head. PostgreSQL (12 and later) otherwise folds each CTE read once
 * into the query that reads it, and then plans NCT06469190's hundred and sixty CTEs as one join
 * problem: 15 s of planning for 20,000 patients, against 0.2 s with each planned on its own. The
 * query reads every CTE whole, so computing each once loses nothing.
 */
export function cteHead(dialect: SqlDialect, name: string): string {
  return dialect === 'postgres' ? `${name} AS MATERIALIZED (` : `${name} AS (`;
}

/**
 * What a session must set before running the query, per engine. PostgreSQL: compiling a
 * screening query's many CASE expressions to machine code (JIT) took 184 s of CPU for a query
 * that runs in 10 s without it (20,000 patients, PostgreSQL 15); and with each CTE planned on its own (cteHead) it guesses one patient where a
 * filtered CTE keeps thousands, then reads a whole table once per patient in a nested loop (133 s
 * against 10 s with hash joins only, 20,000 patients). Every join is on the patient number,
 * which a hash join serves.
 */
export function sessionSettings(dialect: SqlDialect): readonly string[] {
  return dialect === 'postgres' ? ['SET jit = off', 'SET enable_nestloop = off'] : [];
}

/** A string literal. Spark reads backslashes in literals as escapes, the others do not. */
export function literal(dialect: SqlDialect, value: string): string {
  const quoted = value.replaceAll("'", "''");
  return `'${dialect === 'spark' ? quoted.replaceAll('\\', '\\\\') : quoted}'`;
}

/** A number literal; integers stay integers so that day arithmetic stays exact. */
export function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`no SQL literal for ${value}`);
  return Number.isInteger(value) ? String(value) : value.toExponential(17).replace(/\.?0+e/, 'e');
}

/** A DOUBLE literal (a converted value or limit): typed, so that integer division never applies. */
export function doubleLiteral(dialect: SqlDialect, value: number): string {
  const text = Number.isInteger(value) ? `${value}.0` : numberLiteral(value);
  return dialect === 'postgres' ? `${text}::float8` : `CAST(${text} AS DOUBLE)`;
}

/** Positive or negative infinity as a DOUBLE. */
export function infinity(dialect: SqlDialect, sign: 1 | -1): string {
  if (dialect === 'trino') return sign > 0 ? 'infinity()' : '-infinity()';
  const text = sign > 0 ? 'Infinity' : '-Infinity';
  return dialect === 'postgres' ? `'${text}'::float8` : `CAST('${text}' AS DOUBLE)`;
}

/**
 * `x` rounded to 12 significant digits (units/exact.ts round12): conversion residue such as
 * 4.199999999999999 must not flip a threshold in SQL either. NULL stays NULL (an open end).
 */
export function round12(dialect: SqlDialect, x: string): string {
  const digits = `11 - CAST(FLOOR(LOG10(ABS(${x}))) AS INTEGER)`;
  const rounded =
    dialect === 'postgres' ? `ROUND((${x})::numeric, ${digits})::float8` : `ROUND(${x}, ${digits})`;
  // Zero has no logarithm, and an infinite value (1e308 converted, or three times it) has no
  // digits: both stay as they are, as in round12; `x * 0 = 0` is false for ±∞ and NaN alone.
  return `(CASE WHEN ${x} = 0 OR NOT (${x} * 0 = 0) THEN ${x} ELSE ${rounded} END)`;
}

/** Floor of an integer difference of calendar keys divided by 10000 (completed years). */
export function yearsBetween(birthKey: string, onKey: string): string {
  return `CAST(FLOOR((${onKey} - ${birthKey}) / 10000.0) AS INTEGER)`;
}

/** The calendar key (`yyyy*10000 + mm*100 + dd`) of a day number. */
export function dayToKey(dialect: SqlDialect, day: string): string {
  const date =
    dialect === 'spark'
      ? `DATE_ADD(DATE '1970-01-01', ${day})`
      : dialect === 'trino'
        ? `DATE_ADD('day', ${day}, DATE '1970-01-01')`
        : `(DATE '1970-01-01' + CAST(${day} AS INTEGER))`;
  // Spark's own functions: its parser in older releases lacks EXTRACT.
  const part = (p: string) =>
    dialect === 'spark' ? `CAST(${p}(${date}) AS INT)` : `CAST(EXTRACT(${p} FROM ${date}) AS INTEGER)`;
  return `(${part('YEAR')} * 10000 + ${part('MONTH')} * 100 + ${part('DAY')})`;
}

/**
 * The day number `months` calendar months after day number `day` (time/dates.ts addMonths): the
 * day of the month kept, or the month's last day where it has fewer, as every engine's month
 * arithmetic does.
 */
export function addMonthsSql(dialect: SqlDialect, day: string, months: number): string {
  switch (dialect) {
    case 'spark':
      return `DATEDIFF(ADD_MONTHS(DATE_ADD(DATE '1970-01-01', ${day}), ${months}), DATE '1970-01-01')`;
    case 'trino':
      return `DATE_DIFF('day', DATE '1970-01-01', DATE_ADD('month', ${months}, DATE_ADD('day', ${day}, DATE '1970-01-01')))`;
    default:
      return `CAST(CAST((DATE '1970-01-01' + CAST(${day} AS INTEGER)) + INTERVAL '${months} months' AS DATE) - DATE '1970-01-01' AS INTEGER)`;
  }
}

/** A NULL of a type, where an untyped one would take the wrong type (PostgreSQL reads it as text). */
export function typedNull(dialect: SqlDialect, type: 'double' | 'text'): string {
  if (dialect === 'postgres') return type === 'double' ? 'NULL::float8' : 'NULL::text';
  return `CAST(NULL AS ${type === 'double' ? 'DOUBLE' : dialect === 'spark' ? 'STRING' : 'VARCHAR'})`;
}

/** `x` as a DOUBLE: an exact decimal becomes the nearest double, as a literal in the source would. */
export function asDouble(dialect: SqlDialect, x: string): string {
  return dialect === 'postgres' ? `CAST(${x} AS float8)` : `CAST(${x} AS DOUBLE)`;
}

/**
 * A row per whole day from `first` to `last` (both included, `first <= last`) for each row of
 * `source`, the day as column `day`: each engine has its own series function.
 */
export function eachDay(
  dialect: SqlDialect,
  columns: string,
  source: string,
  first: string,
  last: string,
): string {
  switch (dialect) {
    case 'duckdb':
      return `SELECT ${columns}, UNNEST(generate_series(${first}, ${last})) AS day FROM ${source}`;
    case 'postgres':
      return `SELECT ${columns}, generate_series(${first}, ${last}) AS day FROM ${source}`;
    case 'spark':
      return `SELECT ${columns}, EXPLODE(SEQUENCE(${first}, ${last})) AS day FROM ${source}`;
    case 'trino':
      return `SELECT ${columns}, g.day FROM ${source} CROSS JOIN UNNEST(SEQUENCE(${first}, ${last})) AS g(day)`;
  }
}

/**
 * A constant table as a FROM item named `alias` with the given columns: a VALUES list, or for
 * Spark, whose parsers disagree on VALUES in FROM, its INLINE generator over structs (whose fields
 * it names col1, col2, …).
 */
export function constantRows(
  dialect: SqlDialect,
  alias: string,
  columns: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  if (dialect === 'spark') {
    const named = columns.map((c, i) => `col${i + 1} AS ${c}`).join(', ');
    const structs = rows.map((r) => `STRUCT(${r.join(', ')})`).join(',\n');
    return `(SELECT ${named} FROM (SELECT INLINE(ARRAY(${structs})))) ${alias}`;
  }
  return `(VALUES ${rows.map((r) => `(${r.join(', ')})`).join(',\n')}) AS ${alias}(${columns.join(', ')})`;
}
