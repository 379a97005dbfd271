import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { currentSchema } from './testing/schema';

describe('the generated types', () => {
  it("are the API's current OpenAPI document's (run `pnpm --filter @eligo/client generate:schema` after changing the API)", async () => {
    const { document, types } = await currentSchema();
    expect(readFileSync(new URL('./openapi.json', import.meta.url), 'utf8')).toBe(document);
    expect(readFileSync(new URL('./schema.ts', import.meta.url), 'utf8')).toBe(types);
  });
});
