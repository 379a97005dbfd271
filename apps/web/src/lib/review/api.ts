import type { AppType } from '@eligo/api';
import { hc } from 'hono/client';
import { body, call } from '../api';

/** The review routes: drafts and versions to review, comments, approvals, the trial's setting, publishing. */
export function createReviewApi(
  token: string,
  origin: string = globalThis.location?.origin ?? 'http://127.0.0.1:8787',
  fetch?: typeof globalThis.fetch,
) {
  const client = hc<AppType>(origin, {
    headers: { authorization: `Bearer ${token}` },
    ...(fetch ? { fetch } : {}),
  });
  const protocol = client.v1.protocols[':id'];
  return {
    async me() {
      return body(await call(() => client.v1.tokens.me.$get()));
    },
    /** The draft, or undefined when there is none (404). */
    async draft(id: string) {
      const res = await call(() => protocol.draft.$get({ param: { id } }));
      return (res.status as number) === 404 ? undefined : body(res);
    },
    async versions(id: string) {
      return body(await call(() => protocol.versions.$get({ param: { id } })));
    },
    async version(id: string, version: number) {
      return body(
        await call(() => protocol.versions[':version'].$get({ param: { id, version: String(version) } })),
      );
    },
    async review(id: string, hash: string) {
      return body(await call(() => protocol.reviews[':hash'].$get({ param: { id, hash } })));
    },
    async comment(id: string, hash: string, criterionId: string, text: string) {
      return body(
        await call(() =>
          protocol.reviews[':hash'].comments.$post({ param: { id, hash }, json: { criterionId, text } }),
        ),
      );
    },
    async approve(id: string, hash: string) {
      return body(await call(() => protocol.reviews[':hash'].approvals.$post({ param: { id, hash } })));
    },
    /** Publishes the draft; the API refuses (409) until a required approval is given. */
    async publishDraft(id: string) {
      return body(await call(() => protocol.versions.$post({ param: { id }, json: {} })));
    },
  };
}

export type ReviewApi = ReturnType<typeof createReviewApi>;
export type Review = Awaited<ReturnType<ReviewApi['review']>>;
export type ReviewComment = Review['comments'][number];
