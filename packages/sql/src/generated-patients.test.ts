import { compile } from '@eligo/core';
import { encodedCorpus, readProtocolSource } from '@eligo/protocols';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inputFor } from '../../core/fuzz/facts';
import { DECLARATIONS, expression } from '../../core/fuzz/targets';
import {
  disagreements,
  inProcessDisagreements,
  plausible,
  plausibleSpread,
  populationInputs,
} from '../fuzz/differential';
import { mulberry32 } from './synthetic/random';

/**
 * A seeded slice of the generated-patient campaign (`pnpm --filter @eligo/sql fuzz`): patients
 * written by core's fuzz generator, with numbers as records hold them (and every other patient's
 * dates spread around the screening date), screened by the SQL path and by the fast path, for
 * every trial of the corpus and for protocols of one generated criterion. Every criterion that
 * compiles gets the same status both ways, and the explaining and population paths give the fast
 * path's status too.
 */
const SEED = 20261207;

/** Plausible numbers; every other patient's full dates spread around the screening date too. */
function shaped(raws: readonly unknown[], seed: number): unknown[] {
  const random = mulberry32(seed);
  return raws.map((raw, i) => (i % 2 === 0 ? plausible(raw) : plausibleSpread(raw, random)));
}

describe('generated patients through SQL, the in-process paths and the fast path', () => {
  it.each(encodedCorpus())('%s: every criterion agrees', async (id) => {
    const { protocol } = compile(readProtocolSource(id).text);
    const raws = fc.sample(inputFor(protocol!.info), { numRuns: 60, seed: SEED });
    const inputs = populationInputs(protocol!, shaped(raws, SEED));
    expect(inputs.length).toBeGreaterThan(50);
    expect(await disagreements(protocol!, inputs)).toEqual([]);
    expect(inProcessDisagreements(protocol!, inputs)).toEqual([]);
  });

  it('protocols of one generated criterion agree', async () => {
    const criteria = fc.sample(expression, { numRuns: 40, seed: SEED });
    let screened = 0;
    for (const [i, criterion] of criteria.entries()) {
      const { protocol } = compile(`${DECLARATIONS}${criterion}\n`);
      if (protocol === undefined) continue;
      const raws = fc.sample(inputFor(protocol.info), { numRuns: 15, seed: SEED + i });
      const inputs = populationInputs(protocol, shaped(raws, SEED + i));
      screened += inputs.length;
      expect(await disagreements(protocol, inputs), criterion).toEqual([]);
      expect(inProcessDisagreements(protocol, inputs), criterion).toEqual([]);
    }
    expect(screened).toBeGreaterThan(200);
  });
});
