import { Worker } from 'node:worker_threads';
import type { ScreeningTable } from './schema';

export interface AuditWriter {
  /** Resolves once the rows are committed to disk. */
  write(rows: readonly ScreeningTable[]): Promise<void>;
  /** Finishes the writes already sent, then stops the thread. */
  close(): Promise<void>;
}

/**
 * Audit rows written by a thread of their own. A commit waits for the disk (about 2 ms here);
 * better-sqlite3 waits synchronously, so on the request thread every group commit stalled every
 * request in flight. The thread opens the same file with the same settings, so an acknowledged
 * screening is as durable as before.
 */
export function startAuditWriter(file: string): AuditWriter {
  const url = new URL(`./audit-thread${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
  // The thread runs TypeScript source like this module: load tsx there too when it is not built.
  const execArgv = url.pathname.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [];
  const worker = new Worker(url, { workerData: { file }, execArgv });
  const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let next = 0;
  let failure: Error | undefined;

  const failAll = (error: Error) => {
    failure = error;
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  worker.on('message', (reply: { id: number; error?: { message: string; code?: string } }) => {
    const w = waiting.get(reply.id);
    if (!w) return;
    waiting.delete(reply.id);
    if (!reply.error) return w.resolve();
    w.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
  });
  worker.on('error', (error) => failAll(error));
  worker.on('exit', (code) => failAll(new Error(`the audit writer stopped (exit code ${code})`)));
  worker.unref();

  return {
    write(rows) {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, rows });
      });
    },
    async close() {
      if (failure) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      // Unreferenced, the thread would not keep the process alive long enough to finish.
      worker.ref();
      worker.postMessage('close');
      await exited;
    },
  };
}
