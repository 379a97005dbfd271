import { createRoute, z } from '@hono/zod-openapi';
import { requireRole } from '../auth/middleware';
import { newId } from '../auth/tokens';
import { invalid, storageUnavailable, unexpected } from '../http/errors';
import { jsonResponse } from '../http/json-bytes';
import { bearer, router } from '../http/router';
import {
  BatchQuerySchema,
  CompactScreeningSchema,
  errorResponses,
  json,
  ProtocolIdParam,
  ScreeningRequestSchema,
  ScreeningSchema,
} from '../http/schemas';
import { screenBatch } from '../screening/batch';
import { pullStream } from '../screening/ndjson';
import { publishedVersion } from '../screening/published';
import { readAhead } from '../screening/read-ahead';
import { detailOf, screenAt } from '../screening/response';
import { verdicts } from '../screening/run';

const single = createRoute({
  method: 'post',
  path: '/{id}/screenings',
  summary: 'Screen one patient (FHIR Bundle or native facts); recorded in the audit log',
  description:
    'By default the response is compact (`CompactScreening`, what `eligo screen --ndjson` prints): per cohort the verdict, each criterion\'s status by id and the data elements missing to decide the unknown ones; criterion titles and sources are in the protocol (`GET /v1/protocols/{id}`). With `"full": true` it is the CLI screening contract (`eligo screen --json`: each criterion with its kind, title, source and explanation), with `"trace": true` that and each criterion\'s `trace` tree. Either way plus `id` (the audit record) and `protocol.published`.',
  tags: ['screenings'],
  security: bearer,
  middleware: [requireRole('screener')] as const,
  request: {
    params: ProtocolIdParam,
    body: { required: true, content: { 'application/json': { schema: ScreeningRequestSchema } } },
  },
  responses: {
    200: json(
      z.union([CompactScreeningSchema, ScreeningSchema]),
      'The screening: compact unless `full` or `trace` asks for the text',
    ),
    ...errorResponses(400, 401, 403, 404, 413, 429, 503),
  },
});

const batch = createRoute({
  method: 'post',
  path: '/{id}/screenings/batch',
  summary: 'Screen a population: NDJSON in (one screening input per line), NDJSON out',
  description:
    "Each output line is a CompactScreening (a Screening with `?full=true`; with each criterion's `trace` tree too with `?trace=true`) led by the input's `line` and `ref`, or `{line, errors}` for an input line that could not be screened. The last line is `{summary, batch}`: the attrition funnel, written after every audit record is committed. The request body limit applies per line.",
  tags: ['screenings'],
  security: bearer,
  middleware: [requireRole('screener')] as const,
  request: {
    params: ProtocolIdParam,
    query: BatchQuerySchema,
    body: {
      required: true,
      content: {
        'application/x-ndjson': { schema: z.string().openapi({ description: 'One JSON document per line' }) },
      },
    },
  },
  responses: {
    200: {
      description: 'One JSON document per line, streamed',
      content: { 'application/x-ndjson': { schema: z.string() } },
    },
    ...errorResponses(400, 401, 403, 404, 429, 503),
  },
});

/** How long a batch client may read nothing while its body, past the read-ahead buffer, waits. */
const BATCH_STALL_MS = 30_000;

export const screeningRoutes = router()
  .openapi(single, async (c) => {
    const { id } = c.req.valid('param');
    const { version: pin, store: keep, trace, full, siteRef, ...document } = c.req.valid('json');
    const { version, protocol } = await publishedVersion(c, id, pin);
    const outcome = screenAt(protocol, document, detailOf({ full, trace }));
    if (!outcome.ok) throw invalid(outcome.errors, 'The screening input is invalid');
    const principal = c.var.principal!;
    const screening = outcome.screening;
    const auditId = newId('scr');
    await c.var.deps.store.screenings.record([
      {
        id: auditId,
        at: new Date().toISOString(),
        token_id: principal.id,
        token_name: principal.name,
        protocol_id: id,
        version: version.number,
        as_of: screening.asOf,
        verdicts: JSON.stringify(verdicts(screening)),
        input: keep ? JSON.stringify(document) : null,
        batch_id: null,
        site_ref: siteRef ?? null,
      },
    ]);
    const { shown } = outcome;
    return jsonResponse(
      c,
      {
        id: auditId,
        ...(document.ref === undefined ? {} : { ref: document.ref }),
        ...(siteRef === undefined ? {} : { siteRef }),
        ...shown,
        protocol: { ...shown.protocol, published: version.number },
      } as z.infer<typeof ScreeningSchema> | z.infer<typeof CompactScreeningSchema>,
      200,
    );
  })
  .openapi(batch, async (c) => {
    const { id } = c.req.valid('param');
    const query = c.req.valid('query');
    const { store, config, logger } = c.var.deps;
    const { version, protocol } = await publishedVersion(c, id, query.version);
    const body = c.req.raw.body;
    if (!body) throw invalid([{ path: '', message: 'expected an NDJSON body' }]);
    // Once the 200 is out a storage failure can only end the stream: refuse up front while storage
    // is known to be failing and a write does not succeed again.
    if (store.db.storage.problem) {
      const state = await store.readiness();
      if (!state.ready)
        throw storageUnavailable(state.storage === 'unavailable' ? 'unreachable' : state.storage);
    }
    const ahead = readAhead(body, config.batchBuffer);
    const requestId = c.var.requestId;
    const lines = screenBatch({
      protocol,
      version: { protocolId: id, number: version.number },
      body: ahead.body,
      principal: c.var.principal!,
      store,
      keepInput: query.store === 'true',
      detail: detailOf({ full: query.full === 'true', trace: query.trace === 'true' }),
      maxLineBytes: config.bodyLimit,
      failure: (error) => {
        if (c.req.raw.signal.aborted) return { error: { code: 'aborted', message: 'The client went away' } };
        return { error: unexpected(logger, requestId, error).error, requestId };
      },
    });
    const outgoing = (c.env as { outgoing?: { destroy(): void } } | undefined)?.outgoing;
    const stream = pullStream(lines, {
      afterMs: c.var.deps.batchStallMs ?? BATCH_STALL_MS,
      // Nothing read for a while, the buffer full and the body not over: the client is not reading
      // while it sends, so neither side can go on.
      stuck: () => ahead.full() && !ahead.ended(),
      abort: () => {
        logger.warn({ requestId }, 'batch client stopped reading while sending; connection closed');
        outgoing?.destroy();
      },
    });
    // Typed as never: the OpenAPI typing knows JSON and text responses only, not a stream.
    return c.body(stream, 200, { 'content-type': 'application/x-ndjson; charset=utf-8' }) as never;
  });
