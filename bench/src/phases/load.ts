import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { realisticDocument } from '../fixtures/bundle';
import { type AutocannonReport, autocannon, startApiServer } from './api';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The largest protocol of the corpus: what an author's check sends at its heaviest. */
const CHECKED = join(ROOT, 'packages/protocols/NCT05715229/NCT05715229.elig');

export type LoadResult =
  | { readonly skipped: string }
  | {
      readonly workers: number;
      readonly connections: number;
      /** Screenings per second the server answered flat out (10 s, after a 3 s warm-up). */
      readonly capacityPerSecond: number;
      readonly hold: {
        readonly seconds: number;
        readonly ratePerSecond: number;
        readonly requests: number;
        readonly errors: number;
        readonly non2xx: number;
        readonly timeouts: number;
        readonly latencyMs: { readonly p50: number; readonly p99: number; readonly max: number };
        /** Resident memory of the server processes, sampled every 5 s (MiB). */
        readonly rssMiB: readonly number[];
        /** Mean of the last minute's samples minus the first minute's, after the first 30 s. */
        readonly rssGrowthMiB: number;
      };
      readonly mixed: {
        readonly screeningRatePerSecond: number;
        readonly compileConnections: number;
        readonly alone: { readonly p50: number; readonly p99: number; readonly non2xx: number };
        readonly withCompiles: { readonly p50: number; readonly p99: number; readonly non2xx: number };
        readonly compiles: { readonly perSecond: number; readonly ok: number; readonly refused: number };
        /** Screening p99 with compiles beside them over p99 alone (target ≤ 2). */
        readonly p99Ratio: number;
      };
    };

/**
 * The service under sustained and mixed load, over loopback: its capacity measured first, then
 * held at that rate (autocannon's `--overallRate`) for `holdS` seconds while the server's memory is
 * sampled, then screenings at half that rate alone and beside a stream of compile requests
 * (`POST /v1/check` with the largest corpus protocol) to see what compiling costs the screenings.
 */
export async function loadPhase(options: { holdS: number; connections: number }): Promise<LoadResult> {
  const workers = Number(process.env.ELIGO_BENCH_API_WORKERS ?? availableParallelism());
  const server = await startApiServer(workers);
  if ('skipped' in server) return server;
  const progress = (s: string) => process.stderr.write(`bench: load: ${s}\n`);
  try {
    const screenings = `${server.base}/v1/protocols/NCT06469190/screenings`;
    const screeningBody = join(server.dataDir, 'screening.json');
    writeFileSync(screeningBody, JSON.stringify(realisticDocument()));
    const checkBody = join(server.dataDir, 'check.json');
    writeFileSync(checkBody, JSON.stringify({ text: readFileSync(CHECKED, 'utf8') }));
    const post = (url: string, file: string, seconds: number, connections: number, rate?: number) =>
      autocannon(server.pid, [
        '--json',
        '-c',
        String(connections),
        '-d',
        String(seconds),
        ...(rate ? ['-R', String(rate)] : []),
        '-m',
        'POST',
        '-H',
        `authorization=Bearer ${server.token}`,
        '-H',
        'content-type=application/json',
        '-i',
        file,
        url,
      ]);

    progress('capacity');
    await post(screenings, screeningBody, 3, options.connections);
    const flat = await post(screenings, screeningBody, 10, options.connections);
    const capacity = Math.floor(flat.requests.total / flat.duration);

    progress(`holding ${capacity}/s for ${options.holdS} s`);
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(rssMiB(server.pid)), 5000);
    let held: AutocannonReport;
    try {
      held = await post(screenings, screeningBody, options.holdS, options.connections, capacity);
    } finally {
      clearInterval(sampler);
    }

    const rate = Math.max(1, Math.floor(capacity / 2));
    const compileConnections = 2;
    progress(`mixed: ${rate}/s screenings alone, then beside compiles`);
    const alone = await post(screenings, screeningBody, 20, options.connections, rate);
    const [beside, compiles] = await Promise.all([
      post(screenings, screeningBody, 20, options.connections, rate),
      post(`${server.base}/v1/check`, checkBody, 20, compileConnections),
    ]);

    return {
      workers,
      connections: options.connections,
      capacityPerSecond: capacity,
      hold: {
        seconds: options.holdS,
        ratePerSecond: capacity,
        requests: held.requests.total,
        errors: held.errors,
        non2xx: held.non2xx,
        timeouts: held.timeouts ?? 0,
        latencyMs: { p50: held.latency.p50, p99: held.latency.p99, max: held.latency.max },
        rssMiB: samples,
        rssGrowthMiB: growth(samples),
      },
      mixed: {
        screeningRatePerSecond: rate,
        compileConnections,
        alone: { p50: alone.latency.p50, p99: alone.latency.p99, non2xx: alone.non2xx },
        withCompiles: { p50: beside.latency.p50, p99: beside.latency.p99, non2xx: beside.non2xx },
        compiles: {
          perSecond: round(compiles.requests.total / compiles.duration),
          ok: compiles.requests.total - compiles.non2xx,
          refused: compiles.non2xx,
        },
        p99Ratio: round(beside.latency.p99 / Math.max(1, alone.latency.p99)),
      },
    };
  } finally {
    await server.stop();
  }
}

/** Resident set of a process and its children (the server's worker processes), from /proc. */
function rssMiB(pid: number | undefined): number {
  if (pid === undefined) return 0;
  let kib = 0;
  for (const entry of [String(pid), ...childrenOf(pid)]) {
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      kib += Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return round(kib / 1024);
}

function childrenOf(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  } catch {
    return [];
  }
}

/** Growth between the first and the last minute of samples, leaving out the first 30 s of warm-up. */
function growth(samples: readonly number[]): number {
  const settled = samples.slice(6);
  if (settled.length < 24) return round((settled.at(-1) ?? 0) - (settled[0] ?? 0));
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return round(mean(settled.slice(-12)) - mean(settled.slice(0, 12)));
}

const round = (v: number) => Math.round(v * 100) / 100;

export function renderLoad(result: LoadResult): string {
  if ('skipped' in result) return `## API load\n\nskipped: ${result.skipped}\n`;
  const { hold, mixed } = result;
  return [
    '## API load (loopback)',
    '',
    `${result.workers} server processes, ${result.connections} connections, the ~60-resource FHIR document.`,
    '',
    `- capacity: ${result.capacityPerSecond} screenings/s`,
    `- held at ${hold.ratePerSecond}/s for ${hold.seconds} s: ${hold.requests} requests, ${hold.errors} errors, ${hold.non2xx} non-2xx, ${hold.timeouts} timeouts; p50 ${hold.latencyMs.p50} ms, p99 ${hold.latencyMs.p99} ms, max ${hold.latencyMs.max} ms`,
    `- server memory: ${hold.rssMiB[0] ?? '?'} → ${hold.rssMiB.at(-1) ?? '?'} MiB (max ${Math.max(0, ...hold.rssMiB)}), last minute minus first minute after warm-up: ${hold.rssGrowthMiB} MiB`,
    `- mixed: ${mixed.screeningRatePerSecond} screenings/s alone p99 ${mixed.alone.p99} ms; beside ${mixed.compileConnections} connections of compiles (${mixed.compiles.perSecond}/s, ${mixed.compiles.ok} answered, ${mixed.compiles.refused} refused) p99 ${mixed.withCompiles.p99} ms: ${mixed.p99Ratio}× (target ≤ 2×)`,
    '',
  ].join('\n');
}
