import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RUN = fileURLToPath(new URL('../run.ts', import.meta.url));

/**
 * Runs one phase in a fresh Node process (same flags as this one) and returns the JSON it prints
 * last: cold starts need a cold process, and peak memory is only meaningful for a process that did
 * nothing else.
 */
export function runWorker<T>(worker: string, args: readonly string[] = [], entry = RUN): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, entry, '--worker', worker, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`worker ${worker} exited with ${code}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`worker ${worker} printed no result`));
      }
    });
  });
}
