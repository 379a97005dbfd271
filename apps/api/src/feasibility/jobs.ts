import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { ApiError } from '../http/errors';
import type { FeasibilityProgress, FeasibilityRequest, FeasibilityResult } from './run';

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** A job as clients see it: its state, progress and, once done, the counts. */
export interface JobView {
  readonly id: string;
  readonly protocol: { readonly id: string; readonly version: number };
  readonly asOf: string;
  readonly state: JobState;
  /** While running: reading the patients, or counting them in SQL; null before and after. */
  readonly stage: FeasibilityProgress['stage'] | null;
  readonly done: number;
  readonly total: number | null;
  readonly created: string;
  readonly finished: string | null;
  readonly result: FeasibilityResult | null;
  readonly error: string | null;
}

interface Job {
  view: JobView;
  /** The token that started it: only it (or an admin) may read or cancel the job. */
  readonly owner: string;
  worker?: Worker;
}

export interface FeasibilityJobs {
  /** Starts a run on its own thread; 503 when `running` jobs are already under way on this instance. */
  start(owner: string, protocol: JobView['protocol'], request: FeasibilityRequest): JobView;
  get(id: string): { view: JobView; owner: string } | undefined;
  cancel(id: string): JobView | undefined;
  close(): Promise<void>;
}

export interface JobSettings {
  /** Jobs running at once on one instance. */
  readonly running: number;
  /** Finished jobs kept for their clients to read; the oldest are forgotten first. */
  readonly kept: number;
}

export const DEFAULT_JOBS: JobSettings = { running: 2, kept: 100 };

/**
 * Feasibility jobs held in this process's memory: a restart forgets them, and with several
 * instances a job is found only on the one that started it.
 */
export function createFeasibilityJobs(settings: JobSettings, logger: Logger): FeasibilityJobs {
  const url = new URL(`./thread${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
  const execArgv = url.pathname.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [];
  const jobs = new Map<string, Job>();

  const update = (job: Job, change: Partial<JobView>) => {
    job.view = { ...job.view, ...change };
  };
  const finish = (job: Job, change: Partial<JobView>) => {
    if (job.view.state === 'done' || job.view.state === 'failed' || job.view.state === 'cancelled') return;
    update(job, { ...change, stage: null, finished: new Date().toISOString() });
    const worker = job.worker;
    job.worker = undefined;
    void worker?.terminate();
    forgetOldest();
  };
  const active = () => [...jobs.values()].filter((j) => j.worker !== undefined).length;
  function forgetOldest() {
    const finished = [...jobs.values()].filter((j) => j.view.finished !== null);
    for (const job of finished.slice(0, Math.max(0, finished.length - settings.kept)))
      jobs.delete(job.view.id);
  }

  return {
    start(owner, protocol, request) {
      if (active() >= settings.running)
        throw new ApiError(
          503,
          'feasibility_busy',
          `${settings.running} feasibility runs are already under way on this server; retry when one has finished`,
          {},
          { 'Retry-After': '5' },
        );
      const id = randomUUID();
      const job: Job = {
        owner,
        view: {
          id,
          protocol,
          asOf: request.asOf,
          state: 'queued',
          stage: null,
          done: 0,
          total: null,
          created: new Date().toISOString(),
          finished: null,
          result: null,
          error: null,
        },
      };
      jobs.set(id, job);
      const worker = new Worker(url, { execArgv, workerData: request });
      // A run in progress does not keep a stopping server alive: jobs live in memory only.
      worker.unref();
      job.worker = worker;
      worker.on(
        'message',
        (
          message:
            | ({ type: 'progress' } & FeasibilityProgress)
            | { type: 'done'; result: FeasibilityResult }
            | { type: 'failed'; reason: string },
        ) => {
          if (job.worker !== worker) return;
          if (message.type === 'progress')
            update(job, { state: 'running', stage: message.stage, done: message.done, total: message.total });
          else if (message.type === 'done')
            finish(job, {
              state: 'done',
              result: message.result,
              done: message.result.patients + message.result.unread,
              total: message.result.patients + message.result.unread,
            });
          else {
            logger.warn({ job: id, reason: message.reason }, 'feasibility run failed');
            finish(job, { state: 'failed', error: 'The run failed; the server log has its job id' });
          }
        },
      );
      worker.on('error', (error) => {
        if (job.worker !== worker) return;
        // The class name only: an error's message could quote a document.
        logger.warn({ job: id, reason: error.name }, 'feasibility thread stopped');
        finish(job, { state: 'failed', error: 'The run failed; the server log has its job id' });
      });
      worker.on('exit', () => {
        if (job.worker === worker) finish(job, { state: 'failed', error: 'The run stopped unexpectedly' });
      });
      return job.view;
    },
    get(id) {
      const job = jobs.get(id);
      return job && { view: job.view, owner: job.owner };
    },
    cancel(id) {
      const job = jobs.get(id);
      if (!job) return undefined;
      finish(job, { state: 'cancelled' });
      return job.view;
    },
    async close() {
      await Promise.all([...jobs.values()].map((job) => job.worker?.terminate()));
    },
  };
}
