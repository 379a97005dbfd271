import { transcode } from 'node:buffer';
import type { Context, TypedResponse } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { JSONParsed } from 'hono/utils/types';

/**
 * A value as JSON in UTF-8 bytes: the bytes `c.json` would send. A screening's text (criteria
 * titles with ≥ and ×) makes its JSON a two-byte string, which Node encodes to UTF-8 slowly: for
 * the benchmark's 42 KB response, measuring its UTF-8 length and then encoding it for the socket
 * took about 80 us, copying it out as UTF-16 and transcoding that about 20 us. A body of bytes
 * also carries its length, so the server need not measure it.
 */
export function jsonBytes(value: unknown): Uint8Array<ArrayBuffer> | string {
  const text = JSON.stringify(value);
  try {
    // transcode allocates the result itself: never a view into a shared pool.
    return transcode(Buffer.from(text, 'utf16le'), 'utf16le', 'utf8') as Uint8Array<ArrayBuffer>;
  } catch {
    // Node built without ICU has no transcode; the string is then sent as it is.
    return text;
  }
}

/** `c.json(value, status)` with the body as {@link jsonBytes}; typed as c.json's, for the hc client. */
export function jsonResponse<T, S extends ContentfulStatusCode>(
  c: Context,
  value: T,
  status: S,
): Response & TypedResponse<JSONParsed<T>, S, 'json'> {
  const body = jsonBytes(value);
  const headers = { 'content-type': 'application/json' };
  const response: Response =
    typeof body === 'string' ? c.body(body, status, headers) : c.body(body, status, headers);
  return response as Response & TypedResponse<JSONParsed<T>, S, 'json'>;
}
