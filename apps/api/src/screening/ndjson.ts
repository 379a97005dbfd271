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

/** A pull-driven response body: the next item is produced only when the client has read the last. */
export function pullStream(items: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { value, done } = await items.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      },
      async cancel() {
        await items.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}
