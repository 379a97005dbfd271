import { Worker } from 'node:worker_threads';
import type { LocatedDiagnostic } from '@eligo/core';
import { ApiError } from '../http/errors';

/** How criteria text from requests is compiled: off the request thread, within a time and a memory budget. */
export interface CompileSettings {
  /** Compile threads per server process. */
  readonly threads: number;
  /** Longest one compile may run on its thread before the thread is stopped. */
  readonly timeoutMs: number;
  /** Heap (old generation) of one compile thread, in MiB. */
  readonly memoryMb: number;
  /** Compiles waiting for a thread, beyond which requests are turned away with 503. */
  readonly queue: number;
}

export interface CompileRequest {
  readonly id: number;
  readonly text: string;
  readonly name: string;
}

/** What a compile thread sends back: plain data, never the compiled protocol. */
export interface CompileReply {
  readonly id: number;
  readonly ok: boolean;
  readonly protocol:
    | {
        readonly id: string;
        readonly title: string | undefined;
        readonly hash: string;
        /** The text's `version "…"`, which publishing checks against the number it gives. */
        readonly version: string | undefined;
      }
    | undefined;
  readonly diagnostics: LocatedDiagnostic[];
  /** Time the thread spent compiling. */
  readonly ms: number;
}

export type Compiled = Omit<CompileReply, 'id'>;

export interface CompilePool {
  /**
   * Compiles on a thread of the pool. Rejects with a 422 when the text goes over the time or
   * memory budget and a 503 when too many compiles wait; `spent` learns how long the thread was
   * busy with it (the budget itself after a timeout), for the per-token budget.
   */
  compile(text: string, name: string, spent?: (ms: number) => void): Promise<Compiled>;
  /** Starts the threads now, so the first request need not wait for one to load the compiler. */
  warm(): void;
  close(): Promise<void>;
}

interface Job {
  readonly id: number;
  readonly text: string;
  readonly name: string;
  readonly spent: ((ms: number) => void) | undefined;
  resolve(compiled: Compiled): void;
  reject(error: Error): void;
}

interface Slot {
  readonly worker: Worker;
  state: 'starting' | 'idle' | 'busy' | 'gone';
  job?: { readonly job: Job; readonly started: number; readonly timer: NodeJS.Timeout };
  /** Why the thread stopped, when it stopped itself (out of memory). */
  failure?: Error;
}

const SECONDS = (ms: number) => `${Math.round(ms / 100) / 10} s`;

export function createCompilePool(settings: CompileSettings): CompilePool {
  const url = new URL(`./thread${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
  // The thread runs TypeScript source like this module: load tsx there too when it is not built.
  const execArgv = url.pathname.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [];
  const slots = new Set<Slot>();
  const waiting: Job[] = [];
  let next = 0;
  let closed = false;

  function spawn(): Slot {
    const worker = new Worker(url, {
      execArgv,
      resourceLimits: { maxOldGenerationSizeMb: settings.memoryMb },
    });
    const slot: Slot = { worker, state: 'starting' };
    slots.add(slot);
    worker.on('message', (reply: CompileReply | 'ready') => {
      // A job's time starts once the thread has loaded the compiler, not while it loads.
      if (reply === 'ready') {
        slot.state = 'idle';
        // An idle thread keeps no process alive; one with a compile does, until it answers.
        worker.unref();
        return pump();
      }
      const running = slot.job;
      if (!running || running.job.id !== reply.id) return;
      clearTimeout(running.timer);
      slot.job = undefined;
      slot.state = 'idle';
      worker.unref();
      running.job.spent?.(reply.ms);
      const { id: _id, ...compiled } = reply;
      running.job.resolve(compiled);
      pump();
    });
    worker.on('error', (error) => {
      slot.failure = error;
    });
    worker.on('exit', () => {
      const starting = slot.state === 'starting';
      slot.state = 'gone';
      slots.delete(slot);
      if (starting) {
        // A thread that cannot even load the compiler would fail again: the waiting compiles
        // fail now, and the next compile tries a new thread.
        const error = stopped(slot.failure);
        for (const job of waiting.splice(0)) job.reject(error);
        return;
      }
      const running = slot.job;
      if (running) {
        clearTimeout(running.timer);
        slot.job = undefined;
        running.job.spent?.(performance.now() - running.started);
        running.job.reject(stopped(slot.failure));
      }
      pump();
    });
    return slot;
  }

  /** What a thread that stopped by itself with a job means to the client. */
  function stopped(failure: Error | undefined): Error {
    if ((failure as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      return new ApiError(
        422,
        'compile_out_of_memory',
        `Compiling the text needed more than ${settings.memoryMb} MiB and was stopped; shorten the text or split it`,
      );
    }
    return failure ?? new Error('a compile thread stopped');
  }

  function run(slot: Slot, job: Job) {
    slot.state = 'busy';
    slot.worker.ref();
    const timer = setTimeout(() => {
      if (slot.job?.job !== job) return;
      slot.job = undefined;
      job.spent?.(settings.timeoutMs);
      job.reject(
        new ApiError(
          422,
          'compile_timeout',
          `Compiling the text took longer than ${SECONDS(settings.timeoutMs)} and was stopped; shorten the text or split it`,
        ),
      );
      // The thread may be deep in the grammar engine: only stopping it gets the core back.
      void slot.worker.terminate();
    }, settings.timeoutMs);
    slot.job = { job, started: performance.now(), timer };
    slot.worker.postMessage({ id: job.id, text: job.text, name: job.name } satisfies CompileRequest);
  }

  function pump() {
    if (closed) return;
    for (const slot of slots) {
      if (waiting.length === 0) return;
      if (slot.state === 'idle') run(slot, waiting.shift()!);
    }
    if (waiting.length > 0 && slots.size < settings.threads) spawn();
  }

  return {
    compile(text, name, spent) {
      if (closed) return Promise.reject(new Error('the compile pool is closed'));
      if (waiting.length >= settings.queue) {
        return Promise.reject(
          new ApiError(
            503,
            'compile_busy',
            'Too many texts are being compiled; retry shortly',
            {},
            { 'Retry-After': '1' },
          ),
        );
      }
      return new Promise<Compiled>((resolve, reject) => {
        waiting.push({ id: next++, text, name, spent, resolve, reject });
        pump();
      });
    },
    warm() {
      while (!closed && slots.size < settings.threads) spawn();
    },
    async close() {
      closed = true;
      for (const job of waiting.splice(0)) job.reject(new Error('the compile pool is closed'));
      await Promise.all([...slots].map((slot) => slot.worker.terminate()));
    },
  };
}
