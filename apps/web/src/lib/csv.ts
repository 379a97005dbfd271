/**
 * CSV as RFC 4180 has it (CRLF between records; a field with a comma, quote or line break is
 * quoted, its quotes doubled), and safe to open in a spreadsheet: a cell that starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a formula there (OWASP "CSV
 * injection"), so it gets a leading apostrophe. Token names are typed by people; they reach this.
 */
export function csvText(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function csvCell(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/**
 * The file's bytes as text: a byte order mark first, without which Excel reads UTF-8 as the
 * system's legacy code page and mangles accented names.
 */
export function csvFile(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${csvText(rows)}`;
}
