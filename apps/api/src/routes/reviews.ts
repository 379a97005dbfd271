import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { requireRole } from '../auth/middleware';
import type { AppEnv } from '../http/env';
import { conflict, notFound, unauthorized } from '../http/errors';
import {
  ApprovalSchema,
  HashParam,
  NewReviewCommentSchema,
  ReviewCommentSchema,
  ReviewSchema,
  TrialSettingsSchema,
} from '../http/review-schemas';
import { bearer, router } from '../http/router';
import { errorResponses, json, ProtocolIdParam } from '../http/schemas';

const body = <T>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });

const getSettings = createRoute({
  method: 'get',
  path: '/{id}/settings',
  summary: "A trial's settings (whether publishing needs a reviewer's approval)",
  tags: ['reviews'],
  security: bearer,
  middleware: [requireRole('viewer')] as const,
  request: { params: ProtocolIdParam },
  responses: { 200: json(TrialSettingsSchema, 'The settings'), ...errorResponses(400, 401, 404) },
});

// Admin only: an author who could turn the requirement off could publish unreviewed text.
const putSettings = createRoute({
  method: 'put',
  path: '/{id}/settings',
  summary: "Change a trial's settings",
  tags: ['reviews'],
  security: bearer,
  middleware: [requireRole('admin')] as const,
  request: { params: ProtocolIdParam, body: body(TrialSettingsSchema) },
  responses: { 200: json(TrialSettingsSchema, 'The settings'), ...errorResponses(400, 401, 403, 404, 503) },
});

const getReview = createRoute({
  method: 'get',
  path: '/{id}/reviews/{hash}',
  summary: 'Review comments and approvals of one text of a protocol (its draft or a version, by hash)',
  tags: ['reviews'],
  security: bearer,
  middleware: [requireRole('reviewer')] as const,
  request: { params: HashParam },
  responses: { 200: json(ReviewSchema, 'The review'), ...errorResponses(400, 401, 403, 404) },
});

const addComment = createRoute({
  method: 'post',
  path: '/{id}/reviews/{hash}/comments',
  summary: 'Comment on one criterion of a text',
  tags: ['reviews'],
  security: bearer,
  middleware: [requireRole('reviewer')] as const,
  request: { params: HashParam, body: body(NewReviewCommentSchema) },
  responses: {
    201: json(ReviewCommentSchema, 'The comment'),
    ...errorResponses(400, 401, 403, 404, 413, 429, 503),
  },
});

const approve = createRoute({
  method: 'post',
  path: '/{id}/reviews/{hash}/approvals',
  summary: "Approve a text for publication (by a reviewer who is not the text's author)",
  tags: ['reviews'],
  security: bearer,
  middleware: [requireRole('reviewer')] as const,
  request: { params: HashParam },
  responses: {
    201: json(ApprovalSchema, 'Approved'),
    ...errorResponses(400, 401, 403, 404, 409, 429, 503),
  },
});

/** The text's origin, or 404 when the hash is neither the protocol's draft nor one of its versions. */
async function originOf(c: Context<AppEnv>, id: string, hash: string) {
  const origin = await c.var.deps.store.reviews.origin(id, hash);
  if (!origin)
    throw notFound(`Text ${hash.slice(0, 12)}… of protocol '${id}' (neither its draft nor a version)`);
  return origin;
}

function principalOf(c: Context<AppEnv>) {
  const principal = c.var.principal;
  if (!principal) throw unauthorized();
  return principal;
}

export const reviewRoutes = router()
  .openapi(getSettings, async (c) => {
    const { id } = c.req.valid('param');
    const settings = await c.var.deps.store.reviews.settings(id);
    if (!settings) throw notFound(`Protocol '${id}'`);
    return c.json(settings, 200);
  })
  .openapi(putSettings, async (c) => {
    const { id } = c.req.valid('param');
    const settings = c.req.valid('json');
    if (!(await c.var.deps.store.reviews.setSettings(id, settings))) throw notFound(`Protocol '${id}'`);
    return c.json(settings, 200);
  })
  .openapi(getReview, async (c) => {
    const { id, hash } = c.req.valid('param');
    const { reviews } = c.var.deps.store;
    const origin = await originOf(c, id, hash);
    const [settings, comments, approvals] = await Promise.all([
      reviews.settings(id),
      reviews.comments(id, hash),
      reviews.approvals(id, hash),
    ]);
    return c.json(
      {
        id,
        hash,
        of: origin.kind,
        requireApproval: settings?.requireApproval ?? false,
        comments,
        approvals,
      },
      200,
    );
  })
  .openapi(addComment, async (c) => {
    const { id, hash } = c.req.valid('param');
    const { criterionId, text } = c.req.valid('json');
    await originOf(c, id, hash);
    const principal = principalOf(c);
    const comment = await c.var.deps.store.reviews.addComment(id, hash, {
      criterionId,
      text,
      by: { id: principal.id, name: principal.name, role: principal.role },
    });
    return c.json(comment, 201);
  })
  .openapi(approve, async (c) => {
    const { id, hash } = c.req.valid('param');
    const origin = await originOf(c, id, hash);
    const principal = principalOf(c);
    if (origin.authorId === principal.id) {
      throw conflict(
        `You wrote this ${origin.kind === 'draft' ? 'draft' : 'version'} of '${id}': its approval must come from a second person with the reviewer role`,
      );
    }
    const approval = await c.var.deps.store.reviews.approve(id, hash, {
      id: principal.id,
      name: principal.name,
    });
    return c.json(approval, 201);
  });
