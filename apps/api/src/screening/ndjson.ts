export type Line =
  | { readonly line: number; readonly text: string }
  | { readonly line: number; readonly tooLong: true };

/**
 * Splits a byte stream into lines without holding more than one line (capped at `maxBytes`) in
 * memory. A longer line is reported and skipped rather than buffered.
 */
export async function* readLines(body: ReadableStream<Uint8Array>, maxBytes: number): AsyncGenerator<Line> {
  const decoder = new TextDecoder();
  let buffered = '';
  let skipping = false;
  let line = 0;
  for await (const chunk of body) {
    let text = decoder.decode(chunk, { stream: true });
    let newline = text.indexOf('\n');
    while (newline !== -1) {
      const piece = buffered + text.slice(0, newline);
      // A skipped line was counted when it overflowed.
      if (skipping) skipping = false;
      else {
        line++;
        yield exceeds(piece, maxBytes) ? { line, tooLong: true } : { line, text: piece };
      }
      buffered = '';
      text = text.slice(newline + 1);
      newline = text.indexOf('\n');
    }
    if (skipping) continue;
    buffered += text;
    if (exceeds(buffered, maxBytes)) {
      line++;
      yield { line, tooLong: true };
      buffered = '';
      skipping = true;
    }
  }
  buffered += decoder.decode();
  if (!skipping && buffered.trim() !== '') {
    line++;
    yield exceeds(buffered, maxBytes) ? { line, tooLong: true } : { line, text: buffered };
  }
}

/** UTF-8 needs 1 to 3 bytes per UTF-16 unit, so the exact count is needed only in between. */
function exceeds(text: string, maxBytes: number): boolean {
  if (text.length > maxBytes) return true;
  if (text.length * 3 <= maxBytes) return false;
  return Buffer.byteLength(text) > maxBytes;
}

export interface StallWatch {
  /** How long the consumer may take no item while `stuck()` holds. */
  readonly afterMs: number;
  /** Whether waiting on the consumer is a dead end (its request body can make no progress either). */
  readonly stuck: () => boolean;
  /** Gives up on the consumer: closes the connection. */
  readonly abort: () => void;
}

/**
 * A pull-driven response body: the next item is produced only when the client has read the last.
 * With `watch`, a client that takes nothing for `watch.afterMs` while `watch.stuck()` holds is
 * dropped rather than waited for.
 */
export function pullStream(items: AsyncGenerator<string>, watch?: StallWatch): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let lastPull = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const stop = () => clearInterval(timer);
  return new ReadableStream<Uint8Array>(
    {
      start() {
        if (!watch) return;
        timer = setInterval(
          () => {
            if (performance.now() - lastPull < watch.afterMs || !watch.stuck()) return;
            stop();
            watch.abort();
          },
          Math.max(10, Math.min(1000, watch.afterMs / 4)),
        );
        timer.unref();
      },
      async pull(controller) {
        lastPull = performance.now();
        const { value, done } = await items.next();
        lastPull = performance.now();
        if (done) {
          stop();
          controller.close();
        } else controller.enqueue(encoder.encode(value));
      },
      async cancel() {
        stop();
        await items.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}
