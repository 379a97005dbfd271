import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env';
import { invalid, zodIssues } from './errors';

/** A sub-app whose validation failures become one 400 shape, raised to `app.onError`. */
export function router() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const prefix = result.target === 'json' ? undefined : result.target;
        throw invalid(zodIssues(result.error.issues, prefix));
      }
    },
  });
}

export const bearer = [{ bearer: [] }];
