import type { Logger } from 'pino';
import type { QueryObserver } from './observed-dialect';
import { type StorageFailure, storageFailure } from './storage-errors';

export interface StorageProblem extends StorageFailure {
  /** When the first failure of this kind was seen (ISO 8601). */
  readonly since: string;
}

/**
 * Whether the last storage failure is still current. A full or failing disk stays a problem until a
 * write succeeds again (reads can go on succeeding meanwhile); a lost database server, until any
 * statement succeeds. Readiness reports it; liveness does not, since restarting would not help.
 */
export interface StorageHealth extends QueryObserver {
  readonly problem: StorageProblem | undefined;
  /**
   * Fault injection for tests: called before each statement (and each audit write) with its SQL;
   * an error it returns is thrown in place of running it, as the driver would throw it.
   */
  fault: ((sql: string) => Error | undefined) | undefined;
}

const WRITE = /^\s*(insert|update|delete|replace|commit|create|alter|drop)\b/i;

export function storageHealth(logger?: Logger): StorageHealth {
  let problem: StorageProblem | undefined;
  return {
    get problem() {
      return problem;
    },
    fault: undefined,
    before(sql) {
      const error = this.fault?.(sql);
      if (error) throw error;
    },
    succeeded(sql) {
      if (!problem || (problem.kind !== 'unreachable' && !WRITE.test(sql))) return;
      logger?.info(
        { storage: problem.kind, code: problem.code, since: problem.since },
        'storage available again',
      );
      problem = undefined;
    },
    failed(error) {
      const failure = storageFailure(error);
      if (!failure || (problem && problem.kind === failure.kind)) return;
      problem = { ...failure, since: new Date().toISOString() };
      logger?.error({ storage: failure.kind, code: failure.code }, 'storage unavailable');
    },
  };
}
