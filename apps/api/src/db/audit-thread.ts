import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteKysely } from './connect';
import { insertScreenings } from './insert-screenings';
import type { ScreeningTable } from './schema';

/**
 * The audit writer's thread: its own connection to the SQLite file, inserting each group of rows
 * it is sent in one transaction and answering once it is committed (on disk: synchronous=FULL).
 */
const kysely = openSqliteKysely((workerData as { file: string }).file);
const port = parentPort!;

port.on('message', async (message: { id: number; rows: ScreeningTable[] } | 'close') => {
  if (message === 'close') {
    await kysely.destroy();
    port.close();
    return;
  }
  try {
    await insertScreenings(kysely, message.rows);
    port.postMessage({ id: message.id });
  } catch (error) {
    const { message: text, code } = error as { message?: string; code?: string };
    port.postMessage({ id: message.id, error: { message: String(text), code } });
  }
});
