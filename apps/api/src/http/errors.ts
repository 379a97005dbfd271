import type { LocatedDiagnostic } from '@eligo/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';
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

/** The one place errors become responses: `{ error: { code, message, issues?, diagnostics? }, requestId }`. */
export function errorHandler(logger: Logger) {
  return function onError(error: Error, c: Context) {
    const requestId = c.get('requestId') as string | undefined;
    if (error instanceof ApiError) {
      return c.json(
        { error: { code: error.code, message: error.message, ...error.details }, requestId },
        error.status,
      );
    }
    if (error instanceof HTTPException) {
      const { code, message } = fromHttpException(error);
      return c.json({ error: { code, message }, requestId }, error.status);
    }
    // Only the error's type and stack frames: its message could quote a request body.
    const frames = error.stack
      ?.split('\n')
      .filter((line) => line.trimStart().startsWith('at '))
      .join('\n');
    logger.error({ requestId, err: { type: error.name, frames } }, 'unhandled error');
    return c.json({ error: { code: 'internal', message: 'Internal server error' }, requestId }, 500);
  };
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
