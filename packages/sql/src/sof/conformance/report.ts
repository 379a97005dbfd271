/** The suite's official report shape (test_report/test-report.schema.json of the suite). */
export interface CaseResult {
  readonly passed: boolean;
  /** Why a case was skipped (the README's `reason`). */
  readonly reason?: string;
  /** What went wrong when a case ran and failed. */
  readonly error?: string;
}

export type TestReport = Record<string, { tests: { name: string; result: CaseResult }[] }>;

/** Counts of a report: passed, skipped (not run, with a reason) and failed. */
export function countReport(report: TestReport): {
  passed: number;
  skipped: number;
  failed: number;
  total: number;
} {
  let passed = 0;
  let skipped = 0;
  let failed = 0;
  for (const { tests } of Object.values(report)) {
    for (const { result } of tests) {
      if (result.passed) passed++;
      else if (result.reason !== undefined) skipped++;
      else failed++;
    }
  }
  return { passed, skipped, failed, total: passed + skipped + failed };
}
