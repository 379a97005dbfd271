/** Where a command reads and writes; the real process in main.ts, buffers in tests. */
export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => Promise<string>;
  readonly writeFile: (path: string, text: string) => Promise<void>;
  readonly readLines: (path: string) => AsyncIterable<string>;
}

/** A failure the user can fix; printed as one line on stderr with exit code 2. */
export class UsageError extends Error {}
