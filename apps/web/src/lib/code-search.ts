import {
  CODE_SYSTEMS,
  type CodeBindingInfo,
  canonicalSystem,
  type ElementInfo,
  matchesCode,
} from '@eligo/core';

/** One code (or family of codes) a coded element's binding names, as the entry form lists it. */
export interface CodeOption {
  readonly system: string;
  readonly systemName: string;
  readonly code: string;
  /** How the binding names it: `E80.4`, `Z33…` (any code starting so), `N00–N07`. */
  readonly written: string;
  /** What it is: the element's label (the protocol names codes, not their descriptions). */
  readonly text: string;
  readonly match: 'exact' | 'prefix' | 'range';
  readonly to?: string | undefined;
}

const SYSTEM_NAMES: Readonly<Record<string, string>> = {
  [CODE_SYSTEMS.loinc]: 'LOINC',
  [CODE_SYSTEMS.snomed]: 'SNOMED CT',
  [CODE_SYSTEMS.icd10]: 'ICD-10',
  [CODE_SYSTEMS.atc]: 'ATC',
  [CODE_SYSTEMS.rxnorm]: 'RxNorm',
  [CODE_SYSTEMS.cvx]: 'CVX',
};

export function systemName(system: string): string {
  return SYSTEM_NAMES[canonicalSystem(system)] ?? system;
}

/** The codes an element's binding includes, in the protocol's order. */
export function codeOptions(el: ElementInfo): CodeOption[] {
  return (el.binding?.include ?? []).map((p) => ({
    system: p.system,
    systemName: systemName(p.system),
    code: p.code,
    written: p.match === 'prefix' ? `${p.code}…` : p.match === 'range' ? `${p.code}–${p.to ?? ''}` : p.code,
    text: el.label,
    match: p.match,
    to: p.to,
  }));
}

/** The code systems a binding names, each once, in order. */
export function bindingSystems(binding: CodeBindingInfo | undefined): string[] {
  return [...new Set((binding?.include ?? []).map((p) => p.system))];
}

const squash = (text: string) => text.toLowerCase().replace(/[\s.]/g, '');

/**
 * The options a search finds: by code (`e80`, `E80.4`, `N03.1` inside `N00–N07`, dots and case
 * ignored) or by every word of the text and the system's name (`gilbert`, `icd-10 pregnancy`).
 * An empty search finds them all.
 */
export function searchCodes(options: readonly CodeOption[], query: string): CodeOption[] {
  const q = query.trim();
  if (q === '') return [...options];
  const code = squash(q);
  const words = q.toLowerCase().split(/\s+/);
  return options.filter((o) => {
    if (squash(o.code).startsWith(code)) return true;
    if (o.match === 'range' && matchesCode(o, o.system, q.toUpperCase())) return true;
    if (o.match === 'prefix' && /\d/.test(q) && code.startsWith(squash(o.code))) return true;
    const haystack = `${o.text} ${o.systemName}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}
