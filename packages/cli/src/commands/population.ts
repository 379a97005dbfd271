import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  type CompiledProtocol,
  protocolToSql,
  SQL_DIALECTS,
  type SqlDialect,
  sessionSettings,
  tableDefinitions,
} from '@eligo/core';
import type * as Sql from '@eligo/sql';
import { type Io, UsageError } from '../io';
import { renderFunnel } from '../render';
import { forTerminal } from '../terminal';
import { loadProtocol } from './load';

interface PopulationOptions {
  asOf?: string | undefined;
  engine?: string | undefined;
  dialect?: string | undefined;
  sqlOnly?: boolean;
  partial?: boolean;
  json?: boolean;
  memoryLimit?: string | undefined;
  saveParquet?: string | undefined;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SIZE = /^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;
const SQL_PACKAGE = '@eligo/sql';
const PARQUET = /\.parquet$/i;

/**
 * `eligo population <protocol> <bulk-export-dir>`: a FHIR bulk export screened where SQL runs
 * (DuckDB embedded, or PostgreSQL from DATABASE_URL), printing the funnel. `--save-parquet` keeps
 * the loaded export as Parquet, which later runs take in place of the folder (a file or a glob of
 * parts) without reading the NDJSON again. `--json` prints the
 * summary `eligo screen --ndjson --summary` prints. `--sql-only` prints the protocol's query and
 * the input tables it reads, for an engine of the user's own.
 */
export async function populationCommand(
  io: Io,
  file: string,
  dir: string | undefined,
  options: PopulationOptions,
  env: { databaseUrl?: string | undefined; progress?: ((text: string) => void) | undefined },
): Promise<number> {
  const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
  if (!DAY.test(asOf)) throw new UsageError(`eligo population: --as-of '${asOf}': expected YYYY-MM-DD`);
  if (options.sqlOnly) {
    const dialect = (options.dialect ?? 'duckdb') as SqlDialect;
    if (!SQL_DIALECTS.includes(dialect))
      throw new UsageError(
        `eligo population: --dialect '${options.dialect}': expected ${SQL_DIALECTS.join(', ')}`,
      );
    const protocol = await loadProtocol(io, file);
    if (!protocol) return 1;
    return printSql(io, protocol, dialect, asOf, options.partial === true);
  }
  if (options.dialect !== undefined) throw new UsageError('eligo population: --dialect goes with --sql-only');
  if (dir === undefined) throw new UsageError('eligo population: missing the bulk export folder');
  if (options.saveParquet !== undefined && !PARQUET.test(options.saveParquet))
    throw new UsageError(
      `eligo population: --save-parquet '${options.saveParquet}': expected a file name ending in .parquet`,
    );
  if (options.saveParquet !== undefined && !existsSync(dirname(resolve(options.saveParquet))))
    throw new UsageError(`eligo population: cannot write '${options.saveParquet}': no such folder`);
  // A glob is DuckDB's to expand; a plain path that is not there is the user's typo.
  if (PARQUET.test(dir) && !/[*?[]/.test(dir) && !existsSync(dir))
    throw new UsageError(`eligo population: cannot read '${dir}': no such file`);
  if (options.memoryLimit !== undefined && !SIZE.test(options.memoryLimit))
    throw new UsageError(
      `eligo population: --memory-limit '${options.memoryLimit}': expected a size such as 512MB or 4GB`,
    );
  const engine = options.engine ?? 'duckdb';
  if (engine !== 'duckdb' && engine !== 'postgres')
    throw new UsageError(`eligo population: --engine '${engine}': expected duckdb or postgres`);
  if (engine === 'postgres' && !env.databaseUrl)
    throw new UsageError(
      'eligo population: --engine postgres reads the server from DATABASE_URL, which is not set',
    );
  const protocol = await loadProtocol(io, file);
  if (!protocol) return 1;
  // Named at run time: the published CLI does not carry @eligo/sql (and its DuckDB engine); where it
  // is installed beside it, this command uses it.
  const sql = (await import(SQL_PACKAGE).catch(() => undefined)) as typeof Sql | undefined;
  if (sql === undefined)
    throw new UsageError(
      'eligo population: needs the @eligo/sql package, which this installation lacks; run it from a clone of the repository (npm run -s eligo -- population …)',
    );
  let result: Awaited<ReturnType<typeof sql.runPopulation>>;
  try {
    result = await sql.runPopulation({
      protocol,
      dir,
      asOf,
      engine,
      ...(env.databaseUrl ? { databaseUrl: env.databaseUrl } : {}),
      partial: options.partial === true,
      ...(options.memoryLimit === undefined ? {} : { memoryLimit: options.memoryLimit }),
      ...(options.saveParquet === undefined ? {} : { saveParquet: options.saveParquet }),
      onProgress: (stage, p) =>
        env.progress?.(
          `${stage === 'screen' ? 'counting' : 'reading'} patients ${bar(p.done, p.total)} ${p.done}/${p.total}`,
        ),
    });
  } catch (error) {
    if (/No files found that match the pattern/.test((error as Error).message)) {
      env.progress?.('');
      io.stderr(`eligo population: no Parquet file matches '${dir}'\n`);
      return 2;
    }
    if (error instanceof sql.RefusedNumbersError) {
      env.progress?.('');
      io.stderr(forTerminal(`eligo population: ${error.message}\n`));
      return 2;
    }
    // DuckDB refuses work beyond its memory limit; that is the limit's doing, not a defect.
    if (!/Out of Memory Error/.test((error as Error).message)) throw error;
    env.progress?.('');
    io.stderr(
      `eligo population: DuckDB ran out of memory${options.memoryLimit ? ` under --memory-limit ${options.memoryLimit}` : ''}; give it more (the query itself needs about 1GB)\n`,
    );
    return 2;
  }
  env.progress?.('');
  if (!result.ok) {
    io.stderr(
      `${result.problems.map((p) => `${p.message}\n`).join('')}eligo population: the protocol cannot be computed in SQL; --partial leaves these criteria unknown and lists them\n`,
    );
    return 1;
  }
  for (const p of result.problems) io.stderr(forTerminal(`${p.file}:${p.line}: ${p.message}\n`));
  for (const u of result.unread) io.stderr(forTerminal(`patient ${u.patient} left out: ${u.message}\n`));
  if (options.json) {
    io.stdout(
      `${JSON.stringify({
        summary: result.summary,
        ...(result.skipped.length ? { notComputed: result.skipped } : {}),
      })}\n`,
    );
  } else {
    io.stdout(forTerminal(renderFunnel(result.summary)));
    for (const s of result.skipped)
      io.stdout(forTerminal(`not computed (unknown for everyone): ${s.message}\n`));
    io.stdout(
      `${result.patients} patients; load ${result.seconds.load.toFixed(1)} s, read ${result.seconds.read.toFixed(1)} s, screen ${result.seconds.screen.toFixed(1)} s (${engine})\n`,
    );
  }
  return 0;
}

function printSql(
  io: Io,
  protocol: CompiledProtocol,
  dialect: SqlDialect,
  asOf: string,
  partial: boolean,
): number {
  const query = protocolToSql(protocol, { dialect, asOf, partial });
  if (!query.ok) {
    io.stderr(query.problems.map((p) => `${p.message}\n`).join(''));
    return 1;
  }
  io.stdout(
    [
      `-- ${protocol.info.id}: screening as of ${asOf}, for ${dialect}.`,
      '-- The input tables (each population loads its records into these):',
      ...tableDefinitions(dialect).map((d) => `-- ${d};`),
      '-- Units not listed in a conversion do not convert: compile with the units in your data',
      "-- (results' units from eligo_result, doses' from eligo_record: unitsInDataSql in @eligo/core).",
      ...query.skipped.map((s) => `-- not computed (unknown for everyone): ${s.message}`),
      ...sessionSettings(dialect).map((setting) => `${setting};`),
      `${query.sql};`,
      '',
    ].join('\n'),
  );
  return 0;
}

function bar(done: number, total: number): string {
  const width = 24;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}
