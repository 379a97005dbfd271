import { writeFileSync } from 'node:fs';
import { currentSchema } from '../src/testing/schema';

// Rewrites the committed OpenAPI document and the types generated from it; schema.test.ts fails
// until this is run after the API changes.
const { document, types } = await currentSchema();
writeFileSync(new URL('../src/openapi.json', import.meta.url), document);
writeFileSync(new URL('../src/schema.ts', import.meta.url), types);
