import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '@eligo/core';
import { screenDocument } from '@eligo/fhir';
import { bundledProtocols } from '@eligo/protocols';
import { afterAll, describe, expect, it } from 'vitest';
import { patientBundles } from './bundles';
import { generateBulkExport } from './export';
import { DEFAULT_AS_OF } from './patient';

/**
 * The in-process path (@eligo/fhir's bundle reader, then core's screen) accepts every patient of
 * a synthetic export, mess and all, and the population it screens is not all one verdict.
 */
const dir = mkdtempSync(join(tmpdir(), 'eligo-inprocess-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the synthetic export through the in-process path', () => {
  it('screens 300 patients without refusing one, to more than one verdict in every cohort', async () => {
    generateBulkExport({ seed: 11, patients: 300, dir, filesPerType: 2 });
    const compiled = compile(readFileSync(bundledProtocols.NCT06469190, 'utf8'), {
      name: 'NCT06469190.elig',
    });
    const protocol = compiled.protocol;
    if (protocol === undefined) throw new Error('NCT06469190 does not compile');
    const refused: string[] = [];
    const verdicts = new Map<string, Set<string>>();
    let screened = 0;
    for await (const { patientId, bundle } of patientBundles(dir)) {
      const result = screenDocument(protocol, { asOf: DEFAULT_AS_OF, bundle, answers: {} }, { trace: false });
      if (!result.ok) {
        refused.push(`${patientId}: ${result.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
        continue;
      }
      screened += 1;
      for (const cohort of result.screening.cohorts) {
        const seen = verdicts.get(cohort.id) ?? new Set();
        seen.add(cohort.verdict);
        verdicts.set(cohort.id, seen);
      }
    }
    expect(refused).toEqual([]);
    expect(screened).toBe(300);
    expect([...verdicts.keys()].sort()).toEqual(['AAV', 'IgAN', 'PMN']);
    for (const [cohort, seen] of verdicts) expect(seen.size, cohort).toBeGreaterThan(1);
  });
});
