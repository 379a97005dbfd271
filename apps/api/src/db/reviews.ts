import type { Role } from '../auth/roles';
import { newId } from '../auth/tokens';
import type { Db } from './connect';

export interface ReviewComment {
  readonly id: string;
  readonly criterionId: string;
  readonly text: string;
  readonly by: { readonly id: string; readonly name: string; readonly role: Role };
  readonly at: string;
}

export interface Approval {
  readonly by: { readonly id: string; readonly name: string };
  readonly at: string;
}

/** Who wrote a text of a protocol: the token that saved it as the draft, or that published it. */
export interface TextOrigin {
  readonly kind: 'draft' | 'version';
  readonly authorId: string | null;
}

/** Review comments, approvals and the per-trial setting that makes publishing wait for one. */
export function reviewStore(db: Db) {
  const k = db.kysely;
  return {
    async settings(protocolId: string): Promise<{ requireApproval: boolean } | undefined> {
      const row = await k
        .selectFrom('protocols')
        .select('require_approval')
        .where('id', '=', protocolId)
        .executeTakeFirst();
      return row && { requireApproval: Number(row.require_approval ?? 0) === 1 };
    },

    async setSettings(protocolId: string, settings: { requireApproval: boolean }): Promise<boolean> {
      const result = await k
        .updateTable('protocols')
        .set({ require_approval: settings.requireApproval ? 1 : 0 })
        .where('id', '=', protocolId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Where a content hash of this protocol comes from: its current draft, or a published version. */
    async origin(protocolId: string, hash: string): Promise<TextOrigin | undefined> {
      const draft = await k
        .selectFrom('protocols')
        .select('draft_by')
        .where('id', '=', protocolId)
        .where('draft_hash', '=', hash)
        .executeTakeFirst();
      if (draft) return { kind: 'draft', authorId: draft.draft_by ?? null };
      const version = await k
        .selectFrom('protocol_versions')
        .select('published_by')
        .where('protocol_id', '=', protocolId)
        .where('hash', '=', hash)
        .executeTakeFirst();
      return version && { kind: 'version', authorId: version.published_by };
    },

    async comments(protocolId: string, hash: string): Promise<ReviewComment[]> {
      const rows = await k
        .selectFrom('review_comments')
        .selectAll()
        .where('protocol_id', '=', protocolId)
        .where('hash', '=', hash)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        criterionId: r.criterion_id,
        text: r.text,
        by: { id: r.token_id, name: r.token_name, role: r.role },
        at: r.created_at,
      }));
    },

    async addComment(
      protocolId: string,
      hash: string,
      comment: { criterionId: string; text: string; by: { id: string; name: string; role: Role } },
    ): Promise<ReviewComment> {
      const at = new Date().toISOString();
      const id = newId('rvc');
      await k
        .insertInto('review_comments')
        .values({
          id,
          protocol_id: protocolId,
          hash,
          criterion_id: comment.criterionId,
          text: comment.text,
          token_id: comment.by.id,
          token_name: comment.by.name,
          role: comment.by.role,
          created_at: at,
        })
        .execute();
      return { id, criterionId: comment.criterionId, text: comment.text, by: comment.by, at };
    },

    async approvals(protocolId: string, hash: string): Promise<Approval[]> {
      const rows = await k
        .selectFrom('review_approvals')
        .selectAll()
        .where('protocol_id', '=', protocolId)
        .where('hash', '=', hash)
        .orderBy('approved_at')
        .execute();
      return rows.map((r) => ({ by: { id: r.token_id, name: r.token_name }, at: r.approved_at }));
    },

    /** Approving twice keeps the first approval. */
    async approve(protocolId: string, hash: string, by: { id: string; name: string }): Promise<Approval> {
      const at = new Date().toISOString();
      await k
        .insertInto('review_approvals')
        .values({ protocol_id: protocolId, hash, token_id: by.id, token_name: by.name, approved_at: at })
        .onConflict((oc) => oc.columns(['protocol_id', 'hash', 'token_id']).doNothing())
        .execute();
      const mine = (await this.approvals(protocolId, hash)).find((a) => a.by.id === by.id);
      return mine ?? { by, at };
    },
  };
}

export type ReviewStore = ReturnType<typeof reviewStore>;
