import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledProtocols } from '@eligo/protocols';
import { afterAll, describe, expect, it } from 'vitest';
import type { Io } from './io';
import { run } from './run';
import { forTerminal } from './terminal';

const PROTOCOL = bundledProtocols.NCT06469190;
const dir = mkdtempSync(join(tmpdir(), 'eligo-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The CLI over the real file system, its output captured. */
async function cli(args: string[], overrides: Partial<Io> = {}) {
  let stdout = '';
  let stderr = '';
  const { readFile, writeFile } = await import('node:fs/promises');
  const { createReadStream } = await import('node:fs');
  const { createInterface } = await import('node:readline');
  const code = await run(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    readFile: (path) => readFile(path, 'utf8'),
    writeFile: (path, text) => writeFile(path, text, 'utf8'),
    readLines: (path) => createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity }),
    ...overrides,
  });
  return { code, stdout, stderr };
}

const nodeError = (code: string, path: string) =>
  Object.assign(new Error(`${code}: failure, open '${path}'`), { code, path, syscall: 'open' });

describe('files that cannot be read or written', () => {
  it('a directory given as the protocol: one line and exit 2', async () => {
    for (const command of ['check', 'fmt', 'types']) {
      const r = await cli([command, dir]);
      expect([r.code, r.stderr, r.stdout]).toEqual([2, `eligo: cannot read '${dir}': is a directory\n`, '']);
    }
  });

  it('a directory or a missing file as the screening input, one patient or many', async () => {
    for (const flags of [[], ['--ndjson'], ['--summary']]) {
      const r = await cli(['screen', PROTOCOL, '--input', dir, ...flags]);
      expect([r.code, r.stderr]).toEqual([2, `eligo: cannot read '${dir}': is a directory\n`]);
      const missing = await cli(['screen', PROTOCOL, '--input', join(dir, 'none.json'), ...flags]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toBe(`eligo: cannot read '${join(dir, 'none.json')}': no such file\n`);
    }
  });

  it.skipIf(process.getuid?.() === 0)('a file without read permission (the real file system)', async () => {
    const file = join(dir, 'secret.elig');
    writeFileSync(file, 'trial T "t"\n');
    chmodSync(file, 0o000);
    const r = await cli(['check', file]);
    expect([r.code, r.stderr]).toEqual([2, `eligo: cannot read '${file}': permission denied\n`]);
  });

  it('a file without read permission, and one that cannot be written', async () => {
    const denied = await cli(['check', 'secret.elig'], {
      readFile: async (path) => Promise.reject(nodeError('EACCES', path)),
    });
    expect([denied.code, denied.stderr]).toEqual([
      2,
      "eligo: cannot read 'secret.elig': permission denied\n",
    ]);

    const text = readFileSync(PROTOCOL, 'utf8');
    const unformatted = text.replace(/^inclusion$/m, 'inclusion   ');
    expect(unformatted).not.toBe(text);
    const full = await cli(['fmt', 'p.elig', '--write'], {
      readFile: async () => unformatted,
      writeFile: async (path) => Promise.reject(nodeError('ENOSPC', path)),
    });
    expect([full.code, full.stderr]).toEqual([2, "eligo: cannot write 'p.elig': no space left on device\n"]);
  });

  it('keeps exit 1 for a protocol with errors, distinct from 2', async () => {
    const file = join(dir, 'bad.elig');
    writeFileSync(file, 'trial T "t"\ninclusion\n  IN-1 "w"\n    met if >= 3\n');
    expect((await cli(['check', file])).code).toBe(1);
  });

  it('reports a bug as an internal error with exit 3, not as a protocol error', async () => {
    const r = await cli(['check', 'x.elig'], {
      readFile: async () => Promise.reject(new RangeError('boom')),
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /^eligo: internal error \(please report it with the command line\):\nRangeError: boom\n/,
    );
  });

  it('the eligo command itself prints one line, no stack trace, and exits 2', () => {
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    const result = spawnSync(process.execPath, ['--import', 'tsx', main, 'check', dir], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`eligo: cannot read '${dir}': is a directory\n`);
    expect(result.stdout).toBe('');
  });
});

describe('control characters in what eligo prints for a terminal', () => {
  const ESC = '\u001b';

  it('are shown, not obeyed, in diagnostics, with the carets still under the right column', async () => {
    const file = join(dir, 'escape.elig');
    // A title that would clear the screen and set the window title, and colour codes before an error.
    writeFileSync(
      file,
      `trial T "t${ESC}[2J${ESC}]0;pwned\u0007"\ninclusion\n  IN-1 "x${ESC}[31m" source "s${ESC}[0m" met if zzz\n`,
    );
    const r = await cli(['check', file]);
    expect(r.code).toBe(1);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point.
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    const frame = r.stdout.split('\n');
    const line = frame.findIndex((l) => l.endsWith('|   IN-1 "x␛[31m" source "s␛[0m" met if zzz'));
    expect(line).toBeGreaterThan(0);
    // Each shown character takes the one column its control character took: the carets are under zzz.
    const at = frame[line + 1]!.indexOf('^^^');
    expect(frame[line]!.slice(at)).toBe('zzz');
  });

  it('are shown, not obeyed, in a file name and in input errors on stderr', async () => {
    const name = join(dir, `evil${ESC}[2J.elig`);
    const r = await cli(['check', name]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`eligo: cannot read '${join(dir, 'evil␛[2J.elig')}': no such file\n`);
  });

  it('maps C0 controls to control pictures and C1 to \\x escapes, keeping newlines, tabs and CRLF', () => {
    expect(forTerminal(`a${ESC}[0m\tb\r\nc\rd\u007f\u009b\u0000`)).toBe('a␛[0m\tb\r\nc␍d␡\\x9b␀');
  });

  it('shows a bidirectional control in the code frame as one replacement character, the caret under it', async () => {
    const file = join(dir, 'bidi.elig');
    writeFileSync(file, 'trial X "x"\nquestion q "a\u202eb": yes/no\ninclusion\n  A-1 met if q\n');
    const r = await cli(['check', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/[\u202a-\u202e]/);
    const lines = r.stdout.split('\n');
    const quoted = lines.findIndex((l) => l.includes('question q "a\ufffdb"'));
    expect(quoted).toBeGreaterThan(-1);
    expect(lines[quoted + 1]!.indexOf('^')).toBe(lines[quoted]!.indexOf('\ufffd'));
  });
});
