/** Small DuckDB SQL text helpers shared by the path and select emitters. */

/** A SQL string literal. */
export const text = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/** A quoted identifier; `schema.table` quotes each part. */
export const identifier = (name: string): string =>
  name
    .split('.')
    .map((part) => `"${part.replaceAll('"', '""')}"`)
    .join('.');

/** A DuckDB JSON path selecting one object key, quoted so any key name is safe. */
export const keyPath = (key: string): string =>
  text(`$."${key.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`);

export const emptyList = '[]::JSON[]';

export const numericJson = "('BIGINT', 'UBIGINT', 'DOUBLE', 'HUGEINT')";

/** Names for lambda variables and FROM aliases, unique within one compiled query. */
export class Names {
  private count = 0;
  next(prefix: string): string {
    this.count += 1;
    return `${prefix}${this.count}`;
  }
}

/**
 * Binds `value` to a lambda variable for `body`: DuckDB has no LET, and writing an
 * expression twice doubles the SQL at every level of nesting.
 */
export function bind(names: Names, value: string, body: (variable: string) => string): string {
  const v = names.next('_v');
  return `list_transform([${value}], lambda ${v}: ${body(v)})[1]`;
}
