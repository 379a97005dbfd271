import { z } from '@hono/zod-openapi';
import { RoleSchema } from './schemas';

/** The shapes of review comments, approvals and trial settings at the edge. */

export const HashParam = z.object({
  id: z
    .string()
    .regex(/^[\w.-]{1,100}$/)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'NCT06469190' }),
  hash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .openapi({ param: { name: 'hash', in: 'path' }, description: 'The content hash of a draft or version' }),
});

export const TrialSettingsSchema = z
  .object({
    requireApproval: z.boolean().openapi({
      description: 'Publishing needs an approval of the exact text by a reviewer other than its author',
    }),
  })
  .openapi('TrialSettings');

const Person = z.object({ id: z.string(), name: z.string() });

export const NewReviewCommentSchema = z
  .object({
    criterionId: z.string().regex(/^[\w.-]{1,100}$/),
    text: z.string().trim().min(1).max(4000),
  })
  .openapi('NewReviewComment');

export const ReviewCommentSchema = z
  .object({
    id: z.string(),
    criterionId: z.string(),
    text: z.string(),
    by: Person.extend({ role: RoleSchema }),
    at: z.string(),
  })
  .openapi('ReviewComment');

export const ApprovalSchema = z.object({ by: Person, at: z.string() }).openapi('Approval');

export const ReviewSchema = z
  .object({
    id: z.string(),
    hash: z.string(),
    /** Whether the hash is the current draft's or a published version's. */
    of: z.enum(['draft', 'version']),
    requireApproval: z.boolean(),
    comments: z.array(ReviewCommentSchema),
    approvals: z.array(ApprovalSchema),
  })
  .openapi('Review');
