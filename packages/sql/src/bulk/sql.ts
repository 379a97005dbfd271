/** A string as a SQL literal: DuckDB table functions and COPY take file paths as literals, not parameters. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A list of strings as a DuckDB list literal, `['a', 'b']`. */
export function sqlStringList(texts: readonly string[]): string {
  return `[${texts.map(sqlString).join(', ')}]`;
}

/** A table name the caller chose: plain identifiers only, so it can be spliced into SQL unquoted. */
export function tableName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name))
    throw new RangeError(`table name '${name}' is not a plain identifier (letters, digits, _)`);
  return name;
}
