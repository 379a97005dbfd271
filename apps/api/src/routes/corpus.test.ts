import { encodedCorpus, knownGap, readProtocolSource, workedPatients } from '@eligo/protocols';
import { describe, expect, it } from 'vitest';
import { testApp } from '../testing/support';

type Screening = { cohorts: { id: string; verdict: string; criteria: Record<string, string> }[] };

/**
 * Every encoded corpus trial published through the API, and each of its worked patients screened
 * with `POST /v1/protocols/{id}/screenings`: the verdicts and criterion statuses of
 * examples/expected.json (the known gaps of @eligo/protocols aside).
 */
describe.each(encodedCorpus())('POST /v1/protocols/%s/screenings', async (id) => {
  const t = await testApp();
  const { name, text } = readProtocolSource(id);
  const patients = workedPatients(id).filter((p) => knownGap(id, p.file) === undefined);

  it.skipIf(patients.length === 0)(
    'gives every worked patient the expected verdicts and statuses',
    async () => {
      const published = await t.request('POST', `/v1/protocols/${id}/versions`, {
        role: 'author',
        body: { text, name },
      });
      expect(published.status).toBe(201);
      for (const { file, doc, expected } of patients) {
        const res = await t.request('POST', `/v1/protocols/${id}/screenings`, {
          role: 'screener',
          body: doc,
        });
        expect(res.status, file).toBe(200);
        const s = (await res.json()) as Screening;
        expect(Object.fromEntries(s.cohorts.map((c) => [c.id, c.verdict])), file).toEqual(expected.cohorts);
        const statuses = Object.fromEntries(
          s.cohorts.flatMap((c) => Object.entries(c.criteria).filter(([k]) => k in expected.criteria)),
        );
        expect(statuses, file).toEqual(expected.criteria);
      }
    },
  );
});
