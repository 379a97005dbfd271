import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type LoadProblem, problems } from './problems';

/** A Bulk Data manifest (`$export` completion response), the parts that say where the data is. */
const Manifest = z.object({
  output: z.array(z.object({ type: z.string().optional(), url: z.string() })),
});

export interface ExportFiles {
  /** Absolute paths, sorted, each once. */
  readonly paths: readonly string[];
  readonly problems: readonly LoadProblem[];
}

/** `Observation.ndjson`, `Observation.000.ndjson`, `Observation-2.ndjson`, `1.Observation.ndjson`. */
const NDJSON = /\.ndjson$/i;

/**
 * The NDJSON files of a bulk export folder: those its `manifest.json` lists (`output[].url`), and
 * every other `.ndjson` file in the folder, so that a file the manifest forgot is still read
 * rather than silently left out. A file's name does not decide its type: each line's
 * `resourceType` does.
 */
export function exportFiles(dir: string): ExportFiles {
  const root = resolve(dir);
  const found = new Set<string>();
  const issues: LoadProblem[] = [];
  for (const name of readdirSync(root)) if (NDJSON.test(name)) found.add(join(root, name));
  const manifestPath = join(root, 'manifest.json');
  if (existsSync(manifestPath)) {
    for (const listed of manifestFiles(root, manifestPath, issues)) {
      if (existsSync(listed.path)) found.add(listed.path);
      else issues.push(problems.manifestFileMissing(listed.url, relative(root, listed.path)));
    }
  }
  return { paths: [...found].sort(), problems: issues };
}

function manifestFiles(root: string, path: string, issues: LoadProblem[]): { url: string; path: string }[] {
  let parsed: z.infer<typeof Manifest>;
  try {
    const result = Manifest.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!result.success) {
      issues.push(problems.manifestUnreadable(result.error.issues[0]?.message ?? 'unexpected shape'));
      return [];
    }
    parsed = result.data;
  } catch (error) {
    issues.push(problems.manifestUnreadable((error as Error).message));
    return [];
  }
  return parsed.output.map(({ url }) => ({ url, path: localPath(root, url) }));
}

/**
 * Where a manifest URL's file is in the folder. An export server lists absolute `https://` URLs of
 * files that have since been downloaded beside the manifest, so only the URL's last path segment
 * counts; `file:` URLs and relative paths are taken as they are.
 */
function localPath(root: string, url: string): string {
  if (url.startsWith('file:')) return fileURLToPath(url);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    const last = new URL(url).pathname.split('/').filter(Boolean).pop() ?? '';
    return join(root, decodeURIComponent(basename(last)));
  }
  return resolve(root, url);
}
