/**
 * Writes a seeded synthetic FHIR bulk export for NCT06469190:
 *
 *   pnpm exec tsx src/synthetic/write.ts <dir> [--patients N] [--seed S] [--files-per-type K] [--as-of YYYY-MM-DD]
 *
 * (from packages/sql). Prints one JSON line: patients, resources, bytes, files and milliseconds.
 */
import { parseArgs } from 'node:util';
import { generateBulkExport } from './export';
import { DEFAULT_AS_OF } from './patient';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    patients: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    'files-per-type': { type: 'string', default: '1' },
    'as-of': { type: 'string', default: DEFAULT_AS_OF },
  },
});

const [dir] = positionals;
const patients = Number(values.patients);
const seed = Number(values.seed);
const filesPerType = Number(values['files-per-type']);
if (dir === undefined || !Number.isInteger(patients) || patients < 0 || !Number.isInteger(seed)) {
  process.stderr.write(
    'usage: tsx src/synthetic/write.ts <dir> [--patients N] [--seed S] [--files-per-type K] [--as-of YYYY-MM-DD]\n',
  );
  process.exit(2);
}
if (!/^\d{4}-\d{2}-\d{2}$/.test(values['as-of'])) {
  process.stderr.write(`--as-of must be YYYY-MM-DD, not '${values['as-of']}'\n`);
  process.exit(2);
}

const started = performance.now();
const result = generateBulkExport({ seed, patients, dir, filesPerType, asOf: values['as-of'] });
const ms = Math.round(performance.now() - started);
process.stdout.write(
  `${JSON.stringify({ dir, patients, resources: result.resources, bytes: result.bytes, files: result.files.length, ms })}\n`,
);
