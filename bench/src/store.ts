import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import type { ElementColumns, PopulationBatch } from '@eligo/core';

/**
 * The synthetic population on disk, batch after batch, each column a raw typed array: what a
 * columnar export (Arrow, Parquet after decoding) hands a reader. Reading maps each column onto
 * the bytes read, so a batch costs one read and no parsing. Each batch is a little-endian u32
 * header length, a JSON header naming every column's type, offset and length, then the columns,
 * each starting on an 8-byte boundary.
 */

type ArrayName = 'Float64Array' | 'Int32Array' | 'Uint16Array' | 'Uint8Array';
type Typed = Float64Array | Int32Array | Uint16Array | Uint8Array;
const ARRAYS = { Float64Array, Int32Array, Uint16Array, Uint8Array } as const;

interface ColumnRef {
  readonly type: ArrayName;
  readonly offset: number;
  readonly length: number;
}

interface Header {
  readonly size: number;
  readonly asOf: string;
  readonly bytes: number;
  readonly elements: Record<string, { fields: Record<string, ColumnRef | string | readonly string[]> }>;
}

const align = (n: number) => Math.ceil(n / 8) * 8;

export class BatchWriter {
  private readonly fd: number;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(batch: PopulationBatch): void {
    const parts: Typed[] = [];
    let bytes = 0;
    const elements: Header['elements'] = {};
    for (const [id, columns] of Object.entries(batch.elements)) {
      const fields: Record<string, ColumnRef | string | readonly string[]> = {};
      for (const [name, value] of Object.entries(columns)) {
        if (ArrayBuffer.isView(value)) {
          const array = value as Typed;
          fields[name] = { type: array.constructor.name as ArrayName, offset: bytes, length: array.length };
          parts.push(array);
          bytes = align(bytes + array.byteLength);
        } else fields[name] = value as string | readonly string[];
      }
      elements[id] = { fields };
    }
    const header = Buffer.from(
      JSON.stringify({ size: batch.size, asOf: batch.asOf, bytes, elements } satisfies Header),
    );
    const length = Buffer.alloc(4);
    length.writeUInt32LE(header.length);
    writeSync(this.fd, length);
    writeSync(this.fd, header);
    const body = Buffer.alloc(bytes);
    let at = 0;
    for (const array of parts) {
      body.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
      at = align(at + array.byteLength);
    }
    writeSync(this.fd, body);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Every batch of a file, one at a time: memory holds one batch. */
export function* readBatches(path: string): Generator<PopulationBatch> {
  const fd = openSync(path, 'r');
  try {
    const length = Buffer.alloc(4);
    let position = 0;
    while (readSync(fd, length, 0, 4, position) === 4) {
      const headerBytes = Buffer.alloc(length.readUInt32LE(0));
      readSync(fd, headerBytes, 0, headerBytes.length, position + 4);
      const header = JSON.parse(headerBytes.toString('utf8')) as Header;
      const body = new ArrayBuffer(header.bytes);
      readSync(fd, new Uint8Array(body), 0, header.bytes, position + 4 + headerBytes.length);
      position += 4 + headerBytes.length + header.bytes;
      const elements: Record<string, ElementColumns> = {};
      for (const [id, { fields }] of Object.entries(header.elements)) {
        const columns: Record<string, unknown> = {};
        for (const [name, value] of Object.entries(fields)) {
          columns[name] =
            typeof value === 'object' && value !== null && 'type' in value
              ? new ARRAYS[value.type](body, value.offset, value.length)
              : value;
        }
        elements[id] = columns as unknown as ElementColumns;
      }
      yield { size: header.size, asOf: header.asOf, elements };
    }
  } finally {
    closeSync(fd);
  }
}
