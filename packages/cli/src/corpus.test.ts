import { bundledProtocols, encodedCorpus, knownGap, workedPatients } from '@eligo/protocols';
import { describe, expect, it } from 'vitest';
import { cli } from './testing/cli';

/**
 * Every encoded corpus trial's worked patients through `eligo screen`, as one NDJSON stream per
 * trial: each line's verdicts and criterion statuses are examples/expected.json's (the known gaps
 * of @eligo/protocols aside, which its own tests hold to failing).
 */
describe.each(encodedCorpus())('eligo screen %s', (id) => {
  const patients = workedPatients(id).filter((p) => knownGap(id, p.file) === undefined);

  it.skipIf(patients.length === 0)(`gives the expected verdicts and statuses`, async () => {
    const lines = patients.map((p) => JSON.stringify(p.doc)).join('\n');
    const r = await cli(['screen', bundledProtocols[id]!, '--input', 'p.ndjson', '--ndjson'], {
      'p.ndjson': lines,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            cohorts: { id: string; verdict: string; criteria: Record<string, string> }[];
          },
      );
    expect(out).toHaveLength(patients.length);
    out.forEach((s, i) => {
      const { file, expected } = patients[i]!;
      expect(Object.fromEntries(s.cohorts.map((c) => [c.id, c.verdict])), file).toEqual(expected.cohorts);
      const statuses = Object.fromEntries(
        s.cohorts.flatMap((c) => Object.entries(c.criteria).filter(([id]) => id in expected.criteria)),
      );
      expect(statuses, file).toEqual(expected.criteria);
    });
  });
});
