import { readdirSync, readFileSync } from 'node:fs';
import type { FhirResource } from '../duckdb/run';

/** One case of the HL7 SQL-on-FHIR v2 test suite (`tests/*.json`, see tests.schema.json). */
export interface SuiteCase {
  readonly title: string;
  readonly tags?: readonly string[];
  readonly view: unknown;
  readonly expect?: readonly Record<string, unknown>[];
  readonly expectCount?: number;
  readonly expectError?: boolean;
  readonly expectColumns?: readonly string[];
}

export interface SuiteFile {
  readonly file: string;
  readonly title: string;
  readonly resources: readonly FhirResource[];
  readonly tests: readonly SuiteCase[];
}

/** The vendored copy of the suite, pinned (see vendor/sql-on-fhir-v2/README.md). */
export const suiteDirectory = new URL('../../../vendor/sql-on-fhir-v2/tests/', import.meta.url);

export function loadSuite(directory: URL = suiteDirectory): SuiteFile[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((file) => {
      const json = JSON.parse(readFileSync(new URL(file, directory), 'utf8')) as Omit<SuiteFile, 'file'>;
      return { file, title: json.title, resources: json.resources, tests: json.tests };
    });
}

/** A row as text with its keys sorted, so two rows compare equal whatever their key order. */
function canonicalRow(row: Record<string, unknown>): string {
  return JSON.stringify(
    Object.fromEntries(
      Object.keys(row)
        .sort()
        .map((key) => [key, row[key]]),
    ),
  );
}

/**
 * Compares rows as the suite specifies: the same rows, in any order (a multiset), each with the
 * same columns and values. Returns null when they match, or what differs in one sentence.
 */
export function compareRows(
  actual: readonly Record<string, unknown>[],
  expected: readonly Record<string, unknown>[],
): string | null {
  const left = actual.map(canonicalRow).sort();
  const right = expected.map(canonicalRow).sort();
  if (left.length !== right.length) return `expected ${right.length} rows, got ${left.length}`;
  for (let i = 0; i < left.length; i++) {
    if (left[i] !== right[i]) {
      const missing = right.filter((row) => !left.includes(row));
      const extra = left.filter((row) => !right.includes(row));
      return `rows differ: missing ${missing.slice(0, 3).join(' ')}; unexpected ${extra.slice(0, 3).join(' ')}`;
    }
  }
  return null;
}
