import {
  type CompiledProtocol,
  dayFromIso,
  type Facts,
  type NodeVisitor,
  type ProtocolInfo,
  parseDate,
  visit,
} from '@eligo/core';

/** One lab or test result of a record, with when it was taken. */
export interface DatedResult {
  readonly id: string;
  readonly label: string;
  /** `1.2 mg/dL`, `positive`. */
  readonly shown: string;
  /** As the record gives it: `2025-02-09`, or a partial date `2024-11`. */
  readonly date: string | undefined;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * How long before the screening date a result was taken, in whole days; for a partial date
 * (`2024-11`), from its last possible day, so the age is never overstated. Undefined when the
 * date cannot be read.
 */
export function ageInDays(date: string, asOf: string): number | undefined {
  const range = parseDate(date);
  const on = dayFromIso(asOf);
  if (!range || Number.isNaN(on)) return undefined;
  return on - range.latest;
}

/** "34 days ago", "on the screening date", "at least 290 days ago" (a partial date). */
export function ageText(date: string, asOf: string): string {
  const days = ageInDays(date, asOf);
  if (days === undefined) return 'date not readable';
  if (days < 0) return 'after the screening date (not counted)';
  const partial = !/^\d{4}-\d{2}-\d{2}/.test(date);
  if (days === 0) return partial ? 'in the month or year of the screening date' : 'on the screening date';
  return `${partial ? 'at least ' : ''}${plural(days, 'day')} ago`;
}

/**
 * The windows the protocol itself puts on results, by element id (`serum_hcg within 7 days` →
 * `7 days`); with a screening period, every lab and test has one. Those windows are part of the
 * verdict, so a site's own review age does not flag those elements.
 */
export function protocolWindows(protocol: CompiledProtocol): Map<string, string> {
  const windows = new Map<string, string>();
  const written = (d: { amount: number; unit: string }) => plural(d.amount, d.unit);
  const visitor: NodeVisitor = {
    Ref: (ref) => {
      if (ref.window) windows.set(ref.name, written(ref.window));
    },
    AnyReading: (node) => {
      if (node.test.left.kind === 'Ref') windows.set(node.test.left.name, written(node.duration));
    },
  };
  visit(protocol.ast, visitor);
  const period = protocol.info.screeningPeriod;
  if (period) {
    for (const el of protocol.info.elements) {
      if ((el.kind === 'lab' || el.kind === 'test') && !windows.has(el.id))
        windows.set(el.id, `${written(period)} (the screening period)`);
    }
  }
  return windows;
}

/** The review flag a result carries, if any: older than the site's limit and under no window of the protocol's. */
export function staleFlag(
  date: string | undefined,
  asOf: string,
  limitDays: number,
  window: string | undefined,
): string | undefined {
  if (date === undefined || window !== undefined) return undefined;
  const days = ageInDays(date, asOf);
  return days !== undefined && days > limitDays
    ? `review: older than ${plural(limitDays, 'day')}`
    : undefined;
}

interface Reading {
  value?: number;
  unit?: string;
  code?: string;
  comparator?: string;
  date?: string;
}

/** The latest reading of a lab's or test's facts: the one with the latest date, undated ones last. */
function latest(fact: unknown): Reading | undefined {
  const list = (Array.isArray(fact) ? fact : [fact]).filter(
    (r): r is Reading => typeof r === 'object' && r !== null,
  );
  const key = (r: Reading) => (r.date ? (parseDate(r.date)?.latest ?? -Infinity) : -Infinity);
  return list.reduce<Reading | undefined>(
    (best, r) => (best === undefined || key(r) > key(best) ? r : best),
    undefined,
  );
}

/** Each lab and test result in a patient's facts (the latest of each), in declaration order. */
export function datedResults(info: ProtocolInfo, facts: Facts): DatedResult[] {
  const out: DatedResult[] = [];
  for (const el of info.elements) {
    if (el.kind !== 'lab' && el.kind !== 'test') continue;
    const reading = latest(facts[el.id]);
    if (!reading) continue;
    const shown =
      reading.value !== undefined
        ? `${reading.comparator ?? ''}${reading.value} ${reading.unit ?? ''}`.trim()
        : (reading.code ?? '');
    out.push({ id: el.id, label: el.label, shown, date: reading.date });
  }
  return out;
}
