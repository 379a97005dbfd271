import { createRoute } from '@hono/zod-openapi';
import { requireRole } from '../auth/middleware';
import { listBulkExports } from '../feasibility/bulk-exports';
import { BulkExportListSchema } from '../feasibility/schemas';
import { bearer, router } from '../http/router';
import { errorResponses, json } from '../http/schemas';

const list = createRoute({
  method: 'get',
  path: '/',
  summary: "The FHIR bulk exports in the server's `ELIGO_BULK_DIR` that a feasibility run can name",
  description:
    'Names, and per export the count and size of its NDJSON files; nothing read from inside them. Empty (and `configured: false`) when `ELIGO_BULK_DIR` is not set.',
  tags: ['feasibility'],
  security: bearer,
  middleware: [requireRole('author')] as const,
  responses: { 200: json(BulkExportListSchema, 'The exports, by name'), ...errorResponses(401, 403) },
});

export const bulkExportRoutes = router().openapi(list, (c) => {
  const root = c.var.deps.config.bulkDir;
  return c.json({ configured: root !== undefined, exports: listBulkExports(root) }, 200);
});
