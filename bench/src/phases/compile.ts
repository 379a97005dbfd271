import { fileURLToPath } from 'node:url';
import { readProtocolSource } from '@eligo/protocols';
import { compileOrThrow } from '../engines/eligo';
import { type Summary, sample, summarize } from '../stats';
import { runWorker } from './child';

/** An entry that imports nothing before it starts the clock. */
const COLD_ENTRY = fileURLToPath(new URL('./compile-cold.ts', import.meta.url));

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
    const r = await runWorker<{ ms: number; importMs: number }>('compile-cold', [], COLD_ENTRY);
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
