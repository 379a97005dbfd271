import type { Context } from 'hono';
import type { AppEnv } from '../http/env';
import { conflict } from '../http/errors';

/**
 * When the trial's settings ask for it, a text is published only after someone other than the
 * publisher approved that exact text (its content hash). Republishing a text already published
 * creates nothing, so it passes.
 */
export async function requireApprovalToPublish(c: Context<AppEnv>, id: string, hash: string): Promise<void> {
  const { reviews, protocols } = c.var.deps.store;
  const settings = await reviews.settings(id);
  if (!settings?.requireApproval) return;
  const publisher = c.var.principal?.id;
  const approvals = await reviews.approvals(id, hash);
  if (approvals.some((a) => a.by.id !== publisher)) return;
  if ((await protocols.versions(id)).some((v) => v.hash === hash)) return;
  const text = `this text of '${id}' (${hash.slice(0, 12)}…)`;
  throw conflict(
    approvals.length > 0
      ? `Publishing ${text} needs an approval by a second person with the reviewer role; it is approved only by you`
      : `Publishing ${text} needs an approval by a second person with the reviewer role; save it as the draft and ask a reviewer to approve it`,
  );
}
