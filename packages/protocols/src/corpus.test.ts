import { readFileSync } from 'node:fs';
import { type CompiledProtocol, compile, PopulationBuilder, parseScreeningInput } from '@eligo/core';
import { prepareScreeningInput, screenDocument } from '@eligo/fhir';
import { describe, expect, it } from 'vitest';
import { coverageTable, eligPath, encodedCorpus, listedCriteria, workedPatients } from './corpus';
import { knownGap } from './gaps';

/**
 * Every encoded corpus trial: it compiles without a warning, and each worked patient gets the
 * verdicts and criterion statuses of examples/expected.json on the explaining path, the same
 * verdicts on the fast path, and the same statuses on the population path (without answers, which
 * a population does not have, compared with the fast path on the same facts).
 */
describe.each(encodedCorpus())('%s', (id) => {
  const result = compile(readFileSync(eligPath(id), 'utf8'), { name: `${id}.elig` });

  it('compiles without an error or a warning', () => {
    expect(result.diagnostics.map((d) => `${d.severity} ${d.code} ${d.message}`)).toEqual([]);
  });
  if (!result.protocol) return;
  const protocol: CompiledProtocol = result.protocol;
  const patients = workedPatients(id);

  const criteria = new Map(protocol.info.cohorts.flatMap((c) => c.criteria.map((k) => [k.id, k] as const)));
  const leaves = [...criteria.values()].filter((c) => !c.heading).map((c) => c.id);

  it('encodes every criterion of criteria.md with its id and verbatim sentence, and no other', () => {
    const rows = listedCriteria(id);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(criteria.get(row.id)?.source, row.id).toBe(row.text);
      expect(criteria.get(row.id)?.title, row.id).toBeTruthy();
    }
    expect([...criteria.keys()].sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it("states in README's coverage table where each leaf criterion's answer comes from", () => {
    const table = coverageTable(id);
    expect(table.map((r) => r.id).sort()).toEqual([...leaves].sort());
    for (const row of table) {
      expect(['records', 'question', 'records and question', 'partial'], row.id).toContain(row.from);
      expect(row.note.length, `${row.id} needs a reason`).toBeGreaterThan(8);
    }
  });

  if (patients.length > 0) {
    it('has at least 12 worked patients', () => {
      expect(patients.length).toBeGreaterThanOrEqual(12);
    });
  }

  for (const { file, doc, expected } of patients) {
    const gap = knownGap(id, file);
    (gap ? it.fails : it)(gap ? `${file} (known gap: ${gap})` : file, () => {
      const result = screenDocument(protocol, doc);
      if (!result.ok) throw new Error(`bad input: ${JSON.stringify(result.errors)}`);
      const s = result.screening;
      expect(Object.fromEntries(s.cohorts.map((c) => [c.id, c.verdict]))).toEqual(expected.cohorts);

      const seen: Record<string, string> = {};
      for (const c of s.cohorts) {
        for (const k of c.criteria) {
          if (k.id in expected.criteria) seen[k.id] = k.status;
        }
      }
      expect(seen).toEqual(expected.criteria);

      const prepared = prepareScreeningInput(protocol.info, doc);
      if (!prepared.ok) throw new Error('prepare failed');
      const parsed = parseScreeningInput(protocol, prepared.input);
      if (!parsed.ok) throw new Error(`bad facts: ${JSON.stringify(parsed.issues)}`);
      expect(protocol.verdicts(parsed.input)).toEqual(s.cohorts.map((c) => c.verdict));

      const input = { ...parsed.input, answers: {} };
      const builder = new PopulationBuilder(protocol.info, input.asOf);
      builder.add(input.facts ?? {});
      const population = protocol.population(builder.build(), { statuses: true });
      expect(Array.from(population.statuses!)).toEqual(Array.from(protocol.evaluate(input).statuses));
    });
  }
});

/** The bar: at least 85 % of all leaf criteria decided from records or a question the text calls for. */
describe('the corpus as a whole', () => {
  it('decides at least 85 % of its leaf criteria from records or questions, with a reason for every partial one', () => {
    const rows = encodedCorpus().flatMap((id) => coverageTable(id));
    const decided = rows.filter((r) => r.from !== 'partial').length;
    expect(rows.length).toBeGreaterThan(0);
    expect(decided / rows.length).toBeGreaterThanOrEqual(0.85);
  });
});
