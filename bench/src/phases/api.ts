import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { realisticDocument } from '../fixtures/bundle';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const API_MAIN = process.env.ELIGO_BENCH_API_MAIN || join(ROOT, 'apps/api/src/main.ts');

export type ApiResult =
  | { readonly skipped: string }
  | {
      readonly connections: number;
      /** Server processes (ELIGO_WORKERS). */
      readonly workers: number;
      readonly durationS: number;
      readonly requests: number;
      readonly screeningsPerSecond: number;
      readonly latencyMs: { readonly p50: number; readonly p99: number; readonly max: number };
      readonly non2xx: number;
      readonly errors: number;
      readonly bodyBytes: number;
      readonly responseBytes: number;
      readonly verdicts: Record<string, string>;
      /**
       * CPU used during the load, in cores (1 = one core busy all the time) and in CPU milliseconds
       * per screening: the server's cost per request, which other load on the machine changes less
       * than throughput. Absent where `/proc` is not readable.
       */
      readonly cpu?: {
        readonly serverCores: number;
        readonly serverMsPerScreening: number;
        readonly loadGeneratorCores: number;
      };
    };

/**
 * Screenings per second against the real server: `apps/api` started as a child process on a free
 * loopback port with an empty temporary database, loaded by autocannon from a second process with
 * the ~60-resource FHIR document, for a bounded duration. The per-token rate limit is turned off
 * (ELIGO_RATE_LIMIT=0): it would measure the limit, not the service. Request logs stay on, as in
 * production, and go to /dev/null. The server runs as many processes as the machine has cores
 * (ELIGO_WORKERS; ELIGO_BENCH_API_WORKERS overrides it), which is how a site would run it on a
 * machine of its own. Screenings get the default, compact answer, like an integration reading
 * verdicts (ELIGO_BENCH_API_FULL=1: the full one, each criterion's text, no trace trees).
 * A 3-second load before the measured one warms the servers up. ELIGO_BENCH_API_MAIN runs another
 * copy of the server's entry point (an older version, to compare).
 */
const WARM_UP_S = 3;

/** A running server of `apps/api` on a free loopback port, with an empty temporary database. */
export interface ApiServer {
  readonly base: string;
  readonly token: string;
  readonly pid: number | undefined;
  readonly workers: number;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/** Starts the server (or says why it could not); its rate limits are off unless `env` sets them. */
export async function startApiServer(
  workers: number,
  env: Record<string, string> = {},
): Promise<ApiServer | { skipped: string }> {
  if (!existsSync(API_MAIN)) return { skipped: `no API yet (${API_MAIN} is missing)` };
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'eligo-bench-api-'));
  const logFile = join(dataDir, 'server.log');
  const token = `eligo_bench_${randomBytes(18).toString('hex')}`;
  // ELIGO_BENCH_API_PROFILE=<dir> writes a CPU profile of the server, to see what bounds it.
  const profile = process.env.ELIGO_BENCH_API_PROFILE;
  const flags = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const server = spawn(process.execPath, [...flags, '--import', 'tsx', API_MAIN], {
    cwd: join(ROOT, 'apps/api'),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ELIGO_DATA_DIR: dataDir,
      ELIGO_ADMIN_TOKEN: token,
      ELIGO_RATE_LIMIT: '0',
      ELIGO_WORKERS: String(workers),
      DATABASE_URL: '',
      ...env,
    },
    // The request log goes to a file, as a site's would; its start lines tell when every process listens.
    stdio: ['ignore', openSync(logFile, 'w'), 'pipe'],
  });
  let stderr = '';
  server.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const done = async () => {
    await stop(server);
    rmSync(dataDir, { recursive: true, force: true });
  };
  const up = await waitForListening(logFile, workers, server, 60_000);
  if (!up) {
    await done();
    return { skipped: `the API did not start listening: ${stderr.trim().split('\n').slice(-3).join(' | ')}` };
  }
  return { base: `http://127.0.0.1:${port}`, token, pid: server.pid, workers, dataDir, stop: done };
}

export async function apiPhase(options: { durationS: number; connections: number }): Promise<ApiResult> {
  const workers = Number(process.env.ELIGO_BENCH_API_WORKERS ?? availableParallelism());
  const started = await startApiServer(workers);
  if ('skipped' in started) return started;
  const { base, token, dataDir } = started;
  try {
    const url = `${base}/v1/protocols/NCT06469190/screenings`;
    // ELIGO_BENCH_API_FULL=1 asks for the full screening (the default answer before it was compact).
    const full = process.env.ELIGO_BENCH_API_FULL === '1';
    const body = JSON.stringify(full ? { ...realisticDocument(), full: true } : realisticDocument());
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const first = await fetch(url, { method: 'POST', headers, body });
    if (!first.ok)
      return {
        skipped: `a screening request failed: HTTP ${first.status} ${(await first.text()).slice(0, 200)}`,
      };
    const text = await first.text();
    const screening = JSON.parse(text) as { cohorts?: { id: string; verdict: string }[] };
    const verdicts = Object.fromEntries((screening.cohorts ?? []).map((c) => [c.id, c.verdict]));

    const bodyFile = join(dataDir, 'body.json');
    writeFileSync(bodyFile, body);
    const load = (seconds: number) =>
      autocannon(started.pid, [
        '--json',
        '-c',
        String(options.connections),
        '-d',
        String(seconds),
        '-m',
        'POST',
        '-H',
        `authorization=Bearer ${token}`,
        '-H',
        'content-type=application/json',
        '-i',
        bodyFile,
        url,
      ]);
    // Unmeasured: each server process's JIT warms up, as it has in a service that has been running.
    await load(WARM_UP_S);
    const report = await load(options.durationS);
    const cpu = report.cpu?.(report.requests.total);
    if (cpu)
      process.stderr.write(
        `bench: API CPU: server ${cpu.serverCores} cores, ${cpu.serverMsPerScreening} ms per screening; autocannon ${cpu.loadGeneratorCores} cores; response ${Buffer.byteLength(text)} bytes\n`,
      );
    return {
      connections: options.connections,
      workers,
      durationS: options.durationS,
      requests: report.requests.total,
      screeningsPerSecond: report.requests.total / report.duration,
      latencyMs: { p50: report.latency.p50, p99: report.latency.p99, max: report.latency.max },
      non2xx: report.non2xx,
      errors: report.errors,
      bodyBytes: body.length,
      responseBytes: Buffer.byteLength(text),
      verdicts,
      ...(cpu ? { cpu } : {}),
    };
  } finally {
    await started.stop();
  }
}

export interface AutocannonReport {
  duration: number;
  timeouts?: number;
  requests: { total: number; average: number };
  latency: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
}

type CpuReader = (requests: number) => NonNullable<Extract<ApiResult, { cpu?: unknown }>['cpu']>;

/**
 * autocannon's CLI in its own process, so the load does not share an event loop with anything.
 * The server's and autocannon's CPU time are read from `/proc` while it runs: autocannon's last
 * reading is taken when it prints its report, before it exits.
 */
export function autocannon(
  serverPid: number | undefined,
  args: string[],
): Promise<AutocannonReport & { cpu?: CpuReader }> {
  const bin = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
    const serverStart = cpuSeconds(serverPid);
    let clientLast = cpuSeconds(child.pid);
    let serverEnd: number | undefined;
    let elapsed = 0;
    // Sampled every 100 ms: the last sample before exit stands for autocannon's total.
    const sampler = setInterval(() => {
      clientLast = cpuSeconds(child.pid) ?? clientLast;
    }, 100);
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      if (serverEnd === undefined) {
        serverEnd = cpuSeconds(serverPid);
        elapsed = (performance.now() - started) / 1000;
      }
      out += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sampler);
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}`));
      let report: AutocannonReport;
      try {
        report = JSON.parse(out) as AutocannonReport;
      } catch {
        return reject(new Error('autocannon printed no JSON report'));
      }
      if (serverStart === undefined || serverEnd === undefined || clientLast === undefined || elapsed === 0)
        return resolve(report);
      const server = serverEnd - serverStart;
      const client = clientLast;
      resolve({
        ...report,
        cpu: (requests) => ({
          serverCores: round(server / elapsed),
          serverMsPerScreening: round((server * 1000) / Math.max(1, requests)),
          loadGeneratorCores: round(client / elapsed),
        }),
      });
    });
  });
}

const round = (v: number) => Math.round(v * 1000) / 1000;

/**
 * User + system CPU seconds of a process (all its threads) and of its child processes (the server
 * processes under ELIGO_WORKERS), from /proc; undefined elsewhere.
 */
function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  const own = procStat(pid);
  if (!own) return undefined;
  let ticks = own.ticks;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === pid) continue;
    const child = procStat(Number(entry));
    if (child?.parent === pid) ticks += child.ticks;
  }
  // Clock ticks are USER_HZ, 100 on Linux.
  return ticks / 100;
}

function procStat(pid: number): { parent: number; ticks: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces: the parent
    // is the line's 4th field, utime and stime its 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Until every server process has logged that it listens (each compiles the protocol first). */
async function waitForListening(
  logFile: string,
  processes: number,
  server: ChildProcess,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) return false;
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    if (log.split('"msg":"listening').length - 1 >= processes) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

function stop(server: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (server.exitCode !== null) return resolve();
    const force = setTimeout(() => server.kill('SIGKILL'), 15_000);
    server.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    server.kill('SIGTERM');
  });
}
