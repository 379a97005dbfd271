import { readFile } from 'node:fs/promises';
import { bundledProtocols, examplePath } from '@eligo/protocols';
import { describe, expect, it } from 'vitest';
import { cli } from './testing/cli';

interface CriterionOut {
  id: string;
  status: string;
  missing: string[];
}

const PROTOCOL = bundledProtocols.NCT06469190;

describe('eligo check', () => {
  it('passes the bundled protocol', async () => {
    const r = await cli(['check', PROTOCOL]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('exits 1 with a code frame for an error', async () => {
    const text =
      'trial T "t"\nlab wbc "WBC" in 10*9/L from loinc 6690-2\ninclusion\n  IN-1 "w"\n    met if wbc >= 3 g/L\n';
    const r = await cli(['check', 'bad.elig'], { 'bad.elig': text });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('bad.elig:5:');
    expect(r.stdout).toContain('    met if wbc >= 3 g/L');
    expect(r.stdout).toMatch(/1 error, \d+ warnings?\n$/);
  });

  it('reports a syntax error with line and column and exits 1', async () => {
    const r = await cli(['check', 'bad.elig'], {
      'bad.elig': 'trial T "t"\ninclusion\n  IN-1 "w"\n    met if >= 3\n',
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^bad\.elig:4:12 error E0001 /);
  });

  it('is a usage error without a file', async () => {
    const r = await cli(['check']);
    expect([r.code, r.stderr]).toEqual([2, 'eligo check: missing the protocol file\n']);
  });

  it('names a missing file', async () => {
    const r = await cli(['check', 'nope.elig']);
    expect([r.code, r.stderr]).toEqual([2, "eligo: cannot read 'nope.elig': no such file\n"]);
  });
});

describe('eligo screen', () => {
  const igan = examplePath('NCT06469190', 'eligible-igan.json');

  it('prints exactly one JSON document with the screening contract', async () => {
    const r = await cli(['screen', PROTOCOL, '--input', igan, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.protocol.id).toBe('NCT06469190');
    expect(out.protocol.hash).toMatch(/^[0-9a-f]{16,}$/);
    expect(out.asOf).toBe('2025-03-15');
    expect(out.cohorts.map((c: { id: string; verdict: string }) => [c.id, c.verdict])).toEqual([
      ['PMN', 'ineligible'],
      ['IgAN', 'eligible'],
      ['AAV', 'ineligible'],
    ]);
    const criterion = out.cohorts[1].criteria[0];
    expect(Object.keys(criterion)).toEqual(
      expect.arrayContaining(['id', 'kind', 'status', 'explanation', 'missing']),
    );
    expect(out.cohorts[1]).toHaveProperty('questions');
  });

  it('prints a readable table by default', async () => {
    const r = await cli(['screen', PROTOCOL, '--input', igan]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('IgAN (Relapsed/refractory IgA nephropathy): ELIGIBLE');
    expect(r.stdout).toMatch(/C-IN-3\.1\.a\s+in\s+met\s+/);
  });

  it('accepts native facts', async () => {
    const input = JSON.stringify({
      asOf: '2025-03-15',
      facts: { wbc: { value: 2.5, unit: '10*9/L', date: '2025-03-10' } },
      answers: { informed_consent: true },
    });
    const r = await cli(['screen', PROTOCOL, '--input', 'in.json', '--json'], { 'in.json': input });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const wbc = out.cohorts[0].criteria.find((c: { id: string }) => c.id === 'C-IN-3.1.a');
    expect(wbc.status).toBe('not_met');
    expect(out.cohorts.every((c: { verdict: string }) => c.verdict === 'ineligible')).toBe(true);
  });

  it('exits 2 and names the path for bad input', async () => {
    const r = await cli(['screen', PROTOCOL, '--input', 'in.json', '--json'], {
      'in.json': JSON.stringify({ asOf: '15/03/2025', facts: {} }),
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('asOf');
  });

  it('exits 2 for input that is not JSON', async () => {
    const r = await cli(['screen', PROTOCOL, '--input', 'in.json'], { 'in.json': '{ nope' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^eligo screen: in\.json is not valid JSON: /);
  });

  it('streams NDJSON and ends with the attrition summary', async () => {
    const a = await readFile(igan, 'utf8');
    const b = await readFile(examplePath('NCT06469190', 'ineligible-pmn.json'), 'utf8');
    const lines = [a, b, a].map((t) => JSON.stringify(JSON.parse(t))).join('\n');
    const r = await cli(['screen', PROTOCOL, '--input', 'p.ndjson', '--ndjson', '--summary'], {
      'p.ndjson': lines,
    });
    expect(r.code).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(4);
    expect(out[1].cohorts[0].verdict).toBe('ineligible');
    expect([out[0].line, out[0].ref, out[1].line, out[1].ref]).toEqual([
      1,
      'pat-example-eligible-igan',
      2,
      'pat-example-ineligible-pmn',
    ]);
    const summary = out[3].summary.cohorts.find((c: { id: string }) => c.id === 'IgAN');
    expect([summary.total, summary.eligible, summary.ineligible]).toEqual([3, 2, 1]);
  });

  it('streams compact lines by default: verdicts, statuses and missing data, the same as --json', async () => {
    const a = await readFile(igan, 'utf8');
    const facts = JSON.stringify({ asOf: '2025-03-15', facts: {}, answers: {} });
    const r = await cli(['screen', PROTOCOL, '--input', 'p.ndjson', '--ndjson'], {
      'p.ndjson': `${JSON.stringify(JSON.parse(a))}\n${facts}`,
    });
    expect([r.code, r.stderr]).toEqual([0, '']);
    const [first, second] = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(Object.keys(first)).toEqual(['line', 'ref', 'protocol', 'asOf', 'cohorts', 'warnings']);
    expect(Object.keys(second)).toEqual(['line', 'protocol', 'asOf', 'cohorts', 'warnings']);
    for (const cohort of [...first.cohorts, ...second.cohorts])
      expect(Object.keys(cohort)).toEqual(['id', 'verdict', 'criteria', 'missing']);
    const full = JSON.parse((await cli(['screen', PROTOCOL, '--input', igan, '--json'])).stdout);
    expect(first.protocol).toEqual(full.protocol);
    expect(first.cohorts).toEqual(
      full.cohorts.map((c: { id: string; verdict: string; criteria: CriterionOut[] }) => ({
        id: c.id,
        verdict: c.verdict,
        criteria: Object.fromEntries(c.criteria.map((k) => [k.id, k.status])),
        missing: Object.fromEntries(
          c.criteria.filter((k) => k.missing.length > 0).map((k) => [k.id, k.missing]),
        ),
      })),
    );
    // A patient without data: the labs undecided, each with what would decide it.
    const igAN = second.cohorts.find((c: { id: string }) => c.id === 'IgAN');
    expect([igAN.criteria['C-IN-3.1.a'], igAN.missing['C-IN-3.1.a']]).toEqual(['unknown', ['wbc']]);
    for (const id of Object.keys(igAN.missing)) expect(igAN.criteria[id]).toBe('unknown');
    // 110 KB with every trace tree (--trace), 42 KB with the text (--full).
    expect(r.stdout.split('\n')[0]!.length).toBeLessThan(4_000);
  });

  it('adds titles, sources and explanations with --full, and trace trees with --trace', async () => {
    const line = JSON.stringify(JSON.parse(await readFile(igan, 'utf8')));
    const criterion = async (flag: string) => {
      const r = await cli(['screen', PROTOCOL, '--input', 'p.ndjson', '--ndjson', flag], {
        'p.ndjson': line,
      });
      expect([r.code, r.stderr]).toEqual([0, '']);
      const out = JSON.parse(r.stdout);
      expect(Object.keys(out)).toEqual(['line', 'ref', 'protocol', 'asOf', 'cohorts', 'warnings']);
      return out.cohorts[1].criteria.find((c: { id: string }) => c.id === 'C-IN-3.1.a');
    };
    const full = await criterion('--full');
    expect(Object.keys(full)).toEqual(['id', 'kind', 'title', 'source', 'status', 'explanation', 'missing']);
    const traced = await criterion('--trace');
    expect(Object.keys(traced)).toEqual([
      'id',
      'kind',
      'title',
      'source',
      'status',
      'explanation',
      'trace',
      'missing',
    ]);
    expect(traced.trace.text).not.toBe('');
    expect(traced.trace.status).toBe(traced.status);
    expect({ ...traced, trace: undefined }).toEqual({ ...full, trace: undefined });
  });

  it('takes --full and --trace only for --ndjson lines', async () => {
    for (const flag of ['--full', '--trace']) {
      const r = await cli(['screen', PROTOCOL, '--input', igan, '--json', flag]);
      expect([r.code, r.stdout, r.stderr]).toEqual([
        2,
        '',
        'eligo screen: --full and --trace choose what each --ndjson line carries (--json always prints the full screening)\n',
      ]);
    }
  });

  it('gives the same summary alone, through the verdict-only path, and still names bad lines', async () => {
    const a = await readFile(igan, 'utf8');
    const b = await readFile(examplePath('NCT06469190', 'ineligible-pmn.json'), 'utf8');
    const lines = [a, b, a].map((t) => JSON.stringify(JSON.parse(t))).join('\n');
    const files = { 'p.ndjson': lines, 'q.ndjson': `${lines}\n{"asOf": "2025-13-01", "facts": {}}` };
    const streamed = await cli(['screen', PROTOCOL, '--input', 'p.ndjson', '--ndjson', '--summary'], files);
    const alone = await cli(['screen', PROTOCOL, '--input', 'p.ndjson', '--summary', '--json'], files);
    expect(alone.code).toBe(0);
    const last = streamed.stdout.trim().split('\n').pop()!;
    expect(JSON.parse(alone.stdout)).toEqual(JSON.parse(last));
    const bad = await cli(['screen', PROTOCOL, '--input', 'q.ndjson', '--summary', '--json'], files);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('eligo screen: q.ndjson:4: invalid input:');
    expect(JSON.parse(bad.stdout).summary.cohorts[0].total).toBe(3);
  });
});

describe('eligo fmt and types', () => {
  it('formats to a fixed point', async () => {
    const once = await cli(['fmt', PROTOCOL]);
    expect(once.code).toBe(0);
    const twice = await cli(['fmt', 'f.elig'], { 'f.elig': once.stdout });
    expect(twice.stdout).toBe(once.stdout);
  });

  it('emits TypeScript types for the facts', async () => {
    const r = await cli(['types', PROTOCOL]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('wbc?:');
  });
});
