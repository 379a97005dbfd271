import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_AS_OF, generateBulkExport, type PatientBundle, patientBundles } from '@eligo/sql';

export interface SyntheticBulkDir {
  /** What `ELIGO_BULK_DIR` is set to. */
  readonly root: string;
  /** The export's folder name in it: what a feasibility run names. */
  readonly name: string;
  readonly patients: number;
  /** The screening date the synthetic records are written around. */
  readonly asOf: string;
  /** Each patient of the export as a bundle, to count what a run should find. */
  bundles(): AsyncIterable<PatientBundle>;
  remove(): void;
}

/** A temporary bulk export folder of seeded synthetic patients, for tests of the routes that read one. */
export function syntheticBulkDir(options: {
  name: string;
  patients: number;
  seed: number;
}): SyntheticBulkDir {
  const root = mkdtempSync(join(tmpdir(), 'eligo-bulk-'));
  const dir = join(root, options.name);
  const written = generateBulkExport({ seed: options.seed, patients: options.patients, dir });
  return {
    root,
    name: options.name,
    patients: written.patients,
    asOf: DEFAULT_AS_OF,
    bundles: () => patientBundles(dir),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
