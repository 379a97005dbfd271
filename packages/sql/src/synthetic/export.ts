import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_AS_OF, type Resource, syntheticPatient } from './patient';

export interface BulkExportOptions {
  readonly seed: number;
  readonly patients: number;
  /**
   * The first patient's index (0 unless given): an export of patients 0..n-1 written in parts,
   * each part `first` = the patients before it, holds the same patients as one export of n.
   */
  readonly first?: number;
  /** Folder to write into (created if missing; files of the same names are overwritten). */
  readonly dir: string;
  /** NDJSON files per resource type; patients are dealt round-robin. 1 unless given. */
  readonly filesPerType?: number;
  readonly asOf?: string;
}

export interface ExportedFile {
  readonly file: string;
  readonly type: string;
  readonly count: number;
  readonly bytes: number;
}

export interface BulkExportResult {
  readonly dir: string;
  readonly patients: number;
  readonly resources: number;
  readonly bytes: number;
  readonly files: readonly ExportedFile[];
}

/**
 * File `part` of a type, named in the styles bulk servers use, mixed on purpose:
 * `Observation.ndjson`, `Observation.001.ndjson`, `Observation-2.ndjson`, `Observation.003.ndjson` …
 */
export function exportFileName(type: string, part: number): string {
  if (part === 0) return `${type}.ndjson`;
  if (part % 2 === 1) return `${type}.${String(part).padStart(3, '0')}.ndjson`;
  return `${type}-${part}.ndjson`;
}

/** Buffered appends to one file: writeSync per megabyte, not per line. */
class FileWriter {
  private readonly fd: number;
  private pending: string[] = [];
  private pendingLength = 0;
  count = 0;
  bytes = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  line(text: string): void {
    this.pending.push(text, '\n');
    this.pendingLength += text.length + 1;
    this.count += 1;
    if (this.pendingLength > 1 << 20) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0) return;
    this.bytes += writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingLength = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/**
 * Writes a seeded synthetic FHIR Bulk Data export of NCT06469190-like patients: one NDJSON file or
 * more per resource type and a `manifest.json` listing them. The same options always give the same
 * bytes. Patients are generated and written one at a time, so memory stays flat at any size.
 */
export function generateBulkExport(options: BulkExportOptions): BulkExportResult {
  const filesPerType = options.filesPerType ?? 1;
  if (!Number.isInteger(filesPerType) || filesPerType < 1)
    throw new RangeError(`filesPerType must be a positive integer, not ${filesPerType}`);
  mkdirSync(options.dir, { recursive: true });
  const writers = new Map<string, { type: string; writer: FileWriter }>();
  const writerFor = (type: string, part: number) => {
    const file = exportFileName(type, part);
    let open = writers.get(file);
    if (open === undefined) {
      open = { type, writer: new FileWriter(join(options.dir, file)) };
      writers.set(file, open);
    }
    return open.writer;
  };
  let resources = 0;
  const first = options.first ?? 0;
  for (let index = first; index < first + options.patients; index += 1) {
    const patient = syntheticPatient(index, { seed: options.seed, asOf: options.asOf ?? DEFAULT_AS_OF });
    const part = index % filesPerType;
    for (const resource of patient.resources) {
      writerFor(String(resource.resourceType), part).line(JSON.stringify(resource));
      resources += 1;
    }
  }
  const files: ExportedFile[] = [];
  for (const [file, { type, writer }] of [...writers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    writer.close();
    files.push({ file, type, count: writer.count, bytes: writer.bytes });
  }
  writeFileSync(join(options.dir, 'manifest.json'), `${JSON.stringify(manifest(options, files), null, 2)}\n`);
  const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
  return { dir: options.dir, patients: options.patients, resources, bytes, files };
}

/** A Bulk Data `$export` completion manifest; the URLs are a made-up server's, as a download would keep them. */
function manifest(options: BulkExportOptions, files: readonly ExportedFile[]): Resource {
  return {
    transactionTime: `${options.asOf ?? DEFAULT_AS_OF}T00:00:00Z`,
    request:
      'https://bulk.example.org/fhir/$export?_type=Patient,Observation,Condition,MedicationStatement,MedicationRequest,Procedure,AllergyIntolerance,Coverage',
    requiresAccessToken: true,
    output: files.map(({ file, type, count }) => ({
      type,
      url: `https://bulk.example.org/output/${file}`,
      count,
    })),
    error: [],
  };
}

/** A resource as one NDJSON line, exactly as `generateBulkExport` writes it. */
export const ndjsonLine = (resource: Resource): string => JSON.stringify(resource);
