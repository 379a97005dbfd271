import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledProtocols } from '@eligo/protocols';
import { syntheticDocuments } from '../fixtures/bundles';
import { SEED } from './protocol';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI_MAIN = join(ROOT, 'packages/cli/src/main.ts');
const READ_LINES = fileURLToPath(new URL('../read-lines.ts', import.meta.url));
// Resolved here: the CLI's own package does not depend on tsx.
const TSX = import.meta.resolve('tsx');

export interface StreamMode {
  readonly mode: string;
  /** The command after `eligo` (or what the baseline does). */
  readonly command: string;
  readonly patients: number;
  /** Wall time of the process, start-up included. */
  readonly wallMs: number;
  /** Wall time less the same process given an empty file: the cost of the patients alone. */
  readonly netMs: number;
  readonly patientsPerSecond: number;
  readonly outputBytes: number;
  /** netMs over the summary's netMs per patient. */
  readonly timeVsSummary: number;
}

export interface StreamResult {
  readonly patients: number;
  readonly inputMiB: number;
  readonly modes: readonly StreamMode[];
}

/**
 * `eligo screen --ndjson` over a file of FHIR screening documents (NCT06469190, one patient per
 * line), each mode in a fresh process of the real command with its output written to a file, as a
 * pipeline would: the compact lines (the default), the attrition summary alone, and the baseline
 * of reading the lines and `JSON.parse`-ing them. `--full` and `--trace` run on a tenth of the
 * patients (they write 15–40 times more). Start-up (loading the modules, compiling the protocol)
 * is measured with an empty file and taken off.
 */
export async function streamPhase(options: { patients: number }): Promise<StreamResult> {
  const dir = mkdtempSync(join(tmpdir(), 'eligo-bench-stream-'));
  try {
    const input = join(dir, 'patients.ndjson');
    const fewer = join(dir, 'fewer.ndjson');
    const empty = join(dir, 'empty.ndjson');
    const few = Math.max(1, Math.round(options.patients / 10));
    write(input, options.patients);
    write(fewer, few);
    write(empty, 0);
    const protocol = bundledProtocols.NCT06469190!;
    const eligo = (...args: string[]) => [CLI_MAIN, 'screen', protocol, ...args];
    const runs: {
      mode: string;
      command: string;
      argv: (file: string) => string[];
      file: string;
      n: number;
    }[] = [
      {
        mode: 'read + JSON.parse',
        command: '(readline, JSON.parse)',
        argv: (f) => [READ_LINES, f],
        file: input,
        n: options.patients,
      },
      {
        mode: 'summary',
        command: 'screen --summary --json',
        argv: (f) => eligo('--input', f, '--summary', '--json'),
        file: input,
        n: options.patients,
      },
      {
        mode: 'ndjson (compact)',
        command: 'screen --ndjson',
        argv: (f) => eligo('--input', f, '--ndjson'),
        file: input,
        n: options.patients,
      },
      {
        mode: 'ndjson --full',
        command: 'screen --ndjson --full',
        argv: (f) => eligo('--input', f, '--ndjson', '--full'),
        file: fewer,
        n: few,
      },
      {
        mode: 'ndjson --trace',
        command: 'screen --ndjson --trace',
        argv: (f) => eligo('--input', f, '--ndjson', '--trace'),
        file: fewer,
        n: few,
      },
    ];
    const measured: Omit<StreamMode, 'timeVsSummary'>[] = [];
    for (const run of runs) {
      const out = join(dir, 'out.ndjson');
      const start = await timed(run.argv(empty), out);
      const full = await timed(run.argv(run.file), out);
      const netMs = Math.max(1, full - start);
      measured.push({
        mode: run.mode,
        command: run.command,
        patients: run.n,
        wallMs: round(full),
        netMs: round(netMs),
        patientsPerSecond: Math.round((run.n * 1000) / netMs),
        outputBytes: statSync(out).size,
      });
    }
    const summary = measured.find((m) => m.mode === 'summary')!;
    const perPatient = summary.netMs / summary.patients;
    return {
      patients: options.patients,
      inputMiB: round(statSync(input).size / 2 ** 20),
      modes: measured.map((m) => ({ ...m, timeVsSummary: round(m.netMs / m.patients / perPatient) })),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function write(path: string, count: number): void {
  const fd = openSync(path, 'w');
  try {
    for (const document of syntheticDocuments(count, SEED)) writeSync(fd, `${JSON.stringify(document)}\n`);
  } finally {
    closeSync(fd);
  }
}

/** Milliseconds from spawning `node --import tsx <argv>` (as `npm run eligo` does) to its exit, stdout into `out`. */
function timed(argv: string[], out: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const fd = openSync(out, 'w');
    const started = performance.now();
    const child = spawn(process.execPath, ['--conditions=development', '--import', TSX, ...argv], {
      stdio: ['ignore', fd, 'inherit'],
    });
    child.on('error', reject);
    child.on('close', (code) => {
      closeSync(fd);
      if (code !== 0) return reject(new Error(`${argv.join(' ')} exited with ${code}`));
      resolve(performance.now() - started);
    });
  });
}

const round = (v: number) => Math.round(v * 100) / 100;
