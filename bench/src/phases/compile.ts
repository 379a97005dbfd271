import { readProtocolSource } from '@eligo/protocols';
import { compileOrThrow } from '../engines/eligo';
import { type Summary, sample, summarize } from '../stats';
import { runWorker } from './child';

export interface CompileResult {
  readonly protocol: string;
  readonly lines: number;
  /** First compile in a fresh process, after the modules are loaded; one sample per process. */
  readonly cold: Summary;
  /** Loading @eligo/core in a fresh process (module evaluation, before any compile). */
  readonly importMs: Summary;
  readonly warm: Summary;
}

/** Parse + check + compile of NCT06469190, cold (fresh processes) and warm (repeats in this one). */
export async function compilePhase(options: {
  repeats: number;
  coldProcesses: number;
}): Promise<CompileResult> {
  const { name, text } = readProtocolSource('NCT06469190');
  const cold: number[] = [];
  const imports: number[] = [];
  for (let i = 0; i < options.coldProcesses; i++) {
    const r = await runWorker<{ ms: number; importMs: number }>('compile-cold');
    cold.push(r.ms);
    imports.push(r.importMs);
  }
  const warm = sample(() => compileOrThrow(text, name), options.repeats, 20);
  return {
    protocol: name,
    lines: text.split('\n').length,
    cold: summarize(cold),
    importMs: summarize(imports),
    warm: summarize(warm),
  };
}

/** The worker side: import, then time one compile. */
export async function compileColdWorker(): Promise<{ ms: number; importMs: number }> {
  const t0 = performance.now();
  const core = await import('@eligo/core');
  const protocols = await import('@eligo/protocols');
  const importMs = performance.now() - t0;
  const { name, text } = protocols.readProtocolSource('NCT06469190');
  const t1 = performance.now();
  const { protocol } = core.compile(text, { name });
  const ms = performance.now() - t1;
  if (!protocol) throw new Error('NCT06469190 does not compile');
  return { ms, importMs };
}
