/** Where a command reads and writes; the real process in main.ts, buffers in tests. */
export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => Promise<string>;
  readonly writeFile: (path: string, text: string) => Promise<void>;
  readonly readLines: (path: string) => AsyncIterable<string>;
  /** The environment variables a command reads (DATABASE_URL). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A progress line for a person at a terminal (rewritten in place; '' clears it); absent otherwise. */
  readonly progress?: (text: string) => void;
}

/** Exit codes, documented in docs/cli.md. */
export const EXIT = {
  ok: 0,
  /** The protocol has errors (check, and commands that compile it), or is not formatted (fmt --check). */
  problems: 1,
  /** Bad usage or input: unknown command or option, a file that cannot be read or written, invalid JSON. */
  input: 2,
  /** A bug in eligo: reported with its stack. */
  internal: 3,
} as const;

/** A failure the user can fix; printed as one line on stderr with exit code 2. */
export class UsageError extends Error {}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'name too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EIO: 'input/output error',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EBUSY: 'resource busy',
  EFBIG: 'file too large',
  ERR_FS_FILE_TOO_LARGE: 'file too large',
};

/**
 * The file operations of `io`, with a failing one turned into a UsageError that names the file and
 * the reason in a few words (`eligo: cannot read 'x.elig': is a directory`) instead of an error
 * with a stack.
 */
export function withFileErrors(io: Io): Io {
  return {
    ...io,
    readFile: (path) =>
      io.readFile(path).catch((error: unknown) => Promise.reject(fileError(error, path, 'read'))),
    writeFile: (path, text) =>
      io.writeFile(path, text).catch((error: unknown) => Promise.reject(fileError(error, path, 'write'))),
    readLines: async function* (path) {
      try {
        yield* io.readLines(path);
      } catch (error) {
        throw fileError(error, path, 'read');
      }
    },
  };
}

function fileError(error: unknown, path: string, doing: 'read' | 'write'): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^E[A-Z_]+$/.test(code)) return error;
  return new UsageError(`eligo: cannot ${doing} '${path}': ${REASONS[code] ?? code}`);
}
