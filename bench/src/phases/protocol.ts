import { readFileSync } from 'node:fs';

/** The benchmark protocol: the NCT06469190 subset every engine implements. */
export const BENCH_PROTOCOL_PATH = new URL('../../protocols/nct06469190-subset.elig', import.meta.url);

export function benchProtocolText(): string {
  return readFileSync(BENCH_PROTOCOL_PATH, 'utf8');
}

/** Every run uses the same synthetic population. */
export const SEED = 20_250_315;
export const AS_OF = '2025-03-15';
export const CHUNK = 10_000;
