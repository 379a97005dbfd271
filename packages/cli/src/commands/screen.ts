import {
  type CompiledProtocol,
  createFunnel,
  type Funnel,
  type FunnelResult,
  withoutTraces,
} from '@eligo/core';
import {
  documentRef,
  type InputError,
  readDocument,
  screenDocument,
  screenDocumentCompact,
} from '@eligo/fhir';
import { type Io, UsageError } from '../io';
import { renderFunnel, renderScreening } from '../render';
import { forTerminal } from '../terminal';
import { loadProtocol } from './load';

interface ScreenOptions {
  input?: string | undefined;
  json?: boolean;
  ndjson?: boolean;
  summary?: boolean;
  full?: boolean;
  trace?: boolean;
}

export async function screenCommand(io: Io, file: string, options: ScreenOptions): Promise<number> {
  if (options.input === undefined) throw new UsageError('eligo screen: missing --input <file>');
  if ((options.full || options.trace) && !options.ndjson)
    throw new UsageError(
      'eligo screen: --full and --trace choose what each --ndjson line carries (--json always prints the full screening)',
    );
  const protocol = await loadProtocol(io, file);
  if (!protocol) return 1;
  if (options.ndjson || options.summary) return screenMany(io, protocol, options.input, options);

  const raw = parseJson(await io.readFile(options.input));
  if (!raw.ok) {
    io.stderr(`eligo screen: ${options.input} is not valid JSON: ${raw.message}\n`);
    return 2;
  }
  const outcome = screenDocument(protocol, raw.value);
  if (!outcome.ok) {
    io.stderr(`eligo screen: invalid input in ${options.input}:\n${formatErrors(outcome.errors)}`);
    return 2;
  }
  io.stdout(
    options.json
      ? `${JSON.stringify(outcome.screening, null, 2)}\n`
      : forTerminal(renderScreening(outcome.screening)),
  );
  return 0;
}

/**
 * Streams a population, one input per line, in memory bounded by one patient plus the funnel's
 * counters. Each line is compact (statuses and what is missing) unless `--full` (titles, sources,
 * explanations) or `--trace` (those and each criterion's trace tree) asks for more: with every
 * trace tree a line was ~110 KB for NCT06469190, 19 times its input, and writing it was most of the
 * time.
 */
async function screenMany(
  io: Io,
  protocol: CompiledProtocol,
  input: string,
  options: ScreenOptions,
): Promise<number> {
  const funnel = createFunnel(protocol.info);
  let failures = 0;
  let line = 0;
  for await (const text of io.readLines(input)) {
    line++;
    if (text.trim() === '') continue;
    const raw = parseJson(text);
    const outcome: LineOutcome = raw.ok
      ? screenLine(protocol, raw.value, options)
      : { ok: false, errors: [{ path: '', message: `not valid JSON: ${raw.message}` }] };
    // The same lead as the API's batch lines, so results match inputs other than by order.
    const ref = raw.ok ? documentRef(raw.value) : undefined;
    const source = ref === undefined ? { line } : { line, ref };
    if (!outcome.ok) {
      failures++;
      io.stderr(`eligo screen: ${input}:${line}: invalid input:\n${formatErrors(outcome.errors)}`);
      if (options.ndjson) io.stdout(`${JSON.stringify({ ...source, errors: outcome.errors })}\n`);
      continue;
    }
    funnel.add(outcome.counted);
    if (outcome.shown) io.stdout(`${JSON.stringify({ ...source, ...outcome.shown })}\n`);
  }
  if (options.summary) {
    const summary: FunnelResult = funnel.result();
    io.stdout(
      options.ndjson || options.json
        ? `${JSON.stringify({ summary })}\n`
        : forTerminal(renderFunnel(summary)),
    );
  }
  return failures > 0 ? 2 : 0;
}

type LineOutcome =
  | { readonly ok: false; readonly errors: readonly InputError[] }
  | { readonly ok: true; readonly counted: Parameters<Funnel['add']>[0]; readonly shown?: object };

/**
 * One input line screened as the options ask: what the funnel counts and what the line shows. A
 * summary alone needs each patient's verdicts and statuses only (the verdict-only path); a compact
 * line explains only its unknown criteria.
 */
function screenLine(protocol: CompiledProtocol, value: unknown, options: ScreenOptions): LineOutcome {
  if (!options.ndjson) {
    const read = readDocument(protocol, value);
    return read.ok ? { ok: true, counted: protocol.evaluate(read.input) } : read;
  }
  if (options.full || options.trace) {
    const outcome = screenDocument(protocol, value, { trace: options.trace === true });
    if (!outcome.ok) return outcome;
    const shown = options.trace ? outcome.screening : withoutTraces(outcome.screening);
    return { ok: true, counted: outcome.screening, shown };
  }
  const outcome = screenDocumentCompact(protocol, value);
  return outcome.ok ? { ok: true, counted: outcome.screening, shown: outcome.screening } : outcome;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

function formatErrors(errors: readonly { path: string; message: string }[]): string {
  return errors.map((e) => `  ${e.path || '(root)'}: ${e.message}\n`).join('');
}
