/**
 * Storage failures a client can do nothing about but wait: the disk is full, the disk failed, or
 * the database server is gone. They become 503 with `Retry-After` instead of a 500, take the
 * instance out of readiness, and are logged with the driver's code.
 */
export type StorageFailureKind = 'full' | 'io_error' | 'unreachable';

export interface StorageFailure {
  readonly kind: StorageFailureKind;
  /** The driver's own code (`SQLITE_FULL`, `53100`, `ECONNREFUSED`, …): safe to log, never input. */
  readonly code: string;
}

// PostgreSQL SQLSTATEs (https://www.postgresql.org/docs/current/errcodes-appendix.html).
const POSTGRES: Record<string, StorageFailureKind> = {
  '53100': 'full', // disk_full
  '58030': 'io_error', // io_error
  '57P01': 'unreachable', // admin_shutdown (pg_terminate_backend, a restart)
  '57P02': 'unreachable', // crash_shutdown
  '57P03': 'unreachable', // cannot_connect_now (starting up, in recovery)
  '53300': 'unreachable', // too_many_connections
};

const SYSTEM: Record<string, StorageFailureKind> = {
  ENOSPC: 'full',
  EDQUOT: 'full',
  EIO: 'io_error',
  EROFS: 'io_error',
  ECONNREFUSED: 'unreachable',
  ECONNRESET: 'unreachable',
  ETIMEDOUT: 'unreachable',
  EPIPE: 'unreachable',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  ENOTFOUND: 'unreachable',
  EAI_AGAIN: 'unreachable',
};

// node-postgres reports a lost or never-made connection with these messages and no code.
const PG_CONNECTION_LOST =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable)/;

/** What kind of storage failure `error` is, or undefined for any other error. */
export function storageFailure(error: unknown): StorageFailure | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (code === 'SQLITE_FULL') return { kind: 'full', code };
    // SQLITE_IOERR and its extended codes (SQLITE_IOERR_WRITE, _FSYNC, …); a file that cannot be
    // opened or has become read-only underneath the service is a disk problem too.
    if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_READONLY'))
      return { kind: 'io_error', code };
    const kind = POSTGRES[code] ?? SYSTEM[code] ?? (code.startsWith('08') ? 'unreachable' : undefined);
    if (kind) return { kind, code };
  }
  if (typeof message === 'string' && PG_CONNECTION_LOST.test(message))
    return { kind: 'unreachable', code: 'connection_lost' };
  // Errors wrapped by a pool or a driver keep the original as their cause.
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error ? storageFailure(cause) : undefined;
}

/** How long a client should wait before retrying, per kind, for `Retry-After` (seconds). */
export const RETRY_AFTER_S: Record<StorageFailureKind, number> = { full: 60, io_error: 30, unreachable: 5 };
