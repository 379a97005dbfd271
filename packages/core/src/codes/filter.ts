import type * as Ast from '../ast';
import { CODE_SYSTEMS, type CodeFilterInfo, type CodePatternInfo } from '../protocol';
import { canonicalSystem, matchesCode } from './match';

/** A pattern as the compiled protocol keeps it: the system by its canonical URI. */
export function patternInfo(p: Ast.CodePattern): CodePatternInfo {
  return {
    system: CODE_SYSTEMS[p.system],
    code: p.code,
    match: p.match,
    ...(p.to !== undefined ? { to: p.to } : {}),
  };
}

export function codeFilterInfo(f: Ast.CodeFilter): CodeFilterInfo {
  return { except: f.except, codes: f.codes.map(patternInfo) };
}

/** What `filterTally` counted: codings in the filter's code systems that are among its codes, and that are not. */
export const filterTallyResult = { inSet: 0, outOfSet: 0 };

/**
 * Counts a record's codings of a filtered field (its body sites, its reasons) against the filter's
 * codes, into `filterTallyResult`. A coding in a code system none of the filter's codes use says
 * nothing either way (a local body-site code), and neither does anything that is not a coding.
 */
export function filterTally(filter: CodeFilterInfo, codings: unknown): void {
  filterTallyResult.inSet = 0;
  filterTallyResult.outOfSet = 0;
  if (!Array.isArray(codings)) return;
  for (const c of codings) {
    if (typeof c !== 'object' || c === null) continue;
    const { system, code } = c as { system?: unknown; code?: unknown };
    if (typeof system !== 'string' || typeof code !== 'string') continue;
    const canonical = canonicalSystem(system);
    if (!filter.codes.some((p) => canonicalSystem(p.system) === canonical)) continue;
    if (filter.codes.some((p) => matchesCode(p, system, code))) filterTallyResult.inSet++;
    else filterTallyResult.outOfSet++;
  }
}
