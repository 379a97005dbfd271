import { parseArgs } from 'node:util';
import { checkCommand } from './commands/check';
import { fmtCommand } from './commands/fmt';
import { populationCommand } from './commands/population';
import { screenCommand } from './commands/screen';
import { typesCommand } from './commands/types';
import { EXIT, type Io, UsageError, withFileErrors } from './io';
import { forTerminal } from './terminal';

const USAGE = `usage: eligo <command> [options]

commands:
  check <protocol.elig> [--json]             report diagnostics; exit 1 when there are errors
  fmt <protocol.elig> [--write] [--check]    print the canonical form (or rewrite the file)
  screen <protocol.elig> --input <file> [--json] [--ndjson [--full | --trace]] [--summary]
                                             screen one patient ({asOf, bundle|facts, answers})
                                             or, with --ndjson, one patient per line: each result
                                             line compact (verdicts, statuses, missing data);
                                             --full adds titles, sources and explanations,
                                             --trace those and every criterion's trace tree
  types <protocol.elig>                      print TypeScript types of the protocol's facts
  population <protocol.elig> <bulk-export-dir> [--as-of YYYY-MM-DD] [--engine duckdb|postgres]
             [--json] [--partial]            screen a FHIR bulk export where SQL runs (DuckDB
             [--memory-limit 4GB]            embedded; PostgreSQL from DATABASE_URL): the funnel
             [--save-parquet <file.parquet>] --save-parquet keeps the loaded export, which
                                             later runs take in place of the folder
  population <protocol.elig> --sql-only [--dialect duckdb|postgres|spark|trino] [--as-of …]
                                             print the protocol's SQL query and its input tables
`;

/**
 * Runs one command line; returns the exit code (0 ok, 1 the protocol has errors, 2 bad usage or
 * input, 3 a bug). Never throws: every failure is a message on stderr.
 */
export async function run(argv: readonly string[], given: Io): Promise<number> {
  const [command, ...rest] = argv;
  // Everything on stderr is for a person at a terminal: file names and quoted input included.
  const io = withFileErrors({ ...given, stderr: (text) => given.stderr(forTerminal(text)) });
  try {
    const { values, positionals } = parseArgs({
      args: [...rest],
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        ndjson: { type: 'boolean', default: false },
        summary: { type: 'boolean', default: false },
        full: { type: 'boolean', default: false },
        trace: { type: 'boolean', default: false },
        write: { type: 'boolean', default: false },
        check: { type: 'boolean', default: false },
        input: { type: 'string' },
        'as-of': { type: 'string' },
        engine: { type: 'string' },
        dialect: { type: 'string' },
        'sql-only': { type: 'boolean', default: false },
        partial: { type: 'boolean', default: false },
        'memory-limit': { type: 'string' },
        'save-parquet': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (command === undefined || command === 'help' || command === '--help' || values.help) {
      io.stdout(USAGE);
      return command === undefined ? EXIT.input : EXIT.ok;
    }
    const file = positionals[0];
    if (file === undefined) throw new UsageError(`eligo ${command}: missing the protocol file`);
    switch (command) {
      case 'check':
        return await checkCommand(io, file, values);
      case 'fmt':
        return await fmtCommand(io, file, values);
      case 'screen':
        return await screenCommand(io, file, values);
      case 'types':
        return await typesCommand(io, file);
      case 'population':
        return await populationCommand(
          io,
          file,
          positionals[1],
          {
            asOf: values['as-of'],
            engine: values.engine,
            dialect: values.dialect,
            sqlOnly: values['sql-only'],
            partial: values.partial,
            json: values.json,
            memoryLimit: values['memory-limit'],
            saveParquet: values['save-parquet'],
          },
          { databaseUrl: given.env?.DATABASE_URL, progress: given.progress },
        );
      default:
        throw new UsageError(`eligo: unknown command '${command}'`);
    }
  } catch (error) {
    // parseArgs reports unknown options and missing values as a TypeError with a code.
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
      io.stderr(`${error.message}\n${error instanceof UsageError ? '' : USAGE}`);
      return EXIT.input;
    }
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`eligo: internal error (please report it with the command line):\n${stack}\n`);
    return EXIT.internal;
  }
}
