import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleOfPatient, patientBundles } from './bundles';
import { exportFileName, generateBulkExport } from './export';
import { syntheticPatient } from './patient';

const made: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'eligo-synthetic-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const contents = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name), 'utf8')]),
  );

describe('generateBulkExport', () => {
  it('writes the same bytes for the same seed, and other bytes for another seed', () => {
    const a = freshDir();
    const b = freshDir();
    const c = freshDir();
    generateBulkExport({ seed: 42, patients: 60, dir: a, filesPerType: 2 });
    generateBulkExport({ seed: 42, patients: 60, dir: b, filesPerType: 2 });
    generateBulkExport({ seed: 43, patients: 60, dir: c, filesPerType: 2 });
    const first = contents(a);
    expect(Object.keys(first)).toContain('Observation.001.ndjson');
    expect(contents(b)).toEqual(first);
    expect(contents(c)['Observation.ndjson']).not.toEqual(first['Observation.ndjson']);
  });

  it("gives each patient the same records whatever the export's size", () => {
    expect(syntheticPatient(7, { seed: 5 })).toEqual(syntheticPatient(7, { seed: 5 }));
    const small = freshDir();
    generateBulkExport({ seed: 5, patients: 8, dir: small });
    const line = readFileSync(join(small, 'Patient.ndjson'), 'utf8').split('\n')[7];
    expect(line).toBe(JSON.stringify(syntheticPatient(7, { seed: 5 }).resources[0]));
  });

  it('names the files of a type in the mixed styles bulk servers use', () => {
    expect([0, 1, 2, 3].map((part) => exportFileName('Observation', part))).toEqual([
      'Observation.ndjson',
      'Observation.001.ndjson',
      'Observation-2.ndjson',
      'Observation.003.ndjson',
    ]);
  });

  it('lists every file it wrote, with its type and line count, in manifest.json', () => {
    const dir = freshDir();
    const result = generateBulkExport({ seed: 1, patients: 30, dir, filesPerType: 3 });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    const lines = (file: string) => readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean).length;
    expect(manifest.output).toEqual(
      result.files.map((f) => ({
        type: f.type,
        url: `https://bulk.example.org/output/${f.file}`,
        count: lines(f.file),
      })),
    );
    expect(
      readdirSync(dir)
        .filter((f) => f.endsWith('.ndjson'))
        .sort(),
    ).toEqual(result.files.map((f) => f.file));
    expect(result.resources).toBe(result.files.reduce((sum, f) => sum + lines(f.file), 0));
  });

  it('refuses a number of files per type that is not a positive integer', () => {
    expect(() => generateBulkExport({ seed: 1, patients: 1, dir: freshDir(), filesPerType: 0 })).toThrow(
      'filesPerType must be a positive integer, not 0',
    );
  });
});

describe('patientBundles', () => {
  it("gives each patient a Bundle of exactly that patient's records, as the generator made them", async () => {
    const dir = freshDir();
    generateBulkExport({ seed: 9, patients: 25, dir, filesPerType: 3 });
    const read = new Map<string, Record<string, unknown>>();
    for await (const { patientId, bundle } of patientBundles(dir)) read.set(patientId, bundle);
    expect(read.size).toBe(25);
    const byId = (entries: unknown) =>
      (entries as { resource: { id: string } }[])
        .map((e) => e.resource)
        .sort((x, y) => (x.id < y.id ? -1 : 1));
    for (let index = 0; index < 25; index += 1) {
      const expected = bundleOfPatient(syntheticPatient(index, { seed: 9 }));
      const entries = (read.get(expected.patientId)?.entry ?? []) as { fullUrl?: string }[];
      expect(byId(entries)).toEqual(byId(expected.bundle.entry));
      expect(entries[0]?.fullUrl).toBe(`urn:uuid:${expected.patientId}`);
    }
  });
});
