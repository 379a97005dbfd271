import { readFile } from 'node:fs/promises';
import type { Io } from '../io';
import { run } from '../run';

/** Runs the CLI in memory: real files for reading, a virtual overlay for written and inline files. */
export async function cli(args: string[], files: Record<string, string | Error> = {}) {
  let stdout = '';
  let stderr = '';
  const written: Record<string, string> = {};
  const read = async (path: string) => {
    const file = files[path];
    if (file instanceof Error) throw file;
    return file ?? (await readFile(path, 'utf8'));
  };
  const io: Io = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    readFile: read,
    writeFile: async (path, text) => {
      const file = files[path];
      if (file instanceof Error) throw file;
      written[path] = text;
    },
    readLines: async function* (path) {
      yield* (await read(path)).split('\n');
    },
  };
  const code = await run(args, io);
  return { code, stdout, stderr, written };
}
