import { describe, it } from 'vitest';
import { expectDiagnostics, expectValid } from '../testing';
import { UniqueCompleteRecordRule } from './UniqueCompleteRecordRule';

const text = (kinds: string) =>
  `trial T "t"\nrecords complete for ${kinds}\nquestion q "Q?": yes/no\ninclusion\n  IN-1 "t"\n    met if q\n`;

describe('UniqueCompleteRecordRule', () => {
  it('accepts each kind once', () => {
    expectValid(text('condition, medication'), UniqueCompleteRecordRule);
  });

  it('reports a kind listed twice, at its second mention', () => {
    expectDiagnostics(text('condition, medication, condition'), UniqueCompleteRecordRule).toEqual([
      {
        code: 'E0303',
        line: 2,
        column: 45,
        message: "'condition' is listed twice in 'records complete for'",
      },
    ]);
  });
});
