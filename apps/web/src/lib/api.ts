import type { AppType } from '@eligo/api';
import type { Verdict } from '@eligo/core';
import { hc } from 'hono/client';
import type { ScreeningRequest } from './request';

/** A failed API call, with a message written for the person at the screen. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/**
 * The typed API client (Hono's `hc` over the API's own route types). The app is served by the API,
 * so requests go to the page's own origin; during `vite dev` the dev server proxies `/v1`.
 */
export function createApi(
  token: string,
  origin: string = globalThis.location?.origin ?? 'http://127.0.0.1:8787',
  fetch?: typeof globalThis.fetch,
) {
  const client = hc<AppType>(origin, {
    headers: { authorization: `Bearer ${token}` },
    ...(fetch ? { fetch } : {}),
  });
  return {
    async protocols() {
      return body(await call(() => client.v1.protocols.$get()));
    },
    async protocol(id: string) {
      return body(await call(() => client.v1.protocols[':id'].$get({ param: { id } })));
    },
    /**
     * Records a screening in the audit log. `store: true` keeps the patient input with the audit
     * record, so the screening log can reopen it; `siteRef` is the site's own pseudonymous reference
     * for the person. The page shows the text of its own screening (computed in the browser) and
     * reads from the recorded one only its id, the published version and the verdicts: the compact
     * answer, ~3 KB instead of ~42 KB.
     */
    async recordScreening(
      id: string,
      request: ScreeningRequest & { readonly store?: boolean },
      siteRef?: string,
    ) {
      const json = { ...request, ...(siteRef ? { siteRef } : {}), full: false, trace: false };
      const res = await call(() => client.v1.protocols[':id'].screenings.$post({ param: { id }, json }));
      return body(res) as Promise<CompactRecordedScreening>;
    },
    /** Every cohort of every published trial for this patient, ranked (`POST /v1/matches`). */
    async matches(request: ScreeningRequest) {
      return body(await call(() => client.v1.matches.$post({ json: request })));
    },
    /** The token signed in: its name and role. */
    async me() {
      return body(await call(() => client.v1.tokens.me.$get()));
    },
    /**
     * The audit log (`GET /v1/audit`), newest first: every token's screenings for an admin, only
     * those recorded with this token for a screener (or an author or reviewer).
     */
    async audit(query: AuditQuery) {
      return body(await call(() => client.v1.audit.$get({ query })));
    },
    async auditEntry(id: string) {
      return body(await call(() => client.v1.audit[':id'].$get({ param: { id } })));
    },
    async protocolVersion(id: string, version: number) {
      return body(
        await call(() =>
          client.v1.protocols[':id'].versions[':version'].$get({ param: { id, version: String(version) } }),
        ),
      );
    },
    async check(text: string, name: string) {
      return body(await call(() => client.v1.check.$post({ json: { text, name } })));
    },
    /** The protocol's saved draft (author role), or undefined when it has none. */
    async draft(id: string) {
      const res = await call(() => client.v1.protocols[':id'].draft.$get({ param: { id } }));
      // The route's types list its successes only; 404 is the documented "no draft".
      if ((res.status as number) === 404) return undefined;
      return body(res);
    },
    async saveDraft(id: string, text: string, name: string) {
      return body(
        await call(() => client.v1.protocols[':id'].draft.$put({ param: { id }, json: { text, name } })),
      );
    },
    /** Publishes the text (author role): 201 a new version, 200 when identical text already is one. */
    async publish(id: string, text: string, name: string) {
      return body(
        await call(() => client.v1.protocols[':id'].versions.$post({ param: { id }, json: { text, name } })),
      );
    },
    async versions(id: string) {
      return body(await call(() => client.v1.protocols[':id'].versions.$get({ param: { id } })));
    },
    /** Starts a feasibility run on the server of an NDJSON upload or a bulk export it holds (author role). */
    async startFeasibility(id: string, asOf: string, source: { upload: string } | { bulkExport: string }) {
      return body(
        await call(() =>
          client.v1.protocols[':id'].feasibility.$post({ param: { id }, json: { asOf, source } }),
        ),
      );
    },
    /** The bulk exports on the server a feasibility run can name (author role). */
    async bulkExports() {
      return body(await call(() => client.v1['bulk-exports'].$get()));
    },
    /**
     * The site's recorded screenings (with kept input) that `to` would decide otherwise than `from`
     * (the latest version by default), one page at a time; screened on the server (author role).
     */
    async impact(id: string, request: ImpactRequest) {
      return body(
        await call(() => client.v1.protocols[':id'].impact.$post({ param: { id }, json: request })),
      );
    },
    async feasibilityJob(job: string) {
      return body(await call(() => client.v1.feasibility[':job'].$get({ param: { job } })));
    },
    async cancelFeasibility(job: string) {
      return body(await call(() => client.v1.feasibility[':job'].$delete({ param: { job } })));
    },
  };
}

export type Api = ReturnType<typeof createApi>;

/** One side of an impact comparison: a published version, or criteria text. */
export type ImpactSide = { readonly version: number } | { readonly text: string; readonly name?: string };

export interface ImpactRequest {
  readonly from?: ImpactSide;
  readonly to: ImpactSide;
  readonly limit?: number;
  readonly cursor?: string;
}

/** Filters of the audit log, as query text. */
export type AuditQuery = Partial<
  Record<'protocol' | 'cohort' | 'since' | 'until' | 'before' | 'limit', string>
> & {
  readonly verdict?: Verdict;
};

export async function call<R>(request: () => Promise<R>): Promise<R> {
  try {
    return await request();
  } catch {
    throw new ApiError(0, 'The Eligo API could not be reached. Check the connection and try again.');
  }
}

interface Reply {
  readonly ok: boolean;
  readonly status: number;
  json(): Promise<unknown>;
}

type Success<R> = R extends { ok: true; json(): Promise<infer T> } ? T : never;

export async function body<R extends Reply>(res: R): Promise<Success<R>> {
  const payload = await res.json().catch(() => undefined);
  if (res.ok) return payload as Success<R>;
  throw apiError(res.status, payload);
}

/** The API's error body (`{ error: { code, message, issues } }`) as a message for people. */
export function apiError(status: number, payload: unknown): ApiError {
  const error = (payload as { error?: { code?: unknown; message?: unknown; issues?: unknown } } | undefined)
    ?.error;
  const detail = typeof error?.message === 'string' ? error.message : undefined;
  const code = typeof error?.code === 'string' ? error.code : undefined;
  const issues = Array.isArray(error?.issues) ? (error.issues as { path: string; message: string }[]) : [];
  switch (status) {
    case 401:
      // The API answers every unusable token alike unless it says otherwise; calling a mistyped
      // token "revoked" sends a coordinator to the administrator for the wrong reason.
      return new ApiError(
        status,
        /revoked/i.test(`${code ?? ''} ${detail ?? ''}`)
          ? 'The API says this token was revoked. Ask your site administrator for a new one.'
          : 'The API did not recognise this token. Check that it was copied whole, or ask your site administrator for a new one.',
      );
    case 403:
      return new ApiError(status, `Your token's role does not allow this${detail ? `: ${detail}` : '.'}`);
    case 404:
      return new ApiError(status, detail ?? 'Not found.');
    case 429:
      return new ApiError(status, 'Too many requests from this token; wait a moment and try again.');
    default:
      return new ApiError(status, detail ?? `The API answered with status ${status}.`, issues);
  }
}

export type ProtocolSummary = Awaited<ReturnType<Api['protocols']>>['protocols'][number];
export type ProtocolDetail = Awaited<ReturnType<Api['protocol']>>;
export type RecordedScreening = Awaited<ReturnType<Api['recordScreening']>>;
type ScreeningAnswer = Success<
  Awaited<ReturnType<ReturnType<typeof hc<AppType>>['v1']['protocols'][':id']['screenings']['$post']>>
>;
/** The compact answer (`CompactScreening`): what `recordScreening` asks for. */
type CompactRecordedScreening = Extract<ScreeningAnswer, { cohorts: { criteria: Record<string, string> }[] }>;
export type CheckResult = Awaited<ReturnType<Api['check']>>;
export type PublishResult = Awaited<ReturnType<Api['publish']>>;
export type VersionSummary = Awaited<ReturnType<Api['versions']>>['versions'][number];
export type Matches = Awaited<ReturnType<Api['matches']>>;
export type AuditEntry = Awaited<ReturnType<Api['auditEntry']>>;
export type FeasibilityJob = Awaited<ReturnType<Api['feasibilityJob']>>;
export type RecordedImpact = Awaited<ReturnType<Api['impact']>>;
export type BulkExports = Awaited<ReturnType<Api['bulkExports']>>;
