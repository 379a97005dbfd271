import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const apiDir = fileURLToPath(new URL('../..', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface Running {
  readonly child: ChildProcess;
  readonly base: string;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

/**
 * Starts the server with the package's start script command (what `npm start` ends in), on a free
 * port, and waits until `listeners` processes listen. SQLite in `dataDir` unless `env` says otherwise.
 */
export async function startServer(
  dataDir: string,
  env: Record<string, string> = {},
  listeners = 1,
): Promise<Running> {
  const port = await freePort();
  const script = (
    JSON.parse(readFileSync(join(apiDir, 'package.json'), 'utf8')) as { scripts: { start: string } }
  ).scripts.start;
  const [command, ...args] = script.split(' ');
  expect(command).toBe('node');
  // Spawned directly (not through a package manager) so that signals reach the server itself.
  const child = spawn(process.execPath, args, {
    cwd: apiDir,
    env: {
      ...process.env,
      PORT: String(port),
      ELIGO_DATA_DIR: dataDir,
      DATABASE_URL: '',
      ELIGO_ADMIN_TOKEN: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 15_000;
  while (out.split('"msg":"listening').length - 1 < listeners) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`server did not start:\n${out}\n${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, base: `http://127.0.0.1:${port}`, stdout: () => out, stderr: () => err, exited };
}
