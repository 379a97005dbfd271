import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_COMPILE } from '../config';
import { testApp } from '../testing/support';
import { createCompileBudget } from './budget';
import { createCompilePool } from './pool';

/**
 * A text within every limit that takes the compiler a while: labs and criteria by the hundred. At
 * 600 criteria, about 0.5 s on the 2-core development machine (2026-12-07), with room under the
 * time budgets below on a machine twice as fast.
 */
function heavy(criteria: number): string {
  const labs = Array.from(
    { length: 100 },
    (_, i) => `lab l${i} "Lab ${i}" in mg/dL from loinc ${1000 + i}-1`,
  );
  const rules = Array.from({ length: criteria }, (_, i) => {
    const terms = Array.from({ length: 6 }, (_, j) => `l${(i * 7 + j) % 100} >= ${j} mg/dL`);
    return `  C-${i} "Criterion ${i}" source "s"\n    met if ${terms.join(' and ')}`;
  });
  return `trial HEAVY "Heavy"\n${labs.join('\n')}\ninclusion\n${rules.join('\n')}\n`;
}

/** The text of the report: 15,000 criteria in about 886 KB. */
function huge(): string {
  const rules = Array.from(
    { length: 15_000 },
    (_, i) => `  C-${i} "Criterion ${i}, with a title as long as real ones"\n    met if v >= ${i % 90}`,
  );
  return `trial HUGE "Huge"\nquestion v "V": count\ninclusion\n${rules.join('\n')}\n`;
}

interface Diagnostic {
  code: string;
  message: string;
}

/** GET /healthz every 25 ms until `work` settles: the slowest answer, and how many there were. */
async function pingWhile(t: Awaited<ReturnType<typeof testApp>>, work: Promise<unknown>) {
  let done = false;
  void work.finally(() => {
    done = true;
  });
  const latencies: number[] = [];
  while (!done) {
    const started = performance.now();
    const res = await t.request('GET', '/healthz');
    expect(res.status).toBe(200);
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await work;
  return { slowest: Math.max(...latencies), pings: latencies.length };
}

describe('compiling request text off the request thread', async () => {
  const t = await testApp({ bodyLimit: 2 * 1024 * 1024 });

  it('answers the 886 KB, 15,000-criterion text with E0006 while other requests are answered at once', async () => {
    const text = huge();
    expect(text.length).toBeGreaterThan(880_000);
    const check = t.request('POST', '/v1/check', { role: 'viewer', body: { text } });
    const { slowest } = await pingWhile(t, check);
    const res = await check;
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; diagnostics: Diagnostic[] };
    expect(body.ok).toBe(false);
    expect(body.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      `E0006 the text is too long: ${text.length.toLocaleString('en-US')} characters, at most 131,072 are allowed`,
    ]);
    expect(slowest).toBeLessThan(1_000);
  });

  it('keeps answering other requests while a long compile runs', async () => {
    const started = performance.now();
    const check = t.request('POST', '/v1/check', { role: 'viewer', body: { text: heavy(600) } });
    const { slowest, pings } = await pingWhile(t, check);
    const res = await check;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
    // The compile took long enough for several requests to be answered meanwhile, each at once.
    expect(performance.now() - started).toBeGreaterThan(300);
    expect(pings).toBeGreaterThanOrEqual(3);
    expect(slowest).toBeLessThan(1_000);
  });
});

describe('the time and memory budgets of a compile', () => {
  const pools: ReturnType<typeof createCompilePool>[] = [];
  afterAll(() => Promise.all(pools.map((p) => p.close())));
  const pool = (settings: Partial<typeof DEFAULT_COMPILE>) => {
    const p = createCompilePool({ ...DEFAULT_COMPILE, threads: 1, ...settings });
    pools.push(p);
    return p;
  };

  it('stops a compile that runs over its time (422 compile_timeout) and compiles the next text on a new thread', async () => {
    const t = await testApp({ bodyLimit: 2 * 1024 * 1024 }, undefined, {
      compiler: pool({ timeoutMs: 200 }),
    });
    const res = await t.request('POST', '/v1/check', { role: 'viewer', body: { text: heavy(600) } });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: unknown }).error).toEqual({
      code: 'compile_timeout',
      message: 'Compiling the text took longer than 0.2 s and was stopped; shorten the text or split it',
    });
    const next = await t.request('POST', '/v1/check', { role: 'viewer', body: { text: 'trial T "t"\n' } });
    expect(next.status).toBe(200);
    expect(((await next.json()) as { ok: boolean }).ok).toBe(true);
  });

  it('stops a compile that needs more memory than its thread has (422 compile_out_of_memory)', async () => {
    const t = await testApp({}, undefined, { compiler: pool({ memoryMb: 32 }) });
    const res = await t.request('POST', '/v1/protocols', { role: 'author', body: { text: heavy(300) } });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: unknown }).error).toEqual({
      code: 'compile_out_of_memory',
      message: 'Compiling the text needed more than 32 MiB and was stopped; shorten the text or split it',
    });
  });

  it('turns compiles away with 503 compile_busy when too many wait', async () => {
    const busy = pool({ queue: 1 });
    const texts = Array.from({ length: 3 }, () => busy.compile('trial T "t"\n', 't.elig'));
    const settled = await Promise.allSettled(texts);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect((settled[1] as PromiseRejectedResult).reason).toMatchObject({
      status: 503,
      code: 'compile_busy',
      headers: { 'Retry-After': '1' },
    });
  });
});

describe('the compile budget of a token', () => {
  it('admits as many compiles at once as allowed, then 429 with Retry-After: 1', () => {
    const budget = createCompileBudget({ concurrent: 2, msPerMinute: 0 });
    const first = budget.admit('a');
    budget.admit('a');
    expect(() => budget.admit('a')).toThrow(
      expect.objectContaining({ status: 429, code: 'compile_rate_limited', headers: { 'Retry-After': '1' } }),
    );
    // Another token is not held up.
    budget.admit('b');
    first(10);
    budget.admit('a');
  });

  it('charges the time a compile took and refuses until the balance is back above zero', () => {
    let now = 0;
    const budget = createCompileBudget({ concurrent: 0, msPerMinute: 6_000 }, () => now);
    budget.admit('a')(9_000);
    // 3 s in debt at 100 ms per second: 30 s to wait.
    expect(() => budget.admit('a')).toThrow(
      expect.objectContaining({
        status: 429,
        message: 'This token has used its compile time (6 s per minute)',
        headers: { 'Retry-After': '30' },
      }),
    );
    now = 30_001;
    budget.admit('a')(0);
  });

  it('is applied per token by the routes that compile', async () => {
    const t = await testApp({}, undefined, { compilePerToken: { concurrent: 1, msPerMinute: 0 } });
    const body = { text: heavy(20) };
    const answers = await Promise.all([
      t.request('POST', '/v1/check', { role: 'viewer', body }),
      t.request('POST', '/v1/check', { role: 'viewer', body }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 429]);
    const refused = answers.find((r) => r.status === 429)!;
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('compile_rate_limited');
  });
});
