import { type CompiledProtocol, createFunnel } from '@eligo/core';
import { documentRef } from '@eligo/fhir';
import { newId } from '../auth/tokens';
import type { ScreeningTable } from '../db/schema';
import type { Store } from '../db/store';
import type { TokenRecord } from '../db/tokens';
import { readLines } from './ndjson';
import { type Detail, screenAt } from './response';
import { verdicts } from './run';

const FLUSH_EVERY = 200;

export interface BatchRequest {
  readonly protocol: CompiledProtocol;
  readonly version: { readonly protocolId: string; readonly number: number };
  readonly body: ReadableStream<Uint8Array>;
  readonly principal: TokenRecord;
  readonly store: Store;
  readonly keepInput: boolean;
  /** What each output line carries (see `Detail`). */
  readonly detail: Detail;
  readonly maxLineBytes: number;
  /**
   * Logs an error that ends the batch early (storage failing, an unexpected error) and gives the
   * `{error, requestId}` the client is sent as the last line instead of the summary.
   */
  readonly failure: (error: unknown) => object;
}

/**
 * NDJSON in, NDJSON out: one screening at the detail asked for (or `{line, errors}`) per input line, each led by its
 * input's `line` number and `ref` (see `documentRef`), then
 * `{summary, batch}` once every audit entry is committed. Memory holds one patient, the funnel's
 * counters and at most FLUSH_EVERY pending audit rows.
 */
export async function* screenBatch(request: BatchRequest): AsyncGenerator<string> {
  const { protocol, version, principal, store } = request;
  const funnel = createFunnel(protocol.info);
  const batchId = newId('bat');
  let pending: ScreeningTable[] = [];
  let screened = 0;
  let failed = 0;
  let recorded = 0;
  const commit = async () => {
    await store.screenings.record(pending);
    recorded += pending.length;
    pending = [];
  };
  try {
    for await (const item of readLines(request.body, request.maxLineBytes)) {
      if ('tooLong' in item) {
        failed++;
        yield json({
          line: item.line,
          errors: [{ path: '', message: `line longer than ${request.maxLineBytes} bytes` }],
        });
        continue;
      }
      if (item.text.trim() === '') continue;
      const raw = parse(item.text);
      const outcome = raw.ok
        ? screenAt(protocol, raw.value, request.detail)
        : { ok: false as const, errors: [raw.error] };
      const source = { line: item.line, ...refOf(raw.ok ? raw.value : undefined) };
      if (!outcome.ok) {
        failed++;
        yield json({ ...source, errors: outcome.errors });
        continue;
      }
      screened++;
      funnel.add(outcome.screening);
      pending.push({
        id: newId('scr'),
        at: new Date().toISOString(),
        token_id: principal.id,
        token_name: principal.name,
        protocol_id: version.protocolId,
        version: version.number,
        as_of: outcome.screening.asOf,
        verdicts: JSON.stringify(verdicts(outcome.screening)),
        input: request.keepInput ? item.text : null,
        batch_id: batchId,
      });
      if (pending.length >= FLUSH_EVERY) await commit();
      yield json({ ...source, ...outcome.shown });
    }
    await commit();
  } catch (error) {
    // The status line went out with the first screening: the failure can only be the last line.
    // `recorded` screenings (the first ones screened, in order) have their audit records committed.
    yield json({ ...request.failure(error), batch: { id: batchId, screened, failed, recorded } });
    return;
  }
  yield json({ summary: funnel.result(), batch: { id: batchId, screened, failed } });
}

function refOf(document: unknown): { ref?: string } {
  const ref = documentRef(document);
  return ref === undefined ? {} : { ref };
}

function json(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

function parse(
  text: string,
): { ok: true; value: unknown } | { ok: false; error: { path: string; message: string } } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: { path: '', message: `not valid JSON: ${(error as Error).message}` } };
  }
}
