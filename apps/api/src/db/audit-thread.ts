import { parentPort, workerData } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';
import { openSqliteFile } from './connect';
import type { ScreeningTable } from './schema';

/**
 * The audit writer's thread: its own connection to the SQLite file, inserting each group of rows
 * it is sent in one transaction and answering once it is committed (on disk: synchronous=FULL).
 * Rows go in through statements prepared once per set of columns, without Kysely: building and
 * compiling a multi-row insert for every group cost this thread about as much CPU as SQLite did.
 * A failing row rolls the whole group back, as one multi-row insert did.
 */
const sqlite = openSqliteFile((workerData as { file: string }).file);
const port = parentPort!;

const statements = new Map<string, SQLite.Statement>();
function insertInto(columns: readonly string[]): SQLite.Statement {
  const key = columns.join(',');
  let statement = statements.get(key);
  if (!statement) {
    const names = columns.map((c) => `"${c.replaceAll('"', '""')}"`).join(', ');
    statement = sqlite.prepare(
      `INSERT INTO screenings (${names}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    statements.set(key, statement);
  }
  return statement;
}

const insertAll = sqlite.transaction((rows: readonly ScreeningTable[]) => {
  for (const row of rows) {
    const columns = Object.keys(row) as (keyof ScreeningTable)[];
    insertInto(columns).run(columns.map((c) => row[c]));
  }
});

port.on('message', (message: { id: number; rows: ScreeningTable[] } | 'close') => {
  if (message === 'close') {
    sqlite.close();
    port.close();
    return;
  }
  try {
    insertAll(message.rows);
    port.postMessage({ id: message.id });
  } catch (error) {
    const { message: text, code } = error as { message?: string; code?: string };
    port.postMessage({ id: message.id, error: { message: String(text), code } });
  }
});
