import { testApp } from '@eligo/api/testing';
import openapiTS, { astToString } from 'openapi-typescript';

/** The API's OpenAPI document as the running service serves it, and the types generated from it. */
export async function currentSchema(): Promise<{ document: string; types: string }> {
  const t = await testApp();
  const res = await t.app.request('/v1/openapi.json');
  if (!res.ok) throw new Error(`the OpenAPI document answered ${res.status}`);
  const document = `${JSON.stringify(await res.json(), null, 2)}\n`;
  const header =
    '// Generated from openapi.json by `pnpm --filter @eligo/client generate:schema`; do not edit.\n';
  const types = header + astToString(await openapiTS(JSON.parse(document)));
  return { document, types };
}
