import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { examplePath } from '@eligo/protocols';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer as start } from './testing/server';

describe('the real server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'eligo-e2e-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts, prints an admin token, screens the worked example over HTTP, survives SIGKILL and stops on SIGTERM', async () => {
    const first = await start(dataDir);
    try {
      const token = first
        .stdout()
        .split('\n')
        .find((l) => /^eligo_[\w-]+$/.test(l));
      expect(token).toBeDefined();
      const auth = { authorization: `Bearer ${token}` };

      const health = await fetch(`${first.base}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok' });

      const input = readFileSync(examplePath('NCT06469190', 'eligible-igan.json'), 'utf8');
      // The full screening, with the criteria's text: non-ASCII characters to count in bytes.
      const res = await fetch(`${first.base}/v1/protocols/NCT06469190/screenings`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ ...JSON.parse(input), full: true }),
      });
      expect(res.status).toBe(200);
      // Sent as UTF-8 bytes with their length, as c.json would send the text.
      expect(res.headers.get('content-type')).toBe('application/json');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
      const screening = JSON.parse(bytes.toString('utf8')) as {
        id: string;
        cohorts: { id: string; verdict: string; criteria: { title?: string }[] }[];
      };
      expect(screening.cohorts.flatMap((c) => c.criteria).some((c) => c.title?.includes('≥'))).toBe(true);
      expect(Object.fromEntries(screening.cohorts.map((c) => [c.id, c.verdict]))).toEqual({
        PMN: 'ineligible',
        IgAN: 'eligible',
        AAV: 'ineligible',
      });

      // An acknowledged write is on disk: kill without warning and find it after a restart.
      first.child.kill('SIGKILL');
      await first.exited;
      const second = await start(dataDir);
      try {
        expect(second.stdout()).not.toMatch(/^eligo_/m);
        const audit = await fetch(`${second.base}/v1/audit/${screening.id}`, { headers: auth });
        expect(audit.status).toBe(200);
        expect(await audit.json()).toMatchObject({ verdicts: { IgAN: 'eligible' } });
        const versions = (await (
          await fetch(`${second.base}/v1/protocols/NCT06469190/versions`, { headers: auth })
        ).json()) as {
          versions: unknown[];
        };
        expect(versions.versions).toHaveLength(1);

        // SIGTERM lets an in-flight request finish: a batch whose body is still arriving when the
        // signal comes gets its remaining lines screened and its summary before the process exits.
        const encoder = new TextEncoder();
        let sendRest: () => void = () => {};
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(encoder.encode(`${input.replace(/\n/g, '')}\n`));
            sendRest = () => {
              controller.enqueue(encoder.encode(`${input.replace(/\n/g, '')}\n`));
              controller.close();
            };
          },
        });
        const batch = await fetch(`${second.base}/v1/protocols/NCT06469190/screenings/batch`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/x-ndjson' },
          body,
          duplex: 'half',
        } as RequestInit);
        const reader = batch.body!.pipeThrough(new TextDecoderStream()).getReader();
        let received = (await reader.read()).value ?? '';
        second.child.kill('SIGTERM');
        await new Promise((r) => setTimeout(r, 100));
        expect(second.child.exitCode).toBeNull();
        sendRest();
        for (let r = await reader.read(); !r.done; r = await reader.read()) received += r.value;
        expect(JSON.parse(received.trimEnd().split('\n').at(-1)!)).toMatchObject({
          batch: { screened: 2, failed: 0 },
        });
        expect(await second.exited).toBe(0);
        expect(second.stdout()).toContain('"msg":"stopped"');
      } finally {
        second.child.kill('SIGKILL');
      }
    } finally {
      first.child.kill('SIGKILL');
    }
  }, 40_000);

  it('runs ELIGO_WORKERS server processes on one port: one token printed, every screening audited, all stop on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eligo-e2e-workers-'));
    const server = await start(dir, { ELIGO_WORKERS: '2' }, 2);
    try {
      const tokens = server.stdout().match(/^eligo_[\w-]+$/gm) ?? [];
      expect(tokens).toHaveLength(1);
      const headers = { authorization: `Bearer ${tokens[0]}`, 'content-type': 'application/json' };
      const body = readFileSync(examplePath('NCT06469190', 'eligible-igan.json'), 'utf8');
      const statuses = await Promise.all(
        Array.from({ length: 6 }, async () => {
          const res = await fetch(`${server.base}/v1/protocols/NCT06469190/screenings`, {
            method: 'POST',
            headers,
            body,
          });
          return res.status;
        }),
      );
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
      const audit = (await (await fetch(`${server.base}/v1/audit?limit=50`, { headers })).json()) as {
        entries: unknown[];
      };
      expect(audit.entries).toHaveLength(6);
      const oversize = await fetch(`${server.base}/v1/protocols/NCT06469190/screenings`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ asOf: '2025-03-15', facts: { pad: 'x'.repeat(1024 * 1024) } }),
      });
      expect(oversize.status).toBe(413);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(server.stdout().split('"msg":"stopped"').length - 1).toBe(3);
    } finally {
      server.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 40_000);
});
