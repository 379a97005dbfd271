// Found by fuzzing (fuzz/targets.ts): a date with the right shape on no calendar day was accepted,
// and the fast and population paths read it differently. The input schema refuses it now.
import { describe, expect, it } from 'vitest';
import { compile } from '../compile';
import { PopulationBuilder } from '../population/builder';
import { VERDICT_CODES } from '../population/screen';
import { parseScreeningInput } from '../screen/input';

const compiled = compile(`trial T "Dates"
procedure surgery "Surgery" from snomed 86481000
exclusion
  EX-1 "Surgery" source "s" met if surgery within 3 weeks before screening
`);
if (!compiled.ok) throw new Error('the test protocol does not compile');
const protocol = compiled.protocol;

const issues = (raw: unknown) => {
  const parsed = parseScreeningInput(protocol, raw);
  return parsed.ok ? [] : parsed.issues.map((i) => `${i.path}: ${i.message}`);
};

describe('dates in an input', () => {
  it('are refused on no calendar day, with the path', () => {
    expect(
      issues({ asOf: '2025-03-15', facts: { surgery: [{ date: '1900-01-01', end: '2025-02-30' }] } }),
    ).toEqual(['facts.surgery.0.end: not a calendar date']);
    expect(issues({ asOf: '2025-02-29', facts: {} })).toEqual(['asOf: not a calendar date']);
    expect(issues({ asOf: '2025-03-15', facts: { surgery: [{ date: '2025-13' }] } })).toEqual([
      'facts.surgery.0.date: not a calendar date',
    ]);
  });

  it('keep their shape message for what is not a date at all', () => {
    expect(issues({ asOf: '2025-03-15', facts: { surgery: [{ date: '15/03/2025' }] } })).toEqual([
      'facts.surgery.0.date: expected a date YYYY, YYYY-MM or YYYY-MM-DD',
    ]);
  });

  it('are read alike by the fast and population paths once accepted', () => {
    const input = { asOf: '2025-03-15', facts: { surgery: [{ date: '1900-01-01', end: '2024-02-29' }] } };
    expect(issues(input)).toEqual([]);
    const builder = new PopulationBuilder(protocol.info, input.asOf);
    builder.add(input.facts);
    const population = protocol.population(builder.build());
    // A surgery that ended more than 3 weeks ago does not exclude; other surgeries may be unrecorded.
    expect(protocol.evaluate(input).verdicts).toEqual(['undetermined']);
    expect(Array.from(population.verdicts, (v) => VERDICT_CODES[v])).toEqual(['undetermined']);
  });
});
