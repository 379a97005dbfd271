import { readFileSync } from 'node:fs';
import { compile, createFunnel } from '@eligo/core';
import { readDocument } from '@eligo/fhir';
import { examplePath, readProtocolSource } from '@eligo/protocols';
import { describe, expect, it } from 'vitest';
import { runLocally } from './run-local';
import { fromGain, recount, verdictsFromStatusesAgree } from './what-if';

const AS_OF = '2025-06-01';
const source = readProtocolSource('NCT06469190');
const { protocol } = compile(source.text, { name: source.name });
const examples = ['eligible-igan.json', 'ineligible-pmn.json'].map(
  (f) => JSON.parse(readFileSync(examplePath('NCT06469190', f), 'utf8')) as { bundle: { entry: unknown[] } },
);

/** 60 patients: the two examples with different records left out of each, so statuses vary. */
const docs = Array.from({ length: 60 }, (_, i) => {
  const doc = structuredClone(examples[i % 2]!);
  doc.bundle.entry = doc.bundle.entry.filter((_, e) => e === 0 || (e * 7 + i) % 5 !== 0);
  return doc;
});
const ndjson = [...docs.map((d) => JSON.stringify(d)), 'not json'].join('\n');

function coreFunnel() {
  const funnel = createFunnel(protocol!.info);
  for (const doc of docs) {
    const read = readDocument(protocol!, { ...doc, asOf: AS_OF });
    if (!read.ok) throw new Error('an example variant does not read');
    const input = { ...read.input, answers: {} };
    funnel.add({ verdicts: protocol!.verdicts(input), statuses: protocol!.evaluate(input).statuses });
  }
  return funnel.result();
}

describe('feasibility in the browser', () => {
  const progress: number[] = [];
  const run = runLocally(source.text, source.name, AS_OF, ndjson, (p) => progress.push(p.done));

  it("counts on core's population path the funnel of single screenings, progress reaching every line", () => {
    expect(run.funnel).toEqual(coreFunnel());
    expect(run.patients).toBe(60);
    expect(run.unread).toBe(1);
    expect(run.unreadLines).toEqual([{ line: 61, paths: [''] }]);
    expect(progress.at(-1)).toBe(61);
  });

  it('recounts from statuses the verdicts the run gave, so a dropped criterion is recounted exactly', () => {
    expect(verdictsFromStatusesAgree(protocol!.info, run)).toBe(true);
    const untouched = recount(protocol!.info, run, new Set(['no such criterion']));
    expect(untouched.map(({ basis: _b, ...c }) => c)).toEqual(run.funnel.cohorts);
  });
});

/** A trial without questions, so that a population can be eligible and a criterion can hold patients back alone. */
const SMALL = `trial FEAS-1 "A small feasibility trial"
version "1"

patient birth_date "Date of birth" from birthDate
define age_years "Age in completed years" = age(birth_date)
lab wbc "White blood cell count" in 10*9/L from loinc 6690-2

inclusion
  IN-1 "Adult"
    source "Age 18 years or over"
    met if age_years >= 18

exclusion
  EX-1 "Leukocytosis"
    source "White blood cell count above 11 x 10^9/L"
    met if wbc > 11 10*9/L

cohort A "Cohort A"
  inclusion
    A-IN-1 "WBC at least 3"
      source "White blood cell count of 3 x 10^9/L or more"
      met if wbc >= 3 10*9/L
`;

describe('what if a criterion were dropped', () => {
  let seed = 11;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const people = Array.from({ length: 200 }, () => {
    const facts: Record<string, unknown> = {};
    if (random() < 0.85) facts.birth_date = `${1940 + Math.floor(random() * 75)}-06-01`;
    if (random() < 0.8)
      facts.wbc = [{ value: Math.round(random() * 250) / 10, unit: '10*9/L', date: '2025-05-01' }];
    return { facts };
  });
  const compiled = compile(SMALL, { name: 'FEAS-1.elig' });
  const run = runLocally(SMALL, 'FEAS-1.elig', AS_OF, people.map((p) => JSON.stringify(p)).join('\n'));

  it('recounts the verdicts the run gave when nothing is dropped', () => {
    expect(compiled.ok).toBe(true);
    expect(run.unread).toBe(0);
    expect(verdictsFromStatusesAgree(compiled.protocol!.info, run)).toBe(true);
  });

  it('gives, for each criterion dropped, exactly the eligible count the gain predicts, and every count', () => {
    const info = compiled.protocol!.info;
    const cohort = run.funnel.cohorts[0]!;
    expect(cohort.eligible).toBeGreaterThan(0);
    expect(Math.max(...cohort.criteria.map((c) => c.gain))).toBeGreaterThan(0);
    for (const criterion of cohort.criteria) {
      const exact = recount(info, run, new Set([criterion.id]))[0]!;
      expect(exact.basis).toBe('exact');
      expect(exact.eligible, criterion.id).toBe(cohort.eligible + criterion.gain);
      expect(exact.eligible + exact.ineligible + exact.undetermined).toBe(cohort.total);
      expect(exact.criteria.map((c) => c.id)).not.toContain(criterion.id);
      const approx = fromGain(run.funnel, criterion.id)[0]!;
      expect(approx.basis).toBe('eligible-only');
      expect(approx.eligible).toBe(exact.eligible);
    }
    // Dropped one by one, the counts are those of a protocol written without the criterion.
    const without = SMALL.replace(/exclusion\n {2}EX-1[^\n]*\n[^\n]*\n[^\n]*\n\n/, '');
    const rerun = runLocally(without, 'FEAS-1.elig', AS_OF, people.map((p) => JSON.stringify(p)).join('\n'));
    const { basis: _b, ...recounted } = recount(info, run, new Set(['EX-1']))[0]!;
    expect(recounted).toEqual(rerun.funnel.cohorts[0]);
  });
});
