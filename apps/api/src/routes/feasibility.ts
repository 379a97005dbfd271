import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { requireRole } from '../auth/middleware';
import type { JobView } from '../feasibility/jobs';
import { FeasibilityJobSchema, FeasibilityRequestSchema } from '../feasibility/schemas';
import type { AppEnv } from '../http/env';
import { invalid, notFound } from '../http/errors';
import { bearer, router } from '../http/router';
import { errorResponses, json, ProtocolIdParam } from '../http/schemas';

const start = createRoute({
  method: 'post',
  path: '/{id}/feasibility',
  summary: 'Start a feasibility run: how many patients of a population each criterion keeps',
  description:
    "Counts an uploaded NDJSON population, or a FHIR bulk export in the server's `ELIGO_BULK_DIR`, against the latest published version, as a job off the request thread. The result is the attrition funnel only: no patient rows, no references.",
  tags: ['feasibility'],
  security: bearer,
  middleware: [requireRole('author')] as const,
  request: {
    params: ProtocolIdParam,
    body: { required: true, content: { 'application/json': { schema: FeasibilityRequestSchema } } },
  },
  responses: {
    202: json(FeasibilityJobSchema, 'The job, queued'),
    ...errorResponses(400, 401, 403, 404, 413, 429, 503),
  },
});

const JobParam = z.object({
  job: z.string().openapi({ param: { name: 'job', in: 'path' } }),
});

const read = createRoute({
  method: 'get',
  path: '/{job}',
  summary: "A feasibility job's state, progress and, once done, its funnel",
  tags: ['feasibility'],
  security: bearer,
  middleware: [requireRole('author')] as const,
  request: { params: JobParam },
  responses: { 200: json(FeasibilityJobSchema, 'The job'), ...errorResponses(401, 403, 404) },
});

const cancel = createRoute({
  method: 'delete',
  path: '/{job}',
  summary: 'Cancel a feasibility job (a finished job stays as it was)',
  tags: ['feasibility'],
  security: bearer,
  middleware: [requireRole('author')] as const,
  request: { params: JobParam },
  responses: { 200: json(FeasibilityJobSchema, 'The job'), ...errorResponses(401, 403, 404) },
});

/** The job as sent: the same data, the readonly arrays of the job store typed as the schema's arrays. */
const wire = (view: JobView) => view as z.infer<typeof FeasibilityJobSchema>;

/** A bulk export folder by name; never a path a client chose. */
function bulkExportDir(root: string | undefined, name: string): string {
  const issue = (message: string) => invalid([{ path: 'source.bulkExport', message }]);
  if (root === undefined) throw issue('This server reads no bulk exports (ELIGO_BULK_DIR is not set)');
  const dir = join(root, name);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw issue(`No bulk export named '${name}'`);
  return dir;
}

/** The job, for its owner or an admin; another token learns nothing, not even that it exists. */
function ownJob(c: Context<AppEnv>, id: string) {
  const found = c.var.deps.feasibility.get(id);
  const principal = c.var.principal!;
  if (!found || (found.owner !== principal.id && principal.role !== 'admin'))
    throw notFound(`Feasibility job '${id}'`);
  return found.view;
}

export const feasibilityStartRoutes = router().openapi(start, async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const { deps } = c.var;
  const dir =
    'bulkExport' in body.source ? bulkExportDir(deps.config.bulkDir, body.source.bulkExport) : undefined;
  const found = await deps.store.protocols.version(id);
  if (!found) throw notFound(`Protocol '${id}'`);
  const source =
    'upload' in body.source
      ? { kind: 'upload' as const, ndjson: body.source.upload }
      : { kind: 'bulkExport' as const, dir: dir! };
  if (source.kind === 'upload' && source.ndjson.trim() === '')
    throw invalid([{ path: 'source.upload', message: 'Expected at least one NDJSON line' }]);
  const job = deps.feasibility.start(
    c.var.principal!.id,
    { id, version: found.number },
    { text: found.text, name: `${id}.elig`, asOf: body.asOf, source },
  );
  return c.json(wire(job), 202);
});

export const feasibilityJobRoutes = router()
  .openapi(read, (c) => c.json(wire(ownJob(c, c.req.valid('param').job)), 200))
  .openapi(cancel, (c) => {
    const view = ownJob(c, c.req.valid('param').job);
    return c.json(wire(c.var.deps.feasibility.cancel(view.id) ?? view), 200);
  });
