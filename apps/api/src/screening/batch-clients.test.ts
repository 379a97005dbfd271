import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { example, nct } from '../testing/nct';
import { type TestApp, testApp } from '../testing/support';

// Over real sockets: whether a client that sends its whole body before reading gets an answer
// depends on what the sockets hold, which app.request() does not have.
const line = JSON.stringify(example('eligible-igan.json'));

interface Served {
  readonly t: TestApp;
  readonly port: number;
  close(): Promise<void>;
}

async function served(config: Parameters<typeof testApp>[0], batchStallMs?: number): Promise<Served> {
  const t = await testApp({ bodyLimit: 1024 * 1024, ...config }, undefined, { batchStallMs });
  const published = await t.request('POST', '/v1/protocols/NCT06469190/versions', {
    role: 'author',
    body: { text: nct.text, name: nct.name },
  });
  expect(published.status).toBe(201);
  const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    t,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Python's http.client, and many other clients: the request line, headers and the entire body
 * are handed to the socket before a single byte of the answer is read.
 */
function sendAllThenRead(
  port: number,
  token: string,
  body: Buffer,
  query = '',
): Promise<{ sent: boolean; status: number | undefined; lines: string[] }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.pause();
    const chunks: Buffer[] = [];
    let sent = false;
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      const raw = Buffer.concat(chunks);
      const split = raw.indexOf('\r\n\r\n');
      const head = split === -1 ? '' : raw.subarray(0, split).toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(head)?.[1];
      const payload = split === -1 ? Buffer.alloc(0) : dechunk(raw.subarray(split + 4));
      resolve({
        sent,
        status: status ? Number(status) : undefined,
        lines: payload.toString('utf8').split('\n').filter(Boolean),
      });
    });
    const head = [
      `POST /v1/protocols/NCT06469190/screenings/batch${query} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      `Authorization: Bearer ${token}`,
      'Content-Type: application/x-ndjson',
      `Content-Length: ${body.length}`,
      'Connection: close',
      '',
      '',
    ].join('\r\n');
    socket.write(head);
    // Called once the last byte is with the kernel: only then does this client start reading.
    socket.write(body, (error) => {
      sent = !error;
      socket.resume();
    });
  });
}

/** The payload of a chunked transfer encoding, as far as it is complete. */
function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < data.length) {
    const end = data.indexOf('\r\n', at);
    if (end === -1) break;
    const size = Number.parseInt(data.subarray(at, end).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(data.subarray(end + 2, Math.min(data.length, end + 2 + size)));
    at = end + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

function batchOf(lines: number): Buffer {
  return Buffer.from(`${line}\n`.repeat(lines));
}

describe('a batch from a client that sends the whole body before reading', () => {
  let s: Served;
  beforeAll(async () => {
    s = await served({ batchBuffer: 64 * 1024 * 1024 });
  });
  afterAll(() => s.close());

  it('gets its complete answer for 1,000 lines within seconds', async () => {
    const body = batchOf(1000);
    expect(body.length).toBeGreaterThan(10 * 1024 * 1024);
    const started = performance.now();
    const answer = await Promise.race([
      sendAllThenRead(s.port, s.t.tokens.screener, body),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('no complete answer within 15 s: the client hangs')), 15_000),
      ),
    ]);
    const seconds = (performance.now() - started) / 1000;
    expect(answer.sent).toBe(true);
    expect(answer.status).toBe(200);
    expect(answer.lines).toHaveLength(1001);
    expect(JSON.parse(answer.lines.at(-1)!)).toMatchObject({ batch: { screened: 1000, failed: 0 } });
    expect(seconds).toBeLessThan(15);
  }, 30_000);
});

describe('a batch larger than the read-ahead buffer', () => {
  let s: Served;
  beforeAll(async () => {
    s = await served({ batchBuffer: 256 * 1024 }, 300);
  });
  afterAll(() => s.close());

  it('from a client that does not read while it sends: the connection is closed, not left hanging', async () => {
    const started = performance.now();
    // Full answers (about 40 KB a line): far more than the socket buffers and the read-ahead hold,
    // which compact lines (about 3 KB) might not be.
    const answer = await sendAllThenRead(s.port, s.t.tokens.screener, batchOf(1000), '?full=true');
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(answer.sent).toBe(false);
    expect(answer.lines.some((l) => l.includes('"summary"'))).toBe(false);
  }, 30_000);

  it('from a client that reads while it sends (curl, fetch): answered in full', async () => {
    const res = await fetch(`http://127.0.0.1:${s.port}/v1/protocols/NCT06469190/screenings/batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.t.tokens.screener}`, 'content-type': 'application/x-ndjson' },
      body: batchOf(300),
    });
    const lines = (await res.text()).trimEnd().split('\n');
    expect(lines).toHaveLength(301);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ batch: { screened: 300, failed: 0 } });
  }, 30_000);
});
