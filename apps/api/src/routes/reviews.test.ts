import { hashOf } from '@eligo/core';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connect';
import { postgresTarget } from '../testing/postgres';
import { small } from '../testing/small';
import { type TestApp, testApp } from '../testing/support';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely; the assertions pin them.
const read = async (res: Response): Promise<any> => res.json();

async function exercise(id: string) {
  const text = small(id);
  const hash = hashOf(text);
  const review = `/v1/protocols/${id}/reviews/${hash}`;
  return { text, hash, review };
}

const pgTarget = await postgresTarget('review');
afterAll(async () => {
  if ('drop' in pgTarget) await pgTarget.drop();
});

const backends: [string, () => Promise<TestApp> | undefined][] = [
  ['SQLite', () => testApp()],
  [
    'PostgreSQL',
    () => ('target' in pgTarget ? openDatabase(pgTarget.target).then((db) => testApp({}, db)) : undefined),
  ],
];

for (const [backend, open] of backends) {
  const skip = backend === 'PostgreSQL' && 'reason' in pgTarget ? pgTarget.reason : undefined;
  describe.skipIf(skip !== undefined)(
    `reviews and approvals on ${backend}${skip ? ` (skipped: ${skip})` : ''}`,
    async () => {
      const t = (await open())!;

      it('publishes without an approval when the trial does not ask for one', async () => {
        const { text } = await exercise('T-FREE');
        await t.request('POST', '/v1/protocols', { role: 'author', body: { text } });
        expect(
          await read(await t.request('GET', '/v1/protocols/T-FREE/settings', { role: 'viewer' })),
        ).toEqual({
          requireApproval: false,
        });
        expect((await t.request('POST', '/v1/protocols/T-FREE/versions', { role: 'author' })).status).toBe(
          201,
        );
      });

      it('stores comments per criterion of one text, with who wrote them', async () => {
        const { text, review } = await exercise('T-NOTES');
        await t.request('POST', '/v1/protocols', { role: 'author', body: { text } });
        const first = await t.request('POST', `${review}/comments`, {
          role: 'reviewer',
          body: { criterionId: 'IN-1', text: 'Registry says ≥ 18; encoded the same.' },
        });
        expect(first.status).toBe(201);
        await t.request('POST', `${review}/comments`, {
          role: 'author',
          body: { criterionId: 'A-IN-1', text: 'Unit checked against the lab.' },
        });
        const body = await read(await t.request('GET', review, { role: 'reviewer' }));
        expect(body).toMatchObject({ id: 'T-NOTES', of: 'draft', requireApproval: false, approvals: [] });
        expect(
          body.comments.map(
            (c: { criterionId: string; text: string; by: { name: string; role: string } }) => [
              c.criterionId,
              c.text,
              c.by.name,
              c.by.role,
            ],
          ),
        ).toEqual([
          ['IN-1', 'Registry says ≥ 18; encoded the same.', 'reviewer (test)', 'reviewer'],
          ['A-IN-1', 'Unit checked against the lab.', 'author (test)', 'author'],
        ]);
        const empty = await t.request('POST', `${review}/comments`, {
          role: 'reviewer',
          body: { criterionId: 'IN-1', text: '   ' },
        });
        expect(empty.status).toBe(400);
      });

      it('404 for a hash that is neither the draft nor a version', async () => {
        const { text } = await exercise('T-GONE');
        await t.request('POST', '/v1/protocols', { role: 'author', body: { text } });
        const res = await t.request('GET', `/v1/protocols/T-GONE/reviews/${'a'.repeat(64)}`, {
          role: 'reviewer',
        });
        expect(res.status).toBe(404);
        expect((await read(res)).error.message).toBe(
          "Text aaaaaaaaaaaa… of protocol 'T-GONE' (neither its draft nor a version) not found",
        );
      });

      it('with requireApproval, publishing waits for a second person with the reviewer role', async () => {
        const { text, hash, review } = await exercise('T-GATE');
        await t.request('POST', '/v1/protocols', { role: 'author', body: { text } });
        const put = await t.request('PUT', '/v1/protocols/T-GATE/settings', {
          role: 'author',
          body: { requireApproval: true },
        });
        expect(put.status).toBe(403);
        expect(
          (
            await t.request('PUT', '/v1/protocols/T-GATE/settings', {
              role: 'admin',
              body: { requireApproval: true },
            })
          ).status,
        ).toBe(200);

        const early = await t.request('POST', '/v1/protocols/T-GATE/versions', { role: 'author' });
        expect(early.status).toBe(409);
        expect((await read(early)).error.message).toBe(
          `Publishing this text of 'T-GATE' (${hash.slice(0, 12)}…) needs an approval by a second person with the reviewer role; save it as the draft and ask a reviewer to approve it`,
        );

        // The author of the draft may not approve it.
        const own = await t.request('POST', `${review}/approvals`, { role: 'author' });
        expect(own.status).toBe(409);
        expect((await read(own)).error.message).toBe(
          "You wrote this draft of 'T-GATE': its approval must come from a second person with the reviewer role",
        );
        // A screener is not a reviewer.
        expect((await t.request('POST', `${review}/approvals`, { role: 'screener' })).status).toBe(403);

        const approved = await t.request('POST', `${review}/approvals`, { role: 'reviewer' });
        expect(approved.status).toBe(201);
        expect(await approved.json()).toMatchObject({ by: { name: 'reviewer (test)' } });
        const published = await t.request('POST', '/v1/protocols/T-GATE/versions', { role: 'author' });
        expect(published.status).toBe(201);
        expect(await published.json()).toMatchObject({ version: 1, hash });
        const after = await read(await t.request('GET', review, { role: 'reviewer' }));
        expect(after.approvals).toHaveLength(1);
      });

      it('an approval is of one text: a changed draft needs its own', async () => {
        const { text, review } = await exercise('T-EDIT');
        await t.request('POST', '/v1/protocols', { role: 'author', body: { text } });
        await t.request('PUT', '/v1/protocols/T-EDIT/settings', {
          role: 'admin',
          body: { requireApproval: true },
        });
        expect((await t.request('POST', `${review}/approvals`, { role: 'reviewer' })).status).toBe(201);
        const changed = small('T-EDIT', 1);
        await t.request('PUT', '/v1/protocols/T-EDIT/draft', { role: 'author', body: { text: changed } });
        expect((await t.request('POST', '/v1/protocols/T-EDIT/versions', { role: 'author' })).status).toBe(
          409,
        );
        // Approved by the one publishing it does not count either.
        const mine = `/v1/protocols/T-EDIT/reviews/${hashOf(changed)}`;
        expect((await t.request('POST', `${mine}/approvals`, { role: 'admin' })).status).toBe(201);
        const self = await t.request('POST', '/v1/protocols/T-EDIT/versions', { role: 'admin' });
        expect(self.status).toBe(409);
        expect((await read(self)).error.message).toMatch(/it is approved only by you$/);
        expect((await t.request('POST', '/v1/protocols/T-EDIT/versions', { role: 'author' })).status).toBe(
          201,
        );
      });
    },
  );
}
