import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { example, nct } from './testing/nct';
import { type TestApp, testApp } from './testing/support';

/**
 * Every operation the OpenAPI document lists, sent requests a careless or hostile client might
 * send: random path parameters, query strings and headers, random JSON, text that is not JSON, and
 * the worked example with one node swapped for a hostile value. Whatever the request, the answer is
 * never a 5xx, and every 4xx is the JSON error shape with a code.
 */

type Method = 'get' | 'post' | 'put' | 'delete';
type Role = 'admin' | 'author' | 'reviewer' | 'screener' | 'viewer';

const HOSTILE: unknown[] = [
  null,
  -1,
  0,
  1e308,
  -1e-320,
  '',
  ' ',
  '2025-02-30',
  '0000-00-00',
  '__proto__',
  'constructor',
  'x'.repeat(5000),
  '\u0000\u202e\ud800',
  true,
  [],
  {},
  [[[[[[]]]]]],
  // An own key named __proto__, as JSON.parse makes it (an object literal would set the prototype).
  JSON.parse('{"__proto__": {"polluted": true}}'),
  { resourceType: 'Patient' },
];

/** Every path into a JSON value, `[]` for the root. */
function pathsOf(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(at);
  if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value))
      pathsOf(v, [...at, Array.isArray(value) ? Number(k) : k], out);
  return out;
}

/** A copy of `value` with the node at `path` replaced (or removed, with `undefined`). */
function replaced(value: unknown, path: readonly (string | number)[], by: unknown): unknown {
  if (path.length === 0) return by;
  const copy = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  const [head, ...rest] = path;
  const next = replaced((value as Record<string | number, unknown>)[head!], rest, by);
  if (next === undefined && !Array.isArray(copy)) delete (copy as Record<string | number, unknown>)[head!];
  else (copy as Record<string | number, unknown>)[head!] = next;
  return copy;
}

const document = { asOf: '2025-03-15', ...example('eligible-igan.json') };
const documentPaths = pathsOf(document);

const body = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.integer({ min: 0, max: documentPaths.length - 1 }),
        fc.oneof(fc.constantFrom(...HOSTILE, undefined), fc.jsonValue({ maxDepth: 2 })),
      )
      .map(([i, by]) => JSON.stringify(replaced(document, documentPaths[i]!, by)) ?? 'null'),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      '{',
      '{"text": ',
      'null',
      '[]',
      '{"asOf": "2025-03-15", "bundle": 1e400}',
      '1'.repeat(400),
    ),
  },
  { weight: 1, arbitrary: fc.constant(JSON.stringify({ text: nct.text, name: nct.name })) },
);

const segment = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('NCT06469190', '1') },
  fc.constantFrom(
    'NCT06469190',
    '1',
    '0',
    '-1',
    '1e9',
    'abc',
    '..',
    '%2e%2e',
    '%00',
    'a%2Fb',
    'x'.repeat(300),
  ),
  fc.string({ minLength: 1, maxLength: 20 }).map(encodeURIComponent),
);

const query = fc
  .dictionary(
    fc.constantFrom(
      'limit',
      'version',
      'full',
      'trace',
      'store',
      'cursor',
      'before',
      'after',
      'protocol',
      'q',
      'x',
    ),
    fc.oneof(
      fc.constantFrom('', '0', '-1', 'true', 'yes', '1e400', '2025-02-30'),
      fc.string({ maxLength: 12 }),
    ),
    { maxKeys: 3 },
  )
  .map((q) => {
    const text = new URLSearchParams(q).toString();
    return text ? `?${text}` : '';
  });

const request = fc.record({
  role: fc.oneof(
    { weight: 6, arbitrary: fc.constant<Role>('admin') },
    fc.constantFrom<Role | undefined>('author', 'reviewer', 'screener', 'viewer', undefined),
  ),
  segments: fc.array(segment, { minLength: 3, maxLength: 3 }),
  query,
  body,
  contentType: fc.oneof(
    { weight: 6, arbitrary: fc.constant(undefined) },
    fc.constantFrom('application/json', 'application/x-ndjson', 'text/plain'),
  ),
});

async function operations(t: TestApp): Promise<[Method, string][]> {
  const res = await t.request('GET', '/v1/openapi.json', { role: 'admin' });
  const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => [method as Method, path] as [Method, string]),
  );
}

describe('hostile requests to every operation', async () => {
  const t = await testApp({ bodyLimit: 256 * 1024 });
  const published = await t.request('POST', '/v1/protocols/NCT06469190/versions', {
    role: 'author',
    body: { text: nct.text, name: nct.name },
  });
  const ops = await operations(t);

  it('sends to every operation, the unchanged document screening as it should', async () => {
    expect(published.status).toBe(201);
    expect(ops.length).toBeGreaterThanOrEqual(25);
    const screened = await t.request('POST', '/v1/protocols/NCT06469190/screenings', {
      role: 'admin',
      body: JSON.stringify(document),
    });
    expect(screened.status).toBe(200);
  });

  for (const [method, path] of ops)
    it(`${method.toUpperCase()} ${path}: never a 5xx, every 4xx an error with a code`, async () => {
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          let n = 0;
          const url = `/v1${path.replace(/\{[^}]+\}/g, () => r.segments[n++ % 3]!)}${r.query}`;
          const sendsBody = method === 'post' || method === 'put';
          const res = await t.request(method.toUpperCase(), url, {
            ...(r.role ? { role: r.role } : {}),
            ...(sendsBody ? { body: r.body } : {}),
            ...(sendsBody && r.contentType ? { headers: { 'content-type': r.contentType } } : {}),
          });
          const text = await res.text();
          expect(res.status, `${method.toUpperCase()} ${url}: ${text.slice(0, 300)}`).toBeLessThan(500);
          if (res.status >= 400) {
            const error = (JSON.parse(text) as { error?: { code?: unknown } }).error;
            expect(typeof error?.code, `${method.toUpperCase()} ${url}: ${text.slice(0, 300)}`).toBe(
              'string',
            );
          }
        }),
        { numRuns: 40 },
      );
    });
});
