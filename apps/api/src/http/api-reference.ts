import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env';
import { notFound } from './errors';
import { fileParts, safeStat } from './static';

/** The files of Swagger UI's prebuilt browser bundle the page loads, served from the installed package. */
const ASSETS = new Set(['swagger-ui-bundle.js', 'swagger-ui.css']);

let assetDir: string | undefined | null = null;

function swaggerUiDir(): string | undefined {
  if (assetDir === null) {
    try {
      assetDir = dirname(fileURLToPath(import.meta.resolve('swagger-ui-dist/package.json')));
    } catch {
      assetDir = undefined;
    }
  }
  return assetDir;
}

// Nothing leaves this origin: no validator badge (Swagger UI would ask validator.swagger.io about
// the document), no token kept in the browser's storage, no URL box to load other documents.
const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Eligo API</title>
    <link rel="stylesheet" href="/v1/docs/swagger-ui.css" />
  </head>
  <body>
    <main id="reference"></main>
    <script src="/v1/docs/swagger-ui-bundle.js"></script>
    <script>
      window.ui = SwaggerUIBundle({
        url: '/v1/openapi.json',
        dom_id: '#reference',
        validatorUrl: null,
        persistAuthorization: false,
        deepLinking: true,
        displayRequestDuration: true,
        layout: 'BaseLayout',
      });
    </script>
  </body>
</html>
`;

/**
 * `GET /v1/docs`: the interactive API reference (Swagger UI) over the service's own OpenAPI
 * document, its "Authorize" button taking an API token for "Try it out".
 */
export function mountApiReference(v1: OpenAPIHono<AppEnv>): void {
  v1.get('/docs', (c) => c.html(PAGE));
  v1.get('/docs/:asset', (c) => {
    const asset = c.req.param('asset');
    const dir = swaggerUiDir();
    const path = dir && ASSETS.has(asset) ? join(dir, asset) : undefined;
    const stat = path && safeStat(path);
    if (!path || !stat) throw notFound(`The API reference file '${asset}'`);
    // Through c.body, so the headers the middleware prepared (request id, no-store) are kept.
    const { body, headers } = fileParts(path, stat.size);
    return c.body(body, 200, {
      'content-type': headers['content-type'],
      'content-length': headers['content-length'],
    });
  });
}
