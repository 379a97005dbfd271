import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { Readable } from 'node:stream';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * A file under `root` for a URL path, or undefined. The path is normalised and must stay inside
 * `root`; a folder means its index.html, and `.html` may be left off (the docs site's clean URLs).
 */
export function staticFile(root: string, urlPath: string): Response | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const base = normalize(root + sep);
  const target = normalize(join(base, decoded));
  if (!target.startsWith(base)) return undefined;
  for (const candidate of [target, join(target, 'index.html'), `${target}.html`]) {
    const stat = safeStat(candidate);
    if (stat?.isFile()) return fileResponse(candidate, stat.size);
  }
  return undefined;
}

export function fileResponse(path: string, size: number): Response {
  const { body, headers } = fileParts(path, size);
  return new Response(body, { headers });
}

/** A file's body stream and headers, for a handler that answers through `c.body`. */
export function fileParts(path: string, size: number) {
  const type = TYPES[extname(path)] ?? 'application/octet-stream';
  const immutable = /[-.][A-Za-z0-9_-]{8,}\.(js|css|woff2?)$/.test(path);
  return {
    body: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>,
    headers: {
      'content-type': type,
      'content-length': String(size),
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    },
  };
}

export function safeStat(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
