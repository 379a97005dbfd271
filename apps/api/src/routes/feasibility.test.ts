import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile, createFunnel, type FunnelResult, type ScreeningInput } from '@eligo/core';
import { bundleToFacts, readDocument } from '@eligo/fhir';
import { readProtocolSource, workedPatients } from '@eligo/protocols';
import { DEFAULT_AS_OF, generateBulkExport, patientBundles } from '@eligo/sql';
import { afterAll, describe, expect, it } from 'vitest';
import type { JobView } from '../feasibility/jobs';
import { type FeasibilityProgress, runFeasibility } from '../feasibility/run';
import { example, nct, variant } from '../testing/nct';
import { type TestApp, testApp } from '../testing/support';

const AS_OF = '2025-06-01';
const sqlTrial = readProtocolSource('NCT05291234');
/** NCT06469190 with one criterion more, of a construct that has no SQL form (a trend over a calculator). */
const inProcess = {
  name: nct.name,
  text: `${variant('NCT09999999').replace(
    /^patient birth_date /m,
    (line) =>
      `lab body_weight "Body weight" in kg from loinc 29463-7\nlab body_height "Body height" in cm from loinc 8302-2\n` +
      `define surface "Body surface area" = bsa_mosteller(body_weight, body_height)\n${line}`,
  )}
    AAV-EX-3 "Body surface area fell"
      source "Body surface area fallen by 10 % or more within 6 months."
      met if surface fell by at least 10 % within 6 months
`,
};
const bulkRoot = mkdtempSync(join(tmpdir(), 'eligo-feasibility-'));
const bulk = generateBulkExport({ seed: 7, patients: 40, dir: join(bulkRoot, 'site-a') });

afterAll(() => rmSync(bulkRoot, { recursive: true, force: true }));

async function publish(t: TestApp, source: { text: string; name: string }) {
  const id = source.text.match(/^trial (\S+)/m)![1]!;
  const res = await t.request('POST', `/v1/protocols/${id}/versions`, { role: 'author', body: source });
  expect(res.status).toBe(201);
  return id;
}

async function start(t: TestApp, id: string, body: unknown, role: 'author' | 'admin' = 'author') {
  return t.request('POST', `/v1/protocols/${id}/feasibility`, { role, body });
}

/** Polls the job until it stops changing state. */
async function settled(t: TestApp, job: string): Promise<JobView> {
  for (let i = 0; i < 600; i++) {
    const res = await t.request('GET', `/v1/feasibility/${job}`, { role: 'author' });
    expect(res.status).toBe(200);
    const view = (await res.json()) as JobView;
    if (view.state !== 'queued' && view.state !== 'running') return view;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${job} did not finish`);
}

/** The in-process funnel of core over the same documents, answers left out as a population has none. */
function coreFunnel(text: string, docs: readonly unknown[]): FunnelResult {
  const { protocol } = compile(text);
  const funnel = createFunnel(protocol!.info);
  for (const doc of docs) {
    const { answers: _a, ...rest } = doc as Record<string, unknown>;
    const read = readDocument(protocol!, { ...rest, asOf: AS_OF });
    if (!read.ok) continue;
    const input: ScreeningInput = { ...read.input, answers: {} };
    funnel.add({ verdicts: protocol!.verdicts(input), statuses: protocol!.evaluate(input).statuses });
  }
  return funnel.result();
}

const ndjson = (docs: readonly unknown[]) => docs.map((d) => JSON.stringify(d)).join('\n');

describe('feasibility jobs', async () => {
  const t = await testApp({ bodyLimit: 16 * 1024 * 1024, bulkDir: bulkRoot, feasibilityJobs: 2 });
  const trial = await publish(t, inProcess);
  const sqlId = await publish(t, sqlTrial);
  const docs = [example('eligible-igan.json'), example('ineligible-pmn.json')];

  it('needs a token (401) and the author role (403)', async () => {
    const body = { asOf: AS_OF, source: { upload: ndjson(docs) } };
    const none = await t.request('POST', `/v1/protocols/${trial}/feasibility`, { body });
    expect(none.status).toBe(401);
    const screener = await t.request('POST', `/v1/protocols/${trial}/feasibility`, {
      role: 'screener',
      body,
    });
    expect(screener.status).toBe(403);
    expect(((await screener.json()) as { error: { message: string } }).error.message).toBe(
      'This needs the author role',
    );
    const read = await t.request('GET', '/v1/feasibility/nothing', { role: 'viewer' });
    expect(read.status).toBe(403);
  });

  it('refuses bad input with 400 and the path at fault, and paths in place of bulk export names', async () => {
    const issues = async (body: unknown) => {
      const res = await start(t, trial, body);
      expect(res.status).toBe(400);
      return ((await res.json()) as { error: { issues: { path: string; message: string }[] } }).error.issues;
    };
    expect(await issues({ asOf: '2025-6-1', source: { upload: '{}' } })).toEqual([
      { path: 'asOf', message: 'Expected a date YYYY-MM-DD' },
    ]);
    for (const name of ['../site-a', '/etc', 'site-a/../../x']) {
      const found = await issues({ asOf: AS_OF, source: { bulkExport: name } });
      expect(found.map((i) => i.path)).toContain('source.bulkExport');
    }
    expect(await issues({ asOf: AS_OF, source: { bulkExport: 'nowhere' } })).toEqual([
      { path: 'source.bulkExport', message: "No bulk export named 'nowhere'" },
    ]);
    expect(await issues({ asOf: AS_OF, source: { upload: '\n \n' } })).toEqual([
      { path: 'source.upload', message: 'Expected at least one NDJSON line' },
    ]);
    const unknownTrial = await start(t, 'NCT00000000', { asOf: AS_OF, source: { upload: '{}' } });
    expect(unknownTrial.status).toBe(404);
  });

  it('counts an upload in process when a criterion has no SQL form: the funnel of core, no patient ids', async () => {
    const lines = `${ndjson(docs)}\nnot json\n${JSON.stringify({ facts: { age: 'old' } })}`;
    const res = await start(t, trial, { asOf: AS_OF, source: { upload: lines } });
    expect(res.status).toBe(202);
    const queued = (await res.json()) as JobView;
    expect(queued.protocol).toEqual({ id: trial, version: 1 });
    const job = await settled(t, queued.id);
    expect(job.state).toBe('done');
    expect(job.done).toBe(4);
    expect(job.total).toBe(4);
    expect(job.result!.path).toBe('in-process');
    expect(job.result!.notCompiled.map((p) => p.criterion)).toEqual(['AAV-EX-3']);
    expect(job.result!.patients).toBe(2);
    expect(job.result!.unread).toBe(2);
    expect(job.result!.unreadLines.map((l) => l.line)).toEqual([3, 4]);
    expect(job.result!.funnel).toEqual(coreFunnel(inProcess.text, docs));
    // Nothing of a patient comes back: no Patient resource id, no name, no birth date.
    const sent = JSON.stringify(job);
    for (const doc of docs) {
      const patient = (
        doc as { bundle: { entry: { resource: Record<string, unknown> }[] } }
      ).bundle.entry.find((e) => e.resource.resourceType === 'Patient')!.resource;
      expect(sent).not.toContain(String(patient.id));
      expect(sent).not.toContain(String(patient.birthDate));
    }
  });

  it('counts on DuckDB when every criterion compiles to SQL, with the funnel of core', async () => {
    const worked = workedPatients('NCT05291234' as never).map((p) => p.doc);
    expect(worked.length).toBeGreaterThan(1);
    const res = await start(t, sqlId, { asOf: AS_OF, source: { upload: ndjson(worked) } });
    expect(res.status).toBe(202);
    const job = await settled(t, ((await res.json()) as JobView).id);
    expect(job.state).toBe('done');
    expect(job.result!.path).toBe('sql');
    expect(job.result!.notCompiled).toEqual([]);
    expect(job.result!.funnel).toEqual(coreFunnel(sqlTrial.text, worked));
  });

  for (const [label, source] of [
    ['in process', inProcess],
    ['on DuckDB', sqlTrial],
  ] as const) {
    it(`reads a bulk export from ELIGO_BULK_DIR by name ${label}, progress reaching its patients`, async () => {
      const id = source === inProcess ? trial : sqlId;
      const res = await start(t, id, { asOf: DEFAULT_AS_OF, source: { bulkExport: 'site-a' } });
      expect(res.status).toBe(202);
      const job = await settled(t, ((await res.json()) as JobView).id);
      expect(job.state).toBe('done');
      expect(job.result!.path).toBe(source === inProcess ? 'in-process' : 'sql');
      expect(job.total).toBe(bulk.patients);
      expect(job.done).toBe(bulk.patients);
      expect(job.stage).toBeNull();
      const { protocol } = compile(source.text);
      const funnel = createFunnel(protocol!.info);
      for await (const { bundle } of patientBundles(join(bulkRoot, 'site-a'))) {
        const facts = bundleToFacts(protocol!.info, bundle, DEFAULT_AS_OF);
        if (!facts.ok) continue;
        const input = { asOf: DEFAULT_AS_OF, facts: facts.facts, answers: {} };
        funnel.add({ verdicts: protocol!.verdicts(input), statuses: protocol!.evaluate(input).statuses });
      }
      expect(job.result!.funnel).toEqual(funnel.result());
      expect(job.result!.funnel.cohorts[0]!.total).toBe(bulk.patients);
      expect(JSON.stringify(job)).not.toMatch(/Patient\//);
    });
  }

  it('says while running whether it is reading the patients or counting them in SQL', async () => {
    const seen: FeasibilityProgress[] = [];
    const result = await runFeasibility(
      {
        text: sqlTrial.text,
        name: sqlTrial.name,
        asOf: DEFAULT_AS_OF,
        source: { kind: 'bulkExport', dir: join(bulkRoot, 'site-a') },
      },
      (p) => seen.push(p),
    );
    expect(result.path).toBe('sql');
    expect(seen.at(-2)).toEqual({ stage: 'reading', done: bulk.patients, total: bulk.patients });
    expect(seen.at(-1)).toEqual({ stage: 'counting', done: bulk.patients, total: bulk.patients });
    expect(seen.filter((p) => p.stage === 'counting')).toHaveLength(1);
  });

  it('cancels a running job, which stays cancelled; only its owner or an admin sees it', async () => {
    const many = ndjson(Array.from({ length: 300 }, (_, i) => docs[i % 2]));
    const res = await start(t, trial, { asOf: AS_OF, source: { upload: many } });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as JobView;
    // Cancelled while its thread is at work, not before it started.
    for (let i = 0; i < 200; i++) {
      const view = (await (
        await t.request('GET', `/v1/feasibility/${id}`, { role: 'author' })
      ).json()) as JobView;
      if (view.state === 'running') break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const other = await t.request('GET', `/v1/feasibility/${id}`, { role: 'admin' });
    expect(other.status).toBe(200);
    const cancelled = await t.request('DELETE', `/v1/feasibility/${id}`, { role: 'author' });
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as JobView).state).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 300));
    const job = await settled(t, id);
    expect(job.state).toBe('cancelled');
    expect(job.result).toBeNull();
    expect(job.done).toBeLessThan(300);
    const adminJob = await start(t, trial, { asOf: AS_OF, source: { upload: ndjson(docs) } }, 'admin');
    const adminId = ((await adminJob.json()) as JobView).id;
    const notTheirs = await t.request('GET', `/v1/feasibility/${adminId}`, { role: 'author' });
    expect(notTheirs.status).toBe(404);
    await t.request('DELETE', `/v1/feasibility/${adminId}`, { role: 'admin' });
  });

  it('turns a run away with 503 while as many as allowed are under way', async () => {
    const one = await testApp({ bodyLimit: 4 * 1024 * 1024, feasibilityJobs: 1 });
    await publish(one, inProcess);
    const body = { asOf: AS_OF, source: { upload: ndjson(Array.from({ length: 200 }, () => docs[0])) } };
    const first = await start(one, trial, body);
    expect(first.status).toBe(202);
    const second = await start(one, trial, body);
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('5');
    expect(((await second.json()) as { error: { message: string } }).error.message).toBe(
      '1 feasibility runs are already under way on this server; retry when one has finished',
    );
    const { id } = (await first.json()) as JobView;
    await one.request('DELETE', `/v1/feasibility/${id}`, { role: 'author' });
    const third = await start(one, trial, { asOf: AS_OF, source: { upload: ndjson(docs) } });
    expect(third.status).toBe(202);
    expect((await settled(one, ((await third.json()) as JobView).id)).state).toBe('done');
  });

  it('bounds the upload by ELIGO_BODY_LIMIT (413)', async () => {
    const small = await testApp({ bodyLimit: 1024 });
    const res = await small.request('POST', `/v1/protocols/${trial}/feasibility`, {
      role: 'author',
      body: { asOf: AS_OF, source: { upload: ndjson(docs) } },
    });
    expect(res.status).toBe(413);
  });
});
