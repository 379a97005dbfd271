import fc from 'fast-check';
import type { Target } from '../../core/fuzz/targets';

export interface TargetReport {
  readonly name: string;
  readonly inputs: number;
  readonly milliseconds: number;
  /** Each distinct problem with how often it came up and the first input that showed it. */
  readonly findings: { problem: string; count: number; example: unknown }[];
}

/**
 * Runs `total` inputs spread over the targets by weight, in chunks drawn with fast-check from
 * successive seeds, and collects every problem instead of stopping at the first: an exception
 * thrown by a phase is a problem too ("uncaught …"), with its first stack frame.
 */
export function runCampaign(
  targets: readonly Target[],
  total: number,
  seed: number,
  progress?: (report: TargetReport) => void,
): TargetReport[] {
  const weights = targets.reduce((sum, t) => sum + t.weight, 0);
  return targets.map((t, k) => {
    const inputs = Math.max(1, Math.round((total * t.weight) / weights));
    const findings = new Map<string, { problem: string; count: number; example: unknown }>();
    const start = performance.now();
    let done = 0;
    for (let chunk = 0; done < inputs; chunk++) {
      const values = fc.sample(t.arbitrary, {
        numRuns: Math.min(1000, inputs - done),
        seed: seed + k * 1_000_003 + chunk,
      });
      for (const value of values) {
        let problems: string[];
        try {
          problems = silently(() => t.run(value));
        } catch (error) {
          const e = error as Error;
          const frame = e?.stack?.split('\n')[1]?.trim() ?? '';
          problems = [`uncaught ${e?.name ?? typeof error}: ${e?.message ?? String(error)} ${frame}`];
        }
        for (const p of problems) {
          const known = findings.get(p);
          if (known) known.count++;
          else findings.set(p, { problem: p, count: 1, example: value });
        }
      }
      done += values.length;
    }
    const report = {
      name: t.name,
      inputs: done,
      milliseconds: performance.now() - start,
      findings: [...findings.values()],
    };
    progress?.(report);
    return report;
  });
}

const CONSOLE = ['log', 'info', 'warn', 'error', 'debug'] as const;

/**
 * The run's problems, plus one for anything it printed: a library that writes to the console
 * writes, in the service, into the log, and with text from the input.
 */
function silently(run: () => string[]): string[] {
  const printed: string[] = [];
  const saved = CONSOLE.map((name) => console[name]);
  for (const name of CONSOLE)
    console[name] = (...args: unknown[]) => void printed.push(`${name}: ${args.join(' ')}`);
  try {
    const problems = run();
    return printed.length === 0
      ? problems
      : [...problems, `printed to the console: ${printed[0]!.slice(0, 200)}`];
  } finally {
    CONSOLE.forEach((name, i) => {
      console[name] = saved[i]!;
    });
  }
}
