/**
 * Times loading a bulk export folder into DuckDB and the Parquet round trip:
 *
 *   pnpm exec tsx src/bulk/measure.ts <export-dir> [--database path.duckdb] [--threads N]
 *
 * (from packages/sql). Prints one JSON line: rows, problems, NDJSON bytes, load, Parquet write and
 * Parquet read times in ms, the Parquet file's size, and the process's peak RSS in MB.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadBulkExport } from './load';
import { loadParquet, writeParquet } from './parquet';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { database: { type: 'string', default: ':memory:' }, threads: { type: 'string' } },
});
const [dir] = positionals;
if (dir === undefined) {
  process.stderr.write(
    'usage: tsx src/bulk/measure.ts <export-dir> [--database path.duckdb] [--threads N]\n',
  );
  process.exit(2);
}

const instance = await DuckDBInstance.create(values.database);
const connection = await instance.connect();
if (values.threads !== undefined) await connection.run(`SET threads = ${Number(values.threads)}`);
const ndjsonBytes = readdirSync(dir)
  .filter((f) => f.endsWith('.ndjson'))
  .reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);

const time = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const result = await work();
  return [result, Math.round(performance.now() - started)];
};

const [loaded, loadMs] = await time(() => loadBulkExport(connection, dir));
const parquet = join(dir, '..', `${dir.split('/').filter(Boolean).pop()}.parquet`);
const [, writeMs] = await time(() => writeParquet(connection, parquet));
const [read, readMs] = await time(() => loadParquet(connection, parquet, { table: 'from_parquet' }));
const parquetBytes = statSync(parquet).size;
rmSync(parquet);
connection.closeSync();
process.stdout.write(
  `${JSON.stringify({
    rows: loaded.loaded,
    problems: loaded.problems.length,
    parquetRows: read.loaded,
    ndjsonMB: Math.round(ndjsonBytes / 1e6),
    loadMs,
    parquetWriteMs: writeMs,
    parquetReadMs: readMs,
    parquetMB: Math.round(parquetBytes / 1e6),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
