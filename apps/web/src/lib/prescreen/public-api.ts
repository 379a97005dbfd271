import type { AppType } from '@eligo/api';
import { hc } from 'hono/client';

/**
 * The two public routes the pre-screen uses, without a token: the published protocol text, and
 * the optional request to be contacted. Nothing else is sent: the answers are screened here.
 */
export function createPublicApi(
  origin: string = globalThis.location?.origin ?? 'http://127.0.0.1:8787',
  fetch?: typeof globalThis.fetch,
) {
  const client = hc<AppType>(origin, fetch ? { fetch } : {});
  return {
    async trial(id: string) {
      const res = await reach(() => client.v1.trials[':id'].$get({ param: { id } }));
      if (res.ok) return await res.json();
      // The route types list only the success status; the others arrive all the same.
      const status: number = res.status;
      throw new PublicApiError(
        status === 404
          ? 'This study is not open for pre-screening, or its address is wrong.'
          : 'The study could not be loaded. Please try again later.',
      );
    },
    async contact(id: string, contact: { name: string; email?: string; phone?: string; consent: true }) {
      const res = await reach(() => client.v1.trials[':id'].contacts.$post({ param: { id }, json: contact }));
      if (res.ok) return;
      const status: number = res.status;
      if (status === 429)
        throw new PublicApiError('Too many requests from this connection. Please try again later.');
      if (status === 400) {
        const body = (await res.json().catch(() => undefined)) as
          | { error?: { issues?: { path: string; message: string }[] } }
          | undefined;
        const issue = body?.error?.issues?.[0];
        throw new PublicApiError(
          issue
            ? `Please check the ${fieldName(issue.path)}: ${issue.message}.`
            : 'Please check your details.',
        );
      }
      throw new PublicApiError('Your details could not be sent. Please try again later.');
    },
  };
}

export class PublicApiError extends Error {}

async function reach<R>(request: () => Promise<R>): Promise<R> {
  try {
    return await request();
  } catch {
    throw new PublicApiError('The study site could not be reached. Check your connection and try again.');
  }
}

function fieldName(path: string): string {
  return path === 'email'
    ? 'email address or phone number'
    : path === 'phone'
      ? 'phone number'
      : path || 'details';
}
