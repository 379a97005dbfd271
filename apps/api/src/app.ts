import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { authenticate } from './auth/middleware';
import { createCompileBudget } from './compile/budget';
import { createCompilePool } from './compile/pool';
import { DEFAULT_COMPILE, DEFAULT_COMPILE_PER_TOKEN } from './config';
import { createFeasibilityJobs, DEFAULT_JOBS } from './feasibility/jobs';
import { mountApiReference } from './http/api-reference';
import { cors } from './http/cors';
import type { AppEnv, Deps } from './http/env';
import { ApiError, errorHandler, notFound } from './http/errors';
import { rateLimit } from './http/rate-limit';
import { requestLog } from './http/request-log';
import { staticFile } from './http/static';
import { auditRoutes } from './routes/audit';
import { bulkExportRoutes } from './routes/bulk-exports';
import { checkRoutes } from './routes/check';
import { feasibilityJobRoutes, feasibilityStartRoutes } from './routes/feasibility';
import { healthRoutes, readinessRoutes } from './routes/health';
import { impactRoutes } from './routes/impact';
import { matchRoutes } from './routes/matches';
import { protocolRoutes } from './routes/protocols';
import { reviewRoutes } from './routes/reviews';
import { screeningRoutes } from './routes/screenings';
import { tokenRoutes } from './routes/tokens';
import { trialRoutes } from './routes/trials';
import { createProtocolCache } from './screening/cache';

const BATCH_PATH = /^\/v1\/protocols\/[^/]+\/screenings\/batch$/;

/** The whole service as a Hono app over its dependencies; `main.ts` serves it, tests call `app.request()`. */
export function createApp(deps: Deps) {
  const auth = authenticate(deps.store.tokens);
  const full = {
    ...deps,
    cache: deps.cache ?? createProtocolCache(),
    forgetTokens: auth.forget,
    compiler: deps.compiler ?? createCompilePool(DEFAULT_COMPILE),
    compileBudget: createCompileBudget(deps.compilePerToken ?? DEFAULT_COMPILE_PER_TOKEN),
    feasibility:
      deps.feasibility ??
      createFeasibilityJobs(
        { ...DEFAULT_JOBS, running: deps.config.feasibilityJobs ?? DEFAULT_JOBS.running },
        deps.logger,
      ),
  };
  const tooLarge = () =>
    new ApiError(413, 'payload_too_large', `The request body is larger than ${deps.config.bodyLimit} bytes`);
  const limit = bodyLimit({
    maxSize: deps.config.bodyLimit,
    onError: () => {
      throw tooLarge();
    },
  });

  const v1 = new OpenAPIHono<AppEnv>()
    .route('/healthz', healthRoutes)
    .route('/readyz', readinessRoutes)
    .route('/check', checkRoutes)
    .route('/protocols', protocolRoutes)
    .route('/protocols', screeningRoutes)
    .route('/protocols', feasibilityStartRoutes)
    .route('/feasibility', feasibilityJobRoutes)
    .route('/bulk-exports', bulkExportRoutes)
    .route('/protocols', reviewRoutes)
    .route('/protocols', impactRoutes)
    .route('/matches', matchRoutes)
    .route('/audit', auditRoutes)
    .route('/tokens', tokenRoutes)
    .route('/trials', trialRoutes);
  v1.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token: `eligo_…`',
  });
  v1.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Eligo API',
      version: '1',
      description: 'Clinical-trial eligibility: protocols, screenings and their audit log.',
    },
    servers: [{ url: '/v1' }],
  });
  mountApiReference(v1);

  const app = new OpenAPIHono<AppEnv>()
    .use(requestId())
    .use(async function provide(c, next) {
      c.set('deps', full);
      await next();
    })
    .use(requestLog(deps.logger))
    .use(
      secureHeaders({
        contentSecurityPolicy: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", "'unsafe-inline'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
        },
      }),
    )
    .use(
      '/v1/*',
      cors({
        origins: deps.config.webOrigins,
        allowHeaders: ['Authorization', 'Content-Type'],
        allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
        exposeHeaders: ['X-Request-Id', 'Retry-After'],
        maxAgeS: 600,
      }),
    )
    .use('/v1/*', async function noStore(c, next) {
      // Responses can carry patient data: no browser or proxy may keep them.
      c.header('Cache-Control', 'no-store');
      await next();
    })
    .use('/v1/*', async function limitBody(c, next) {
      if (BATCH_PATH.test(c.req.path) || c.req.method === 'GET' || c.req.method === 'HEAD') return next();
      // A declared length decides without reading: hono's bodyLimit looks at the raw body first,
      // which makes @hono/node-server wrap the socket in a full fetch Request and read the body
      // through web streams instead of straight from the socket.
      const length = c.req.header('content-length');
      if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
        if (Number.parseInt(length, 10) > deps.config.bodyLimit) throw tooLarge();
        return next();
      }
      return limit(c, next);
    })
    .use('/v1/*', auth)
    .use('/v1/*', rateLimit({ perSecond: deps.config.rateLimit, perAddress: deps.config.addressRateLimit }))
    .route('/healthz', healthRoutes)
    .route('/readyz', readinessRoutes)
    .route('/v1', v1);

  app.onError(errorHandler(deps.logger));
  app.notFound((c) => {
    const path = c.req.path;
    const isApi = path === '/v1' || path.startsWith('/v1/');
    if (!isApi && (c.req.method === 'GET' || c.req.method === 'HEAD')) {
      const { docsDir, webDir } = deps.config;
      if (docsDir && (path === '/docs' || path.startsWith('/docs/'))) {
        const file = staticFile(docsDir, path.slice('/docs'.length) || '/');
        if (file) return file;
        const missing = staticFile(docsDir, '/404.html');
        if (missing) return new Response(missing.body, { status: 404, headers: missing.headers });
      } else if (webDir) {
        // The web app routes on the client: any other page path gets its index.html.
        return staticFile(webDir, path) ?? staticFile(webDir, '/index.html') ?? c.text('Not found', 404);
      }
    }
    const error = notFound(`${c.req.method} ${path}`);
    return c.json(
      { error: { code: error.code, message: error.message }, requestId: c.get('requestId') },
      404,
    );
  });
  return app;
}

export type AppType = ReturnType<typeof createApp>;
