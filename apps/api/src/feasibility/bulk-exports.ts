import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BULK_NAME } from './schemas';

export interface BulkExportEntry {
  readonly name: string;
  /** NDJSON files at the folder's top level, and their size: the folder's listing, none of its content. */
  readonly files: number;
  readonly bytes: number;
}

const NDJSON = /\.ndjson$/i;

/** A file's or folder's metadata, or nothing when it went away or cannot be read meanwhile. */
function statOf(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The bulk exports a feasibility run may name: the folders of `ELIGO_BULK_DIR` whose names a run
 * accepts, by name. Nothing when the server reads none.
 */
export function listBulkExports(root: string | undefined): BulkExportEntry[] {
  if (root === undefined || !statOf(root)?.isDirectory()) return [];
  const entries: BulkExportEntry[] = [];
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    if (!BULK_NAME.test(name) || name.includes('..') || !statOf(dir)?.isDirectory()) continue;
    let files = 0;
    let bytes = 0;
    for (const file of readdirSync(dir)) {
      const stat = NDJSON.test(file) ? statOf(join(dir, file)) : undefined;
      if (!stat?.isFile()) continue;
      files++;
      bytes += stat.size;
    }
    entries.push({ name, files, bytes });
  }
  return entries;
}
