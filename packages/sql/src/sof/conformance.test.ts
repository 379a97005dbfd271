import { mkdirSync, writeFileSync } from 'node:fs';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compileView } from './compile';
import { type CaseResult, countReport, type TestReport } from './conformance/report';
import { skips } from './conformance/skips';
import { compareRows, loadSuite, type SuiteCase } from './conformance/suite';
import { createResourceTable, loadResources, runView } from './duckdb/run';

/**
 * The HL7 SQL-on-FHIR v2 conformance suite, every case run through the compiler and DuckDB.
 * Writes docs/sql-on-fhir/test_report.json in the suite's report shape.
 */

const reportFile = new URL('../../../../docs/sql-on-fhir/test_report.json', import.meta.url);

/** Errors the emitted SQL raises itself (a view whose data breaks its promises), by message. */
const ownRuntimeError = /gave more than one value|must give a boolean/;

async function runCase(connection: DuckDBConnection, testCase: SuiteCase): Promise<CaseResult> {
  const compiled = compileView(testCase.view);
  if (testCase.expectError) {
    if (!compiled.ok) return { passed: true };
    try {
      const rows = await runView(connection, compiled);
      return { passed: false, error: `expected an error, got ${rows.length} rows` };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return ownRuntimeError.test(message) ? { passed: true } : { passed: false, error: message };
    }
  }
  if (!compiled.ok) return { passed: false, error: compiled.errors.map((e) => e.message).join('; ') };
  let rows: Record<string, unknown>[];
  try {
    rows = await runView(connection, compiled);
  } catch (error) {
    return { passed: false, error: error instanceof Error ? error.message : String(error) };
  }
  if (testCase.expectColumns) {
    const names = compiled.columns.map((c) => c.name);
    if (names.join(',') !== testCase.expectColumns.join(',')) {
      return {
        passed: false,
        error: `expected columns ${testCase.expectColumns.join(', ')}, got ${names.join(', ')}`,
      };
    }
  }
  if (testCase.expectCount !== undefined && rows.length !== testCase.expectCount) {
    return { passed: false, error: `expected ${testCase.expectCount} rows, got ${rows.length}` };
  }
  if (testCase.expect) {
    const difference = compareRows(rows, testCase.expect);
    if (difference) return { passed: false, error: difference };
  }
  return { passed: true };
}

const suite = loadSuite();
const results = new Map<string, CaseResult>();
const key = (file: string, title: string) => `${file} › ${title}`;
let instance: DuckDBInstance;
let connection: DuckDBConnection;
let elapsed = 0;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
});

afterAll(() => {
  connection?.closeSync();
  // The report lists files and cases in the suite's order, whatever order the cases ran in.
  const report: TestReport = {};
  for (const file of suite) {
    const tests = file.tests.flatMap((t) => {
      const result = results.get(key(file.file, t.title));
      return result ? [{ name: t.title, result }] : [];
    });
    if (tests.length > 0) report[file.file] = { tests };
  }
  const counts = countReport(report);
  // Only a complete run rewrites the committed report (a filtered run would shrink it).
  if (counts.total === suite.reduce((n, file) => n + file.tests.length, 0)) {
    mkdirSync(new URL('.', reportFile), { recursive: true });
    writeFileSync(reportFile, `${JSON.stringify(report, null, 2)}\n`);
  }
  console.info(
    `sql-on-fhir v2: ${counts.passed} passed, ${counts.skipped} skipped, ${counts.failed} failed of ${counts.total}; ` +
      `compile + run ${elapsed.toFixed(0)} ms`,
  );
});

for (const file of suite) {
  describe(file.file, () => {
    beforeAll(async () => {
      await createResourceTable(connection);
      await loadResources(connection, file.resources);
    });

    for (const testCase of file.tests) {
      const reason = skips[key(file.file, testCase.title)];
      const record = (result: CaseResult) => results.set(key(file.file, testCase.title), result);
      if (reason) {
        record({ passed: false, reason: `skipped: ${reason}` });
        test.skip(`${testCase.title} (${reason})`, () => {});
        continue;
      }
      test(testCase.title, async () => {
        const started = performance.now();
        const result = await runCase(connection, testCase);
        elapsed += performance.now() - started;
        record(result);
        expect(result.error ?? null).toBeNull();
        expect(result.passed).toBe(true);
      });
    }
  });
}
