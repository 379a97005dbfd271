import { compile, createFunnel, type FunnelResult, PopulationBuilder } from '@eligo/core';
import { readDocument } from '@eligo/fhir';

export interface LocalProgress {
  readonly done: number;
  readonly total: number;
}

/**
 * A population counted in this browser: the funnel, and each patient's status per criterion kept
 * (patient-major, indexed like the protocol's criteria), so that dropping a criterion can be
 * recounted exactly without running again. Nothing leaves the browser.
 */
export interface LocalRun {
  readonly funnel: FunnelResult;
  readonly patients: number;
  readonly unread: number;
  /** The first upload lines that could not be read, with the paths at fault. */
  readonly unreadLines: readonly { readonly line: number; readonly paths: readonly string[] }[];
  /** Criteria per patient in `statuses`. */
  readonly criteria: number;
  /** 0 not met, 1 met, 2 unknown: patient i's criterion k at `i * criteria + k`. */
  readonly statuses: Uint8Array;
  /** VERDICT_CODES indexes: patient i's cohort c at `i * cohorts + c`. */
  readonly verdicts: Uint8Array;
  readonly cohorts: number;
}

const BATCH = 500;
const UNREAD_SHOWN = 20;

/**
 * Reads NDJSON screening documents (`{bundle}` or `{facts}`) on one screening date and counts them
 * on core's population path, as the server's in-process path does. Answers are left out: a
 * population has no one to ask.
 */
export function runLocally(
  text: string,
  name: string,
  asOf: string,
  ndjson: string,
  onProgress: (p: LocalProgress) => void = () => {},
): LocalRun {
  const compiled = compile(text, { name });
  if (!compiled.ok) throw new Error(`${name} does not compile`);
  const protocol = compiled.protocol;
  const lines = ndjson
    .split('\n')
    .map((t, i) => ({ text: t, line: i + 1 }))
    .filter((l) => l.text.trim() !== '');
  const funnel = createFunnel(protocol.info);
  const statuses: Uint8Array[] = [];
  const verdicts: Uint8Array[] = [];
  const unreadLines: { line: number; paths: string[] }[] = [];
  let unread = 0;
  let patients = 0;
  let criteria = 0;
  let cohorts = protocol.info.cohorts.length;
  onProgress({ done: 0, total: lines.length });
  for (let start = 0; start < lines.length; start += BATCH) {
    const builder = new PopulationBuilder(protocol.info, asOf);
    for (const { text: line, line: number } of lines.slice(start, start + BATCH)) {
      const read = readLine(protocol, line, asOf);
      if (read.ok) {
        builder.add(read.facts);
        patients++;
      } else {
        unread++;
        if (unreadLines.length < UNREAD_SHOWN) unreadLines.push({ line: number, paths: read.paths });
      }
    }
    const result = protocol.population(builder.build(), { statuses: true });
    funnel.addPopulation(result);
    statuses.push(result.statuses!.slice(0, result.size * result.criteria));
    verdicts.push(result.verdicts.slice(0, result.size * result.cohorts));
    criteria = result.criteria;
    cohorts = result.cohorts;
    onProgress({ done: Math.min(lines.length, start + BATCH), total: lines.length });
  }
  return {
    funnel: funnel.result(),
    patients,
    unread,
    unreadLines,
    criteria,
    cohorts,
    statuses: concat(statuses),
    verdicts: concat(verdicts),
  };
}

type Facts = Parameters<PopulationBuilder['add']>[0];
type Protocol = Extract<ReturnType<typeof compile>, { ok: true }>['protocol'];

function readLine(
  protocol: Protocol,
  text: string,
  asOf: string,
): { ok: true; facts: Facts } | { ok: false; paths: string[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, paths: [''] };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return { ok: false, paths: [''] };
  const { answers: _answers, ...rest } = doc as Record<string, unknown>;
  const read = readDocument(protocol, { ...rest, asOf });
  if (!read.ok) return { ok: false, paths: [...new Set(read.errors.map((e) => e.path))] };
  return { ok: true, facts: read.input.facts ?? {} };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
