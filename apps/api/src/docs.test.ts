import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testApp } from './testing/support';

/**
 * The tutorial's HTTP steps (docs/tutorial.md, "Publish" and "Screen over HTTP"), replayed in
 * process: publishing its protocol and screening its patient must answer what the page shows, less
 * what differs on every run (the screening's id, the moment and the token of publication).
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const tutorial = readFileSync(join(root, 'docs/tutorial.md'), 'utf8');
const protocol = readFileSync(join(root, 'docs/examples/tutorial/NCT02345057.elig'), 'utf8');
const patient = JSON.parse(readFileSync(join(root, 'docs/examples/tutorial/patient.json'), 'utf8')) as {
  bundle: { entry: unknown[] };
};

/** The JSON blocks of the tutorial from its "Publish" step on, in order. */
function shownAnswers(): unknown[] {
  const from = tutorial.indexOf('## 7. Publish');
  return [...tutorial.slice(from).matchAll(/^```json\n([\s\S]*?)^```/gm)].map((m) => JSON.parse(m[1]!));
}

describe('the tutorial over HTTP', () => {
  const [published, screened, withoutPotassium] = shownAnswers() as [
    Record<string, unknown>,
    Record<string, unknown>,
    unknown,
  ];

  it('shows the three answers', () => {
    expect([published, screened, withoutPotassium].every((answer) => answer !== undefined)).toBe(true);
  });

  it('publishes, screens the patient, and screens them without their potassium as the page shows', async () => {
    const t = await testApp();
    const publish = await t.request('POST', '/v1/protocols/NCT02345057/versions', {
      role: 'admin',
      body: { text: protocol },
    });
    expect(publish.status).toBe(201);
    const {
      publishedAt: _at,
      publishedBy: _by,
      ...version
    } = (await publish.json()) as Record<string, unknown>;
    const { publishedAt: _shownAt, publishedBy: _shownBy, ...shownVersion } = published;
    expect(version).toEqual(shownVersion);

    const screen = await t.request('POST', '/v1/protocols/NCT02345057/screenings', {
      role: 'admin',
      body: patient,
    });
    expect(screen.status).toBe(200);
    const { id, ...screening } = (await screen.json()) as Record<string, unknown>;
    const { id: shownId, ...shownScreening } = screened;
    expect(id).toMatch(/^scr_/);
    expect(shownId).toMatch(/^scr_/);
    expect(screening).toEqual(shownScreening);

    const entries = patient.bundle.entry.filter((_, i) => i !== 6);
    const missing = await t.request('POST', '/v1/protocols/NCT02345057/screenings', {
      role: 'admin',
      body: { ...patient, bundle: { ...patient.bundle, entry: entries } },
    });
    const { cohorts } = (await missing.json()) as { cohorts: { verdict: string; missing: unknown }[] };
    expect({ verdict: cohorts[0]!.verdict, missing: cohorts[0]!.missing }).toEqual(withoutPotassium);
  });
});
