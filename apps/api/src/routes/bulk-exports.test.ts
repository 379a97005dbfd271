import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticBulkDir } from '../testing/bulk';
import { testApp } from '../testing/support';

const bulk = syntheticBulkDir({ name: 'site-a', patients: 12, seed: 3 });
afterAll(() => bulk.remove());

describe('GET /v1/bulk-exports', () => {
  it('needs a token (401) and the author role (403)', async () => {
    const t = await testApp({ bulkDir: bulk.root });
    expect((await t.request('GET', '/v1/bulk-exports')).status).toBe(401);
    const screener = await t.request('GET', '/v1/bulk-exports', { role: 'screener' });
    expect(screener.status).toBe(403);
    expect(((await screener.json()) as { error: { message: string } }).error.message).toBe(
      'This needs the author role',
    );
  });

  it('is empty when the server reads no bulk exports', async () => {
    const t = await testApp();
    const res = await t.request('GET', '/v1/bulk-exports', { role: 'author' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ configured: false, exports: [] });
  });

  it('names each export folder a run accepts, with its NDJSON files and their size, in name order', async () => {
    // A second export, a file beside them and a folder whose name a run refuses.
    mkdirSync(join(bulk.root, 'b-site'));
    writeFileSync(join(bulk.root, 'b-site', 'Patient.ndjson'), '{"resourceType":"Patient","id":"p1"}\n');
    writeFileSync(join(bulk.root, 'b-site', 'notes.txt'), 'not an export file');
    writeFileSync(join(bulk.root, 'README'), 'a file, not an export');
    mkdirSync(join(bulk.root, '.hidden'));
    const t = await testApp({ bulkDir: bulk.root });
    const res = await t.request('GET', '/v1/bulk-exports', { role: 'author' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      configured: boolean;
      exports: { name: string; files: number; bytes: number }[];
    };
    const siteA = readdirSync(join(bulk.root, 'site-a')).filter((f) => f.endsWith('.ndjson'));
    expect(siteA.length).toBeGreaterThan(1);
    expect(body).toEqual({
      configured: true,
      exports: [
        { name: 'b-site', files: 1, bytes: 37 },
        {
          name: 'site-a',
          files: siteA.length,
          bytes: siteA.reduce((n, f) => n + statSync(join(bulk.root, 'site-a', f)).size, 0),
        },
      ],
    });
    // The listing reads no file: nothing of a patient is in it.
    expect(JSON.stringify(body)).not.toContain('Patient');
  });
});
