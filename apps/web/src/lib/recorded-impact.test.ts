import { describe, expect, it } from 'vitest';
import type { RecordedImpact } from './api';
import { fromRecorded, joinImpacts, recordedName } from './recorded-impact';

const page: RecordedImpact = {
  population: { kept: 3 },
  screened: 3,
  changed: [
    {
      screening: 'scr_1',
      siteRef: 'site-0042',
      at: '2025-03-15T10:00:00.000Z',
      changes: [
        {
          cohort: 'A',
          label: null,
          before: 'eligible',
          after: null,
          criteria: [{ id: 'IN-1', before: 'met', after: null }],
        },
      ],
    },
  ],
  unchanged: 1,
  unusable: [
    { screening: 'scr_2', siteRef: null, at: '2025-03-14T10:00:00.000Z', side: 'to', paths: ['answers'] },
  ],
  next: null,
};

describe('recorded screenings in the impact preview', () => {
  it('are named by the site reference and the audit id, or the audit id alone', () => {
    expect(recordedName({ screening: 'scr_1', siteRef: 'site-0042' })).toBe('site-0042 (screening scr_1)');
    expect(recordedName({ screening: 'scr_2', siteRef: null })).toBe('Screening scr_2');
  });

  it("read the server's nulls as the preview's 'not in that version'", () => {
    expect(fromRecorded(page)).toEqual({
      changed: [
        {
          name: 'site-0042 (screening scr_1)',
          changes: [
            {
              cohort: 'A',
              label: undefined,
              before: 'eligible',
              after: undefined,
              criteria: [{ id: 'IN-1', before: 'met', after: undefined }],
            },
          ],
        },
      ],
      unchanged: 1,
      unusable: [
        { name: 'Screening scr_2', version: 'new', problem: 'its kept input does not fit at answers' },
      ],
    });
  });

  it('join page after page', () => {
    const one = fromRecorded(page);
    const both = joinImpacts(one, one);
    expect(both.changed.length).toBe(2);
    expect(both.unchanged).toBe(2);
    expect(both.unusable.length).toBe(2);
  });
});
