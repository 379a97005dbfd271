import { ApiError } from '../http/errors';

export interface CompileBudgetSettings {
  /** Compiles one token may have running or waiting at once; 0 turns the limit off. */
  readonly concurrent: number;
  /** Milliseconds of compile-thread time one token may spend per minute; 0 turns the limit off. */
  readonly msPerMinute: number;
}

export interface CompileBudget {
  /**
   * Admits a compile for `key` (a token's id) or throws a 429 with `Retry-After`. The returned
   * function must be called once, when the compile is over, with the thread time it took.
   */
  admit(key: string): (ms: number) => void;
}

/**
 * Compile work per token, in this process's memory, apart from the request rate limit: one
 * request can cost a compile thread seconds, so a token's requests are counted by the time its
 * compiles took. The time is charged when a compile ends, so a token may go over by one compile
 * (at most the time budget of a compile); it then waits until its balance is positive again.
 */
export function createCompileBudget(
  settings: CompileBudgetSettings,
  now: () => number = () => performance.now(),
): CompileBudget {
  const perMs = settings.msPerMinute / 60_000;
  const all = new Map<string, { running: number; balance: number; at: number }>();
  const refill = (entry: { balance: number; at: number }, t: number) => {
    entry.balance = Math.min(settings.msPerMinute, entry.balance + (t - entry.at) * perMs);
    entry.at = t;
  };
  return {
    admit(key) {
      const t = now();
      let entry = all.get(key);
      if (!entry) {
        if (all.size >= 100_000) {
          for (const [k, e] of all) if (e.running === 0) all.delete(k);
        }
        entry = { running: 0, balance: settings.msPerMinute, at: t };
        all.set(key, entry);
      }
      refill(entry, t);
      if (settings.concurrent > 0 && entry.running >= settings.concurrent) {
        throw new ApiError(
          429,
          'compile_rate_limited',
          `At most ${settings.concurrent} compiles at once per token`,
          {},
          { 'Retry-After': '1' },
        );
      }
      if (settings.msPerMinute > 0 && entry.balance <= 0) {
        const wait = Math.max(1, Math.ceil(-entry.balance / perMs / 1000));
        throw new ApiError(
          429,
          'compile_rate_limited',
          `This token has used its compile time (${settings.msPerMinute / 1000} s per minute)`,
          {},
          { 'Retry-After': String(wait) },
        );
      }
      entry.running++;
      const admitted = entry;
      let charged = false;
      return (ms) => {
        if (charged) return;
        charged = true;
        admitted.running--;
        refill(admitted, now());
        if (settings.msPerMinute > 0) admitted.balance -= ms;
      };
    },
  };
}
