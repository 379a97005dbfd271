import { describe, expect, it } from 'vitest';
import { Agreement, describeDisagreement } from './agree';
import { compileOrThrow } from './engines/eligo';
import type { Screener } from './engines/engine';
import { ENGINES } from './engines/index';
import { PatientGenerator } from './generate';
import { ColumnSink } from './generate-columns';
import { LeanColumnSink } from './lean/columns';
import { FlatSink } from './lean/flat';
import type { BenchPatient, Verdict } from './patient';
import { AS_OF, benchProtocolText } from './phases/protocol';

const patients = new PatientGenerator({ seed: 7, asOf: AS_OF }).chunk(300);
// The same 300 patients as columns: one seed draws the same numbers.
const sink = new ColumnSink(compileOrThrow(benchProtocolText()).info, AS_OF);
new PatientGenerator({ seed: 7, asOf: AS_OF }).into(sink, 300);
const columns = sink.take();
// And in the lean layouts only the lean baselines read.
const leanSink = new LeanColumnSink(AS_OF);
new PatientGenerator({ seed: 7, asOf: AS_OF }).into(leanSink, 300);
const flatSink = new FlatSink(AS_OF);
new PatientGenerator({ seed: 7, asOf: AS_OF }).into(flatSink, 300);
const lean = { asOf: flatSink.asOf, columns: leanSink.take(), flat: flatSink.take() };

describe('every engine gives Eligo’s verdict', async () => {
  const text = benchProtocolText();
  const reference = await ENGINES.find((e) => e.key === 'eligo-fast')!.engine.prepare(text);
  const expected = reference.run(patients, columns) as Verdict[];

  it('on a population that has every verdict', () => {
    expect(new Set(expected)).toEqual(new Set(['eligible', 'ineligible', 'undetermined']));
  });

  for (const { key, engine } of ENGINES.filter((e) => e.key !== 'eligo-fast')) {
    it(`${key} agrees on 300 patients`, async () => {
      const screener = await engine.prepare(text);
      const agreement = new Agreement(reference, screener);
      await agreement.compare(patients, expected, await screener.run(patients, columns, lean));
      expect(agreement.examples.map((d) => describeDisagreement(engine.name, d))).toEqual([]);
      expect(agreement.checked).toBe(300);
    });
  }
});

describe('the agreement checker', () => {
  it('names the patient and the criteria where an engine differs', async () => {
    const wrong: Screener = {
      run: (batch: readonly BenchPatient[]) => batch.map(() => 'eligible' as const),
      criteria: () => ({ 'C-IN-1': 'met' }),
    };
    const right: Screener = {
      run: (batch: readonly BenchPatient[]) => batch.map(() => 'ineligible' as const),
      criteria: () => ({ 'C-IN-1': 'not_met' }),
    };
    const agreement = new Agreement(right, wrong);
    const batch = patients.slice(0, 2);
    await agreement.compare(batch, await right.run(batch, columns), await wrong.run(batch, columns));
    expect(agreement.agrees).toBe(false);
    expect(agreement.disagreements).toBe(2);
    expect(describeDisagreement('wrong', agreement.examples[0]!)).toBe(
      'wrong: patient 0: eligo ineligible, wrong eligible (C-IN-1: not_met vs met)',
    );
  });
});
