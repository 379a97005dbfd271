import { describe, expect, it } from 'vitest';
import { type Line, pullStream, readLines } from './ndjson';

function streamOf(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function collect(body: ReadableStream<Uint8Array>, max = 100): Promise<Line[]> {
  const out: Line[] = [];
  for await (const line of readLines(body, max)) out.push(line);
  return out;
}

describe('readLines', () => {
  it('splits across chunk boundaries and keeps a last line without newline', async () => {
    expect(await collect(streamOf('{"a"', ':1}\n{"b":2}\n', '{"c"', ':3}'))).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 2, text: '{"b":2}' },
      { line: 3, text: '{"c":3}' },
    ]);
  });

  it('decodes multi-byte characters split between chunks', async () => {
    const bytes = new TextEncoder().encode('"é"\n');
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.slice(0, 2));
        c.enqueue(bytes.slice(2));
        c.close();
      },
    });
    expect(await collect(body)).toEqual([{ line: 1, text: '"é"' }]);
  });

  it('reports an over-long line once, skips it without buffering, and carries on', async () => {
    const long = 'x'.repeat(60);
    expect(await collect(streamOf('{}\n', long, long, long, '\n{"ok":1}\n'), 100)).toEqual([
      { line: 1, text: '{}' },
      { line: 2, tooLong: true },
      { line: 3, text: '{"ok":1}' },
    ]);
  });

  it('counts blank lines so reported line numbers match the input', async () => {
    expect(await collect(streamOf('\n\n{}\n'))).toEqual([
      { line: 1, text: '' },
      { line: 2, text: '' },
      { line: 3, text: '{}' },
    ]);
  });
});

describe('pullStream', () => {
  it('produces the next item only when the reader asks', async () => {
    let produced = 0;
    async function* items() {
      for (let i = 0; i < 5; i++) {
        produced++;
        yield `${i}\n`;
      }
    }
    const reader = pullStream(items()).getReader();
    await reader.read();
    await new Promise((r) => setTimeout(r, 10));
    // One read, plus at most one item queued ahead (highWaterMark 1).
    expect(produced).toBeLessThanOrEqual(2);
    await reader.cancel();
  });
});
