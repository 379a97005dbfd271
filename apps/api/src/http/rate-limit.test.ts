import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { describe, expect, it } from 'vitest';
import { testApp } from '../testing/support';
import { addressKey } from './rate-limit';

/** What @hono/node-server passes the app: the request's socket, whose peer address is the client's. */
const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

describe('the rate limit by client address', () => {
  it('refuses requests without a valid token after a burst, per address, and never slows a valid token', async () => {
    const t = await testApp({ addressRateLimit: 5, rateLimit: 0 });
    const get = (address: string, token?: string) =>
      t.app.request(
        '/v1/protocols',
        { headers: token ? { authorization: `Bearer ${token}` } : {} },
        from(address),
      );
    const guessed = `eligo_${'x'.repeat(40)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await get('203.0.113.7', i % 2 ? guessed : undefined)).status);
    // Bursts up to twice the rate: 10 answered 401, then 429.
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    const limited = await get('203.0.113.7', guessed);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');

    expect((await get('198.51.100.4', guessed)).status).toBe(401);
    expect((await get('203.0.113.7', t.tokens.viewer)).status).toBe(200);
  });

  it('is off at 0', async () => {
    const t = await testApp({ addressRateLimit: 0 });
    for (let i = 0; i < 30; i++)
      expect((await t.app.request('/v1/protocols', {}, from('203.0.113.7'))).status).toBe(401);
  });

  it('counts the TCP peer of the real server', async () => {
    const t = await testApp({ addressRateLimit: 10 });
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/tokens/me`;
      const statuses: number[] = [];
      const started = performance.now();
      for (let i = 0; i < 40; i++) {
        const res = await fetch(url, {
          headers: { authorization: `Bearer eligo_guess${i}aaaaaaaaaaaaaaaaaaaaaaaa` },
        });
        await res.arrayBuffer();
        statuses.push(res.status);
      }
      // A burst of 20 (two seconds' worth), then 10 more each second the requests took: a loaded
      // machine is slower, and refills more, but the last guess must still be refused.
      const seconds = (performance.now() - started) / 1000;
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(21 + Math.ceil(seconds * 10));
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:db8:85a3:8d3::/64'],
    ['2001:db8:85a3:8d3::1', '2001:db8:85a3:8d3::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
  ])('keys %s as %s', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});
