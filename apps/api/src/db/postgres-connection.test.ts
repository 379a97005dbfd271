import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { examplePath } from '@eligo/protocols';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { POSTGRES_URL, postgresTarget } from '../testing/postgres';
import { freePort, type Running, startServer } from '../testing/server';

// The real server process against PostgreSQL: what kills a process (an unhandled 'error' event)
// can only be seen there. Its sessions carry an application_name of their own, so terminating
// them leaves other tests' connections alone.
const pgTarget = await postgresTarget();
if ('reason' in pgTarget)
  console.warn(`[skip] PostgreSQL connection fault tests skipped: ${pgTarget.reason}`);
const skip = !('target' in pgTarget);
afterAll(async () => {
  if ('drop' in pgTarget) await pgTarget.drop();
});

const TOKEN = `eligo_${'f'.repeat(32)}`;
const PASSWORD = 'never-in-any-log-7f3a';
const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
const patient = readFileSync(examplePath('NCT06469190', 'eligible-igan.json'), 'utf8');

/** The test database's URL in this file's schema, with a password (trust auth ignores it) to look for in the output. */
function databaseUrl(applicationName: string, port?: number): string {
  const url = new URL(POSTGRES_URL);
  url.password = PASSWORD;
  if (port !== undefined) {
    url.hostname = '127.0.0.1';
    url.port = String(port);
  }
  const schema = 'target' in pgTarget && pgTarget.target.kind === 'postgres' ? pgTarget.target.schema : '';
  url.searchParams.set('options', `-c search_path=${schema}`);
  url.searchParams.set('application_name', applicationName);
  return url.toString();
}

async function status(server: Running, path: string, init: RequestInit = {}): Promise<number> {
  const res = await fetch(`${server.base}${path}`, { headers, ...init });
  await res.arrayBuffer();
  return res.status;
}

const screen = (server: Running) =>
  status(server, '/v1/protocols/NCT06469190/screenings', { method: 'POST', body: patient });
const list = (server: Running) => status(server, '/v1/protocols');

function expectNoSecrets(server: Running) {
  const output = server.stdout() + server.stderr();
  expect(output).not.toContain(PASSWORD);
  expect(output).not.toContain("Unhandled 'error' event");
  expect(output).not.toMatch(/user: '|connectionParameters|database: '/);
}

describe('the server on PostgreSQL', () => {
  it.skipIf(skip)(
    'survives its connections being terminated (pg_terminate_backend) and serves the next requests',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'eligo-pg-'));
      const name = `eligo_term_${process.pid}`;
      const server = await startServer(dir, { DATABASE_URL: databaseUrl(name), ELIGO_ADMIN_TOKEN: TOKEN });
      const admin = new pg.Client({ connectionString: POSTGRES_URL });
      await admin.connect();
      try {
        // Several requests at once leave several idle connections in the pool.
        expect(await Promise.all(Array.from({ length: 6 }, () => screen(server)))).toEqual(
          Array(6).fill(200),
        );
        const { rows } = await admin.query(
          `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = $1`,
          [name],
        );
        expect(rows.length).toBeGreaterThan(1);
        await new Promise((r) => setTimeout(r, 300));
        expect(server.child.exitCode).toBeNull();

        for (let i = 0; i < 5; i++) expect([await list(server), await screen(server)]).toEqual([200, 200]);
        expect((await fetch(`${server.base}/readyz`)).status).toBe(200);
        const lost = server
          .stdout()
          .split('\n')
          .filter((l) => l.includes('database connection lost'));
        expect(lost.length).toBeGreaterThan(0);
        expect(JSON.parse(lost[0]!)).toMatchObject({
          level: 40,
          error: { code: '57P01', message: 'terminating connection due to administrator command' },
        });
        expectNoSecrets(server);
      } finally {
        await admin.end();
        server.child.kill('SIGKILL');
        await server.exited;
        rmSync(dir, { recursive: true, force: true });
      }
    },
    30_000,
  );

  it.skipIf(skip)(
    'survives connections reset mid-query and a database that is gone for a while, and recovers',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'eligo-pg-'));
      const target = new URL(POSTGRES_URL);
      const proxy = tcpProxy(target.hostname, Number(target.port || 5432));
      const port = await proxy.listen(await freePort());
      const server = await startServer(dir, {
        DATABASE_URL: databaseUrl(`eligo_proxy_${process.pid}`, port),
        ELIGO_ADMIN_TOKEN: TOKEN,
      });
      try {
        expect(await Promise.all(Array.from({ length: 4 }, () => screen(server)))).toEqual(
          Array(4).fill(200),
        );

        // Every connection, idle or busy, is reset just as a query is sent through.
        proxy.resetOnNextQuery();
        const cut = await fetch(`${server.base}/v1/protocols/NCT06469190/screenings`, {
          method: 'POST',
          headers,
          body: patient,
        });
        expect(cut.status).toBe(503);
        expect(cut.headers.get('retry-after')).toBe('5');
        expect(((await cut.json()) as { error: { code: string } }).error.code).toBe('storage_unreachable');
        expect(proxy.resets()).toBeGreaterThan(1);
        await new Promise((r) => setTimeout(r, 200));
        expect(server.child.exitCode).toBeNull();
        for (let i = 0; i < 3; i++) expect([await list(server), await screen(server)]).toEqual([200, 200]);

        // The database gone: answers come at once, 503, and readiness says so; then it is back.
        await proxy.close();
        const started = performance.now();
        expect([await list(server), await screen(server)]).toEqual([503, 503]);
        expect(performance.now() - started).toBeLessThan(5_000);
        const down = await fetch(`${server.base}/readyz`);
        expect([down.status, await down.json()]).toEqual([
          503,
          { status: 'unavailable', storage: 'unreachable' },
        ]);
        expect(server.child.exitCode).toBeNull();

        await proxy.listen(port);
        expect([await list(server), await screen(server)]).toEqual([200, 200]);
        expect((await fetch(`${server.base}/readyz`)).status).toBe(200);
        expect(server.stdout()).toContain('"msg":"storage available again"');
        expectNoSecrets(server);
      } finally {
        server.child.kill('SIGKILL');
        await server.exited;
        await proxy.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    30_000,
  );
});

/** A TCP proxy to PostgreSQL that can reset every connection through it, and stop listening. */
function tcpProxy(host: string, port: number) {
  const sockets = new Set<Socket>();
  let resetNext = false;
  let resetCount = 0;
  let server: Server | undefined;
  const resetAll = () => {
    for (const socket of sockets) {
      resetCount++;
      socket.resetAndDestroy();
    }
    sockets.clear();
  };
  const accept = (client: Socket) => {
    const upstream = connect(port, host);
    sockets.add(client);
    sockets.add(upstream);
    for (const socket of [client, upstream]) {
      socket.on('error', () => {});
      socket.on('close', () => sockets.delete(socket));
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('data', (chunk) => {
      if (resetNext) {
        resetNext = false;
        resetAll();
      } else upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
  };
  return {
    listen(on: number): Promise<number> {
      server = createServer(accept);
      return new Promise((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(on, '127.0.0.1', () => resolve(on));
      });
    },
    close(): Promise<void> {
      resetAll();
      const s = server;
      server = undefined;
      return new Promise((resolve) => (s ? s.close(() => resolve()) : resolve()));
    },
    resetOnNextQuery() {
      resetNext = true;
    },
    resets: () => resetCount,
  };
}
