import type { LocatedDiagnostic } from '@eligo/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';
import {
  RETRY_AFTER_S,
  type StorageFailure,
  type StorageFailureKind,
  storageFailure,
} from '../db/storage-errors';
import { type diagnosticJson, diagnosticsJson } from './diagnostics';

export interface Issue {
  readonly path: string;
  readonly message: string;
}

/** An error a client caused and can act on; its message is safe to return. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details: {
      issues?: readonly Issue[];
      diagnostics?: readonly ReturnType<typeof diagnosticJson>[];
    } = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export const invalid = (issues: readonly Issue[], message = 'The request is invalid') =>
  new ApiError(400, 'invalid_request', message, { issues });
export const notCompiled = (diagnostics: readonly LocatedDiagnostic[]) =>
  new ApiError(422, 'diagnostics', 'The criteria text does not compile', {
    diagnostics: diagnosticsJson(diagnostics),
  });
export const unauthorized = () => new ApiError(401, 'unauthorized', 'A valid bearer token is required');
export const forbidden = (role: string) => new ApiError(403, 'forbidden', `This needs the ${role} role`);
export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);
export const conflict = (message: string) => new ApiError(409, 'conflict', message);
/** The text's `version "…"` and the number it would be published as disagree: neither wins silently. */
export const versionMismatch = (declared: string, next: number) =>
  new ApiError(
    409,
    'version_mismatch',
    `The text declares version "${declared}" but would be published as version ${next}: change its version line to version "${next}" (or remove the line) and publish again`,
  );
/** Storage is known to be failing: refused before anything is done, so nothing is half done. */
export const storageUnavailable = (kind: StorageFailureKind) => {
  const { code, message } = storageErrorBody({ kind });
  return new ApiError(503, code, message, {}, { 'Retry-After': String(RETRY_AFTER_S[kind]) });
};

/** The one place errors become responses: `{ error: { code, message, issues?, diagnostics? }, requestId }`. */
export function errorHandler(logger: Logger) {
  return function onError(error: Error, c: Context) {
    const requestId = c.get('requestId') as string | undefined;
    if (error instanceof ApiError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json(
        { error: { code: error.code, message: error.message, ...error.details }, requestId },
        error.status,
      );
    }
    if (error instanceof HTTPException) {
      const { code, message } = fromHttpException(error);
      return c.json({ error: { code, message }, requestId }, error.status);
    }
    const failed = unexpected(logger, requestId, error);
    if (failed.retryAfterS !== undefined) c.header('Retry-After', String(failed.retryAfterS));
    return c.json({ error: failed.error, requestId }, failed.status);
  };
}

/**
 * An error no route expected, logged and turned into what the client may see. Storage failures
 * (disk full, I/O, database gone) are a 503 the client can retry; anything else is a 500 without
 * detail. The log gets the error's type, the driver's code and stack frames, never its message,
 * which could quote a request body.
 */
export function unexpected(
  logger: Logger,
  requestId: string | undefined,
  error: unknown,
): { status: 500 | 503; error: { code: string; message: string }; retryAfterS?: number } {
  const type = error instanceof Error ? error.name : typeof error;
  const failure = storageFailure(error);
  if (failure) {
    logger.error({ requestId, err: { type, code: failure.code }, storage: failure.kind }, 'storage error');
    return { status: 503, error: storageErrorBody(failure), retryAfterS: RETRY_AFTER_S[failure.kind] };
  }
  const frames = (error instanceof Error ? error.stack : undefined)
    ?.split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');
  const code = (error as { code?: unknown } | null)?.code;
  logger.error(
    { requestId, err: { type, ...(typeof code === 'string' ? { code } : {}), frames } },
    'unhandled error',
  );
  return { status: 500, error: { code: 'internal', message: 'Internal server error' } };
}

const STORAGE_MESSAGES = {
  full: 'The database has no space left; nothing was stored. Try again later.',
  io_error: 'The database could not read or write its files; nothing was stored. Try again later.',
  unreachable: 'The database is not reachable. Try again shortly.',
} as const;

/** The `error` of a 503 caused by storage: `storage_full`, `storage_io_error` or `storage_unreachable`. */
export function storageErrorBody(failure: Pick<StorageFailure, 'kind'>): { code: string; message: string } {
  return { code: `storage_${failure.kind}`, message: STORAGE_MESSAGES[failure.kind] };
}

function fromHttpException(error: HTTPException): { code: string; message: string } {
  if (error.status === 413) return { code: 'payload_too_large', message: 'The request body is too large' };
  if (error.status === 415)
    return { code: 'unsupported_media_type', message: 'Send the body as application/json' };
  if (error.status === 400) {
    const malformed = /json/i.test(error.message);
    return malformed
      ? { code: 'invalid_json', message: 'The request body is not valid JSON' }
      : { code: 'invalid_request', message: error.message || 'The request is invalid' };
  }
  return { code: `http_${error.status}`, message: error.message || 'Request failed' };
}

/** Zod issues to `{ path, message }` with dotted paths (`answers.consent`, `cohorts[0]`). */
export function zodIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  prefix?: string,
): Issue[] {
  return issues.map((issue) => ({
    path: joinPath(prefix ? [prefix, ...issue.path] : issue.path),
    message: issue.message,
  }));
}

function joinPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}
