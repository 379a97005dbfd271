/**
 * @eligo/client: the Eligo HTTP API from TypeScript, every route, parameter, body and answer typed
 * from the service's own OpenAPI document (openapi-fetch over the types in ./schema).
 *
 * ```ts
 * const eligo = createEligoClient({ baseUrl: 'https://eligo.example.org', token: process.env.ELIGO_TOKEN! });
 * const { data, error } = await eligo.POST('/protocols/{id}/screenings', {
 *   params: { path: { id: 'NCT06469190' } },
 *   body: { asOf: '2025-03-15', bundle },
 * });
 * ```
 */
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, paths } from './schema';

type Schemas = components['schemas'];
export type Screening = Schemas['Screening'];
export type ScreeningRequest = Schemas['ScreeningRequest'];
export type Matches = Schemas['Matches'];
export type ApiError = Schemas['Error'];

export interface EligoClientOptions {
  /** Where the service answers: its origin (`https://eligo.example.org`), without `/v1`. */
  readonly baseUrl: string;
  /** An API token (`eligo_…`); its role decides which routes answer. */
  readonly token: string;
  /** Another fetch (a test's, a proxy's); the global one by default. */
  readonly fetch?: (request: Request) => Promise<Response>;
}

export type EligoClient = Client<paths>;

export function createEligoClient(options: EligoClientOptions): EligoClient {
  return createClient<paths>({
    baseUrl: `${options.baseUrl.replace(/\/+$/, '')}/v1`,
    headers: { authorization: `Bearer ${options.token}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
