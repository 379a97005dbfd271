import type { DuckDBConnection } from '@duckdb/node-api';
import type { CompiledView } from '../compile';
import { identifier } from './sql';

/** A FHIR resource as it arrives: JSON with a resourceType and, usually, an id. */
export type FhirResource = { readonly resourceType: string; readonly id?: string } & Record<string, unknown>;

/** Creates `table(resource_type VARCHAR, id VARCHAR, resource JSON)`, replacing any old one. */
export async function createResourceTable(connection: DuckDBConnection, table = 'resources'): Promise<void> {
  await connection.run(
    `CREATE OR REPLACE TABLE ${identifier(table)} (resource_type VARCHAR NOT NULL, id VARCHAR, resource JSON NOT NULL)`,
  );
}

/** Adds resources to the table, each kept whole as JSON (no schema inference). */
export async function loadResources(
  connection: DuckDBConnection,
  resources: readonly FhirResource[],
  table = 'resources',
): Promise<void> {
  if (resources.length === 0) return;
  const values = resources
    .map((_, i) => `($${3 * i + 1}, $${3 * i + 2}, CAST($${3 * i + 3} AS JSON))`)
    .join(', ');
  const parameters = resources.flatMap((r) => [r.resourceType, r.id ?? null, JSON.stringify(r)]);
  await connection.run(`INSERT INTO ${identifier(table)} VALUES ${values}`, parameters);
}

/** One row of a view, with JSON columns (a view column without a type) parsed. */
export type ViewRow = Record<string, unknown>;

/** Runs a compiled view and returns its rows as plain values, columns in the view's order. */
export async function runView(connection: DuckDBConnection, view: CompiledView): Promise<ViewRow[]> {
  const reader = await connection.runAndReadAll(view.sql);
  const rows = reader.getRowObjectsJson();
  return rows.map((row) => {
    const out: ViewRow = {};
    for (const column of view.columns) {
      const value = row[column.name] ?? null;
      out[column.name] =
        column.kind === null || column.kind === 'integer64' ? parseJsonColumn(value, column.kind) : value;
    }
    return out;
  });
}

/** JSON columns come back as JSON text; BIGINT as decimal text (it may not fit a JS number). */
function parseJsonColumn(value: unknown, kind: string | null): unknown {
  if (value === null) return null;
  if (Array.isArray(value)) return value.map((v) => parseJsonColumn(v, kind));
  if (kind === 'integer64')
    return typeof value === 'string' && Number.isSafeInteger(Number(value)) ? Number(value) : value;
  return typeof value === 'string' ? JSON.parse(value) : value;
}
