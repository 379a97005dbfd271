import { Worker } from 'node:worker_threads';
import type { CompiledProtocol } from '@eligo/core';
import type { Resource } from '../bulk/bundle';
import { type PatientTexts, type ReadPatients, readPatients } from './readPatients';

/** Reads chunks of patients, in threads of their own or, with no threads, on the caller's. */
export interface ReadPool {
  /** The chunk's population batch; chunks may be read in parallel, each promise is its own chunk's. */
  read(patients: PatientTexts[]): Promise<ReadPatients>;
  close(): Promise<void>;
}

/**
 * `threads` reading threads (0: read on the calling thread). Reading a resource through
 * @eligo/fhir costs more than DuckDB takes to hand it over, so on a machine with cores to spare
 * the reading runs beside the stream of resources and the appends of the batches read.
 */
export function readPool(
  info: CompiledProtocol['info'],
  asOf: string,
  medications: Map<string, Resource>,
  threads: number,
): ReadPool {
  if (threads <= 0)
    return {
      read: async (patients) => readPatients(info, asOf, medications, patients),
      close: async () => {},
    };
  const url = new URL(`./readThread${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
  // The thread runs TypeScript source like this module: load tsx there too when it is not built.
  const execArgv = url.pathname.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [];
  const waiting = new Map<number, { resolve: (r: ReadPatients) => void; reject: (e: Error) => void }>();
  // A thread that died fails what it had and everything asked after: nothing waits forever.
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    for (const w of waiting.values()) w.reject(failure);
    waiting.clear();
  };
  let closing = false;
  const workers = Array.from({ length: threads }, () => {
    const worker = new Worker(url, { execArgv, workerData: { info, asOf, medications } });
    worker.on('message', (m: { seq: number; read?: ReadPatients; error?: string }) => {
      const w = waiting.get(m.seq);
      waiting.delete(m.seq);
      if (m.read !== undefined) w?.resolve(m.read);
      else w?.reject(new Error(`reading a chunk of patients failed: ${m.error}`));
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!closing) fail(new Error(`a reading thread stopped (exit code ${code})`));
    });
    return worker;
  });
  let next = 0;
  return {
    read: (patients) =>
      new Promise((resolve, reject) => {
        if (failure !== undefined) return reject(failure);
        const seq = next++;
        waiting.set(seq, { resolve, reject });
        workers[seq % workers.length]!.postMessage({ seq, patients });
      }),
    close: async () => {
      closing = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
