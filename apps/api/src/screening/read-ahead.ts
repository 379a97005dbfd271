/** A request body read ahead of its consumer, into a buffer of bounded size. */
export interface ReadAhead {
  /** The same bytes, served from the buffer. */
  readonly body: ReadableStream<Uint8Array>;
  /** Whether the whole body has been read (or failed). */
  readonly ended: () => boolean;
  /** Whether the buffer is full, so that reading the body waits for the consumer. */
  readonly full: () => boolean;
}

/**
 * Reads `source` as fast as it arrives, holding up to `capBytes` that the consumer has not taken
 * yet. A batch answers while its body is still arriving; a client that sends its whole body before
 * reading a byte of the answer (Python's http.client, many HTTP libraries) would otherwise wait
 * for the server to read on while the server waits for it to read: both stuck for good. Reading
 * on while the answer waits lets every body up to `capBytes` (plus what the sockets hold) through,
 * whatever the client does, and a client that reads as it sends still gets each line's answer
 * at once.
 */
export function readAhead(source: ReadableStream<Uint8Array>, capBytes: number): ReadAhead {
  let ended = false;
  let desiredSize = () => 1;
  const buffer = new TransformStream<Uint8Array, Uint8Array>(
    {
      start(controller) {
        desiredSize = () => controller.desiredSize ?? 0;
      },
      transform(chunk, controller) {
        controller.enqueue(chunk);
      },
    },
    // One chunk on the writable side, the rest on the readable side, counted in bytes.
    { highWaterMark: 1 },
    new ByteLengthQueuingStrategy({ highWaterMark: capBytes }),
  );
  source
    .pipeTo(buffer.writable)
    .catch(() => {
      // pipeTo has errored the buffer with the same failure: its reader sees it.
    })
    .finally(() => {
      ended = true;
    });
  return { body: buffer.readable, ended: () => ended, full: () => desiredSize() <= 0 };
}
