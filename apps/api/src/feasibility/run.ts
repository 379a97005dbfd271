import type { CompiledProtocol, SqlProblem } from '@eligo/core';
import {
  compile,
  createFunnel,
  type FunnelResult,
  funnelFromRow,
  PopulationBuilder,
  protocolToSql,
} from '@eligo/core';
import { bundleToFacts, readPopulationLine } from '@eligo/fhir';
import { appendBatch, funnelRow, openDuckDb, patientBundles, runPopulation, unitsInData } from '@eligo/sql';

/** What a feasibility run is asked to count: plain data, so it can cross to a worker thread. */
export interface FeasibilityRequest {
  readonly text: string;
  readonly name: string;
  readonly asOf: string;
  readonly source:
    | { readonly kind: 'upload'; readonly ndjson: string }
    | { readonly kind: 'bulkExport'; readonly dir: string };
}

export interface FeasibilityProgress {
  /** Reading the patients (and, in process, counting them as they are read), or counting them in SQL. */
  readonly stage: 'reading' | 'counting';
  readonly done: number;
  readonly total: number;
}

/** A run's answer: counts only. No patient's row, reference or line content leaves the run. */
export interface FeasibilityResult {
  /** `sql` when every criterion compiled to SQL and DuckDB counted; `in-process` otherwise. */
  readonly path: 'sql' | 'in-process';
  /** Criteria the SQL path could not compile, and why (empty when `path` is `sql`). */
  readonly notCompiled: readonly SqlProblem[];
  /** Patients counted. */
  readonly patients: number;
  /** Documents (upload lines or bulk-export patients) that could not be read, left out of the counts. */
  readonly unread: number;
  /** Upload line numbers that could not be read, with the paths at fault (first 20); no values. */
  readonly unreadLines: readonly { readonly line: number; readonly paths: readonly string[] }[];
  readonly funnel: FunnelResult;
}

const BATCH = 2000;
const UNREAD_LINES_SHOWN = 20;

/**
 * Counts a population against a protocol: the SQL path on an embedded DuckDB when the whole
 * protocol compiles to SQL, else the in-process population path. Answers are not read: a
 * population has no one to ask, so questions stay unknown, as on every population path.
 */
export async function runFeasibility(
  request: FeasibilityRequest,
  onProgress: (p: FeasibilityProgress) => void,
): Promise<FeasibilityResult> {
  const compiled = compile(request.text, { name: request.name });
  if (!compiled.ok || !compiled.protocol) throw new Error('the published version no longer compiles');
  const protocol = compiled.protocol;
  // Whether a criterion compiles does not depend on the units in the data, only its conversions do.
  const probe = protocolToSql(protocol, { dialect: 'duckdb', asOf: request.asOf, partial: true });
  const notCompiled = probe.ok ? probe.skipped : probe.problems;
  const sql = notCompiled.length === 0;
  return request.source.kind === 'upload'
    ? fromUpload(protocol, request.asOf, request.source.ndjson, sql, notCompiled, onProgress)
    : fromBulkExport(protocol, request.asOf, request.source.dir, sql, notCompiled, onProgress);
}

interface Counter {
  addBatch(builder: PopulationBuilder): Promise<void>;
  result(): Promise<FunnelResult>;
  close(): void;
}

async function counter(protocol: CompiledProtocol, asOf: string, sql: boolean): Promise<Counter> {
  if (!sql) {
    const funnel = createFunnel(protocol.info);
    return {
      async addBatch(builder) {
        funnel.addPopulation(protocol.population(builder.build(), { statuses: true }));
      },
      async result() {
        return funnel.result();
      },
      close() {},
    };
  }
  const connection = await openDuckDb();
  let first = 0;
  return {
    async addBatch(builder) {
      const batch = builder.build();
      await appendBatch(connection, batch, first);
      first += batch.size;
    },
    async result() {
      return sqlFunnel(connection, protocol, asOf);
    },
    close() {
      connection.closeSync();
    },
  };
}

async function sqlFunnel(
  connection: Awaited<ReturnType<typeof openDuckDb>>,
  protocol: CompiledProtocol,
  asOf: string,
): Promise<FunnelResult> {
  const query = protocolToSql(protocol, {
    dialect: 'duckdb',
    asOf,
    units: await unitsInData(connection),
  });
  if (!query.ok) throw new Error('the protocol compiled to SQL without units but not with them');
  const { funnel, values } = await funnelRow(connection, protocol, query);
  return funnelFromRow(protocol, funnel, values);
}

async function fromUpload(
  protocol: CompiledProtocol,
  asOf: string,
  ndjson: string,
  sql: boolean,
  notCompiled: readonly SqlProblem[],
  onProgress: (p: FeasibilityProgress) => void,
): Promise<FeasibilityResult> {
  const lines = ndjson.split('\n');
  const numbered = lines.map((text, i) => ({ text, line: i + 1 })).filter((l) => l.text.trim() !== '');
  const total = numbered.length;
  const count = await counter(protocol, asOf, sql);
  const unreadLines: { line: number; paths: string[] }[] = [];
  let unread = 0;
  let patients = 0;
  try {
    onProgress({ stage: 'reading', done: 0, total });
    for (let start = 0; start < total; start += BATCH) {
      const builder = new PopulationBuilder(protocol.info, asOf);
      for (const { text, line } of numbered.slice(start, start + BATCH)) {
        const input = readPopulationLine(protocol, text, asOf);
        if (input.ok) {
          builder.add(input.input.facts ?? {});
          patients++;
        } else {
          unread++;
          if (unreadLines.length < UNREAD_LINES_SHOWN) unreadLines.push({ line, paths: input.paths });
        }
      }
      await count.addBatch(builder);
      onProgress({ stage: 'reading', done: Math.min(total, start + BATCH), total });
    }
    const funnel = await count.result();
    return { path: sql ? 'sql' : 'in-process', notCompiled, patients, unread, unreadLines, funnel };
  } finally {
    count.close();
  }
}

async function fromBulkExport(
  protocol: CompiledProtocol,
  asOf: string,
  dir: string,
  sql: boolean,
  notCompiled: readonly SqlProblem[],
  onProgress: (p: FeasibilityProgress) => void,
): Promise<FeasibilityResult> {
  if (sql) {
    const run = await runPopulation({
      protocol,
      dir,
      asOf,
      onProgress: (stage, p) => {
        if (stage === 'read') onProgress({ stage: 'reading', ...p });
        else if (stage === 'screen') onProgress({ stage: 'counting', ...p });
      },
    });
    if (!run.ok) throw new Error('the published version no longer compiles to SQL');
    return {
      path: 'sql',
      notCompiled,
      patients: run.patients,
      unread: run.unread.length,
      unreadLines: [],
      funnel: run.summary,
    };
  }
  // The in-process path reads the export's files itself; the total is known only once they are read.
  const funnel = createFunnel(protocol.info);
  const bundles = [];
  for await (const b of patientBundles(dir)) bundles.push(b.bundle);
  const total = bundles.length;
  let patients = 0;
  let unread = 0;
  onProgress({ stage: 'reading', done: 0, total });
  for (let start = 0; start < total; start += BATCH) {
    const builder = new PopulationBuilder(protocol.info, asOf);
    for (const bundle of bundles.slice(start, start + BATCH)) {
      const facts = bundleToFacts(protocol.info, bundle, asOf);
      if (facts.ok) {
        builder.add(facts.facts);
        patients++;
      } else unread++;
    }
    funnel.addPopulation(protocol.population(builder.build(), { statuses: true }));
    onProgress({ stage: 'reading', done: Math.min(total, start + BATCH), total });
  }
  return { path: 'in-process', notCompiled, patients, unread, unreadLines: [], funnel: funnel.result() };
}
