import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile';
import { PopulationBuilder } from '../src/population/builder';
import { generateBatchScreen } from '../src/population/generate';
import { VERDICT_CODES } from '../src/population/screen';
import { parseScreeningInput } from '../src/screen/input';
import { screen } from '../src/screen/screen';
import type { Status, Verdict } from '../src/screen/types';

/**
 * The conformance suite: every case in `cases/*.json` (a small protocol, one patient, the expected
 * status of each criterion, the missing elements of the unknown ones and each cohort's verdict)
 * runs through the explaining evaluator and through the verdict-only fast path.
 */
interface Case {
  name: string;
  note?: string;
  criteria: string;
  asOf: string;
  facts: Record<string, unknown>;
  answers: Record<string, unknown>;
  expect: {
    criteria: Record<string, Status>;
    missing: Record<string, string[]>;
    verdicts: Record<string, Verdict>;
    warnings?: string[];
  };
  /** Paths this case does not apply to, each with the reason. */
  skip?: { explaining?: string; fast?: string };
}

const files = import.meta.glob<Case>('./cases/*.json', { eager: true, import: 'default' });
const cases = Object.entries(files).map(([file, c]) => ({ file: file.replace('./cases/', ''), ...c }));
const STATUS = ['not_met', 'met', 'unknown'] as const;

function load(c: Case) {
  const { protocol, diagnostics } = compile(c.criteria, { name: c.name });
  const errors = diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.start?.line}:${d.start?.column} ${d.message}`);
  expect(errors).toEqual([]);
  // Through the protocol's own input schema, as the CLI and the API take it.
  const parsed = parseScreeningInput(protocol!, { asOf: c.asOf, facts: c.facts, answers: c.answers });
  if (!parsed.ok) throw new Error(`invalid input: ${JSON.stringify(parsed.issues)}`);
  return { protocol: protocol!, input: parsed.input };
}

it('has at least 40 cases', () => {
  expect(cases.length).toBeGreaterThanOrEqual(40);
});

describe('explaining path', () => {
  for (const c of cases) {
    it.skipIf(c.skip?.explaining !== undefined)(`${c.file}: ${c.name}`, () => {
      const { protocol, input } = load(c);
      const screening = screen(protocol, input);
      const statuses: Record<string, Status> = {};
      const missing: Record<string, string[]> = {};
      for (const cohort of screening.cohorts) {
        for (const r of cohort.criteria) {
          statuses[r.id] = r.status;
          if (r.status === 'unknown') missing[r.id] = [...r.missing].sort();
          else expect(r.missing, `${r.id} is decided, so nothing is missing`).toEqual([]);
          expect(r.explanation.length).toBeGreaterThan(0);
        }
      }
      expect(statuses).toEqual(c.expect.criteria);
      const expectedMissing = Object.fromEntries(
        Object.entries(c.expect.missing).map(([k, v]) => [k, [...v].sort()]),
      );
      // Unknown criteria not listed in the case must say what is missing; listed ones must match.
      for (const [id, list] of Object.entries(missing)) {
        if (id in expectedMissing) expect(list, id).toEqual(expectedMissing[id]);
        else expect(list.length, `${id} lists what would decide it`).toBeGreaterThan(0);
      }
      expect(Object.fromEntries(screening.cohorts.map((k) => [k.id, k.verdict]))).toEqual(c.expect.verdicts);
      if (c.expect.warnings) expect(screening.warnings.map((w) => w.code)).toEqual(c.expect.warnings);
    });
  }
});

describe('fast path', () => {
  for (const c of cases) {
    it.skipIf(c.skip?.fast !== undefined)(`${c.file}: ${c.name}`, () => {
      const { protocol, input } = load(c);
      const verdicts = protocol.verdicts(input);
      expect(Object.fromEntries(protocol.info.cohorts.map((k, i) => [k.id, verdicts[i]]))).toEqual(
        c.expect.verdicts,
      );
      const { statuses } = protocol.evaluate(input);
      const byId: Record<string, Status> = {};
      protocol.criteria.forEach((k, i) => {
        if (!k.info.heading) byId[k.info.id] = STATUS[statuses[i]!]!;
      });
      const expected = Object.fromEntries(
        Object.entries(c.expect.criteria).filter(
          ([id]) => !protocol.criteria.find((k) => k.info.id === id)?.info.heading,
        ),
      );
      expect(byId).toEqual(expected);
    });
  }
});

describe('generated population code', () => {
  // A fault of the generator throws instead of falling back to closures, so every protocol of
  // the suite must generate: the population path's fast form is what it runs.
  for (const c of cases) {
    it(`${c.file}: generates`, () => {
      const { protocol } = load(c);
      expect(typeof generateBatchScreen(protocol.criteria, protocol.cohorts)).toBe('function');
    });
  }
});

describe('population path', () => {
  // Each case's patient sits between an empty patient and a copy of itself, so that a batch's
  // offsets are exercised. A population has no answers: statuses must equal the fast path's on
  // the same facts without answers, and the case's own expectations when it has none.
  for (const c of cases) {
    it.skipIf(c.skip?.fast !== undefined)(`${c.file}: ${c.name}`, () => {
      const { protocol, input } = load(c);
      const builder = new PopulationBuilder(protocol.info, input.asOf);
      builder.add({});
      builder.add(input.facts ?? {});
      builder.add(input.facts ?? {});
      const batch = builder.build();
      expect(builder.problems).toEqual([]);
      const result = protocol.population(batch, { statuses: true });
      const unanswered = { ...input, answers: {} };
      const expected = Array.from(protocol.evaluate(unanswered).statuses);
      const n = protocol.criteria.length;
      for (const i of [1, 2]) {
        expect(Array.from(result.statuses!.slice(i * n, (i + 1) * n))).toEqual(expected);
        const verdicts = Array.from(result.verdicts.slice(i * result.cohorts, (i + 1) * result.cohorts));
        expect(verdicts.map((v) => VERDICT_CODES[v])).toEqual(protocol.verdicts(unanswered));
      }
      expect(Array.from(result.statuses!.slice(0, n))).toEqual(
        Array.from(protocol.evaluate({ asOf: input.asOf }).statuses),
      );
      if (Object.keys(c.answers ?? {}).length === 0) {
        const verdicts = Array.from(result.verdicts.slice(result.cohorts, 2 * result.cohorts)).map(
          (v) => VERDICT_CODES[v],
        );
        expect(Object.fromEntries(protocol.info.cohorts.map((k, i) => [k.id, verdicts[i]]))).toEqual(
          c.expect.verdicts,
        );
      }
    });
  }
});
