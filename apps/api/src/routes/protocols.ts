import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { requireRole } from '../auth/middleware';
import { compileCriteria } from '../compile/criteria';
import { diagnosticsJson } from '../http/diagnostics';
import type { AppEnv } from '../http/env';
import { conflict, invalid, notCompiled, notFound } from '../http/errors';
import { bearer, router } from '../http/router';
import {
  CriteriaTextSchema,
  DraftSchema,
  errorResponses,
  json,
  ProtocolDetailSchema,
  ProtocolIdParam,
  ProtocolListSchema,
  PublishResultSchema,
  PublishSchema,
  VersionListSchema,
  VersionParam,
} from '../http/schemas';
import { requireApprovalToPublish } from './approval-gate';
import { protocolDetail, versionSummary } from './protocol-view';

const body = <T>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });

const list = createRoute({
  method: 'get',
  path: '/',
  summary: 'List protocols with their latest published version',
  tags: ['protocols'],
  security: bearer,
  middleware: [requireRole('viewer')] as const,
  responses: { 200: json(ProtocolListSchema, 'Protocols'), ...errorResponses(401) },
});

const createDraft = createRoute({
  method: 'post',
  path: '/',
  summary: 'Create or update the draft of the protocol the text declares',
  tags: ['protocols'],
  security: bearer,
  middleware: [requireRole('author')] as const,
  request: { body: body(CriteriaTextSchema) },
  responses: { 201: json(DraftSchema, 'Draft saved'), ...errorResponses(400, 401, 403, 413, 422, 429, 503) },
});

const putDraft = createRoute({
  method: 'put',
  path: '/{id}/draft',
  summary: "Replace a protocol's draft",
  tags: ['protocols'],
  security: bearer,
  middleware: [requireRole('author')] as const,
  request: { params: ProtocolIdParam, body: body(CriteriaTextSchema) },
  responses: { 200: json(DraftSchema, 'Draft saved'), ...errorResponses(400, 401, 403, 413, 422, 429, 503) },
});

const getDraft = createRoute({
  method: 'get',
  path: '/{id}/draft',
  summary: "A protocol's draft",
  tags: ['protocols'],
  security: bearer,
  middleware: [requireRole('reviewer')] as const,
  request: { params: ProtocolIdParam },
  responses: { 200: json(DraftSchema, 'The draft'), ...errorResponses(400, 401, 403, 404, 422, 429, 503) },
});

const publish = createRoute({
  method: 'post',
  path: '/{id}/versions',
  summary: 'Publish an immutable version (identical text returns the existing version)',
  tags: ['protocols'],
  security: bearer,
  middleware: [requireRole('author')] as const,
  request: {
    params: ProtocolIdParam,
    body: { required: false, content: { 'application/json': { schema: PublishSchema } } },
  },
  responses: {
    200: json(PublishResultSchema, 'Identical text was already published: that version'),
    201: json(PublishResultSchema, 'Published as a new version'),
    ...errorResponses(400, 401, 403, 404, 409, 413, 422, 429, 503),
  },
});

const versions = createRoute({
  method: 'get',
  path: '/{id}/versions',
  summary: 'Published versions of a protocol, oldest first',
  tags: ['protocols'],
  security: bearer,
  middleware: [requireRole('viewer')] as const,
  request: { params: ProtocolIdParam },
  responses: { 200: json(VersionListSchema, 'Versions'), ...errorResponses(400, 401, 404) },
});

const latest = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'The latest published version with its source, criteria, cohorts, questions and input schema',
  tags: ['protocols'],
  security: bearer,
  middleware: [requireRole('viewer')] as const,
  request: { params: ProtocolIdParam },
  responses: { 200: json(ProtocolDetailSchema, 'The protocol'), ...errorResponses(400, 401, 404) },
});

const version = createRoute({
  method: 'get',
  path: '/{id}/versions/{version}',
  summary: 'A given published version',
  tags: ['protocols'],
  security: bearer,
  middleware: [requireRole('viewer')] as const,
  request: { params: VersionParam },
  responses: { 200: json(ProtocolDetailSchema, 'The protocol version'), ...errorResponses(400, 401, 404) },
});

/** Compiles for storage: 422 with the diagnostics unless it compiles, 400 if it declares another trial. */
async function compileFor(
  c: Context<AppEnv>,
  expectedId: string | undefined,
  text: string,
  name: string | undefined,
) {
  const compiled = await compileCriteria(
    c,
    text,
    name ?? (expectedId ? `${expectedId}.elig` : 'criteria.elig'),
  );
  const protocol = compiled.protocol;
  if (!compiled.ok || !protocol) throw notCompiled(compiled.diagnostics);
  const id = protocol.id;
  if (expectedId !== undefined && id !== expectedId) {
    throw invalid([{ path: 'text', message: `the text declares trial '${id}', not '${expectedId}'` }]);
  }
  return { ...compiled, protocol, id, name: name ?? `${id}.elig` };
}

async function detail(c: Context<AppEnv>, id: string, number?: number) {
  const { store, cache } = c.var.deps;
  const found = await store.protocols.version(id, number);
  if (!found)
    throw notFound(number === undefined ? `Protocol '${id}'` : `Version ${number} of protocol '${id}'`);
  return protocolDetail(found, cache.get(found));
}

export const protocolRoutes = router()
  .openapi(list, async (c) => {
    const protocols = await c.var.deps.store.protocols.list();
    return c.json(
      {
        protocols: protocols.map((p) => ({
          id: p.id,
          title: p.title,
          latest: p.latest && {
            version: p.latest.number,
            hash: p.latest.hash,
            publishedAt: p.latest.publishedAt,
          },
          draftUpdatedAt: p.draftUpdatedAt,
        })),
      },
      200,
    );
  })
  .openapi(createDraft, async (c) => {
    const { text, name } = c.req.valid('json');
    const compiled = await compileFor(c, undefined, text, name);
    const draft = await c.var.deps.store.protocols.saveDraft(
      compiled.id,
      { name: compiled.name, text },
      { hash: compiled.protocol.hash, by: c.var.principal?.id ?? null },
    );
    return c.json({ id: compiled.id, ...draft, diagnostics: diagnosticsJson(compiled.diagnostics) }, 201);
  })
  .openapi(putDraft, async (c) => {
    const { id } = c.req.valid('param');
    const { text, name } = c.req.valid('json');
    const compiled = await compileFor(c, id, text, name);
    const draft = await c.var.deps.store.protocols.saveDraft(
      id,
      { name: compiled.name, text },
      { hash: compiled.protocol.hash, by: c.var.principal?.id ?? null },
    );
    return c.json({ id, ...draft, diagnostics: diagnosticsJson(compiled.diagnostics) }, 200);
  })
  .openapi(getDraft, async (c) => {
    const { id } = c.req.valid('param');
    const draft = await c.var.deps.store.protocols.draft(id);
    if (!draft) throw notFound(`Draft of protocol '${id}'`);
    const compiled = await compileCriteria(c, draft.text, draft.name);
    return c.json({ id, ...draft, diagnostics: diagnosticsJson(compiled.diagnostics) }, 200);
  })
  .openapi(publish, async (c) => {
    const { id } = c.req.valid('param');
    const { store } = c.var.deps;
    // The body is optional: no body (or no text) publishes the draft.
    const given = c.req.valid('json') ?? {};
    let text = given.text;
    let name = given.name;
    if (text === undefined) {
      const draft = await store.protocols.draft(id);
      if (!draft) {
        if (!(await store.protocols.exists(id))) throw notFound(`Protocol '${id}'`);
        throw conflict(`Protocol '${id}' has no draft to publish; send its text`);
      }
      text = draft.text;
      name ??= draft.name;
    }
    const compiled = await compileFor(c, id, text, name);
    const info = compiled.protocol;
    await requireApprovalToPublish(c, id, info.hash);
    const { version: published, created } = await store.protocols.publish({
      protocolId: id,
      hash: info.hash,
      title: info.title ?? null,
      name: compiled.name,
      text,
      publishedBy: c.var.principal?.id ?? null,
    });
    const result = {
      ...versionSummary(published),
      created,
      diagnostics: diagnosticsJson(compiled.diagnostics),
    };
    return created ? c.json(result, 201) : c.json(result, 200);
  })
  .openapi(versions, async (c) => {
    const { id } = c.req.valid('param');
    const found = await c.var.deps.store.protocols.versions(id);
    if (found.length === 0) throw notFound(`Protocol '${id}'`);
    return c.json({ versions: found.map(versionSummary) }, 200);
  })
  .openapi(latest, async (c) => c.json(await detail(c, c.req.valid('param').id), 200))
  .openapi(version, async (c) => {
    const { id, version: number } = c.req.valid('param');
    return c.json(await detail(c, id, number), 200);
  });
