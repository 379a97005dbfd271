import { hc } from 'hono/client';
import { describe, expect, it } from 'vitest';
import type { AppType } from './index';
import { testApp } from './testing/support';

describe('typed client', () => {
  it('calls routes through hc<AppType> with typed params and responses', async () => {
    const t = await testApp();
    const api = hc<AppType>('http://eligo.test', {
      fetch: (input: Request | string | URL, init?: RequestInit) => t.app.request(input, init),
      headers: { authorization: `Bearer ${t.tokens.admin}` },
    });
    const me = await api.v1.tokens.me.$get();
    expect(me.status).toBe(200);
    if (me.status === 200) {
      const body = await me.json();
      expect(body.role).toBe('admin');
    }
    const created = await api.v1.tokens.$post({ json: { name: 'ward 7', role: 'screener' } });
    expect(created.status).toBe(201);
    const missing = await api.v1.protocols[':id'].$get({ param: { id: 'NOPE' } });
    expect(missing.status).toBe(404);
  });
});
