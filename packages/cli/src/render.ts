import type { FunnelResult, Screening, Status, Verdict } from '@eligo/core';

const STATUS: Record<Status, string> = { met: 'met', not_met: 'not met', unknown: 'unknown' };
const VERDICT: Record<Verdict, string> = {
  eligible: 'ELIGIBLE',
  ineligible: 'INELIGIBLE',
  undetermined: 'UNDETERMINED',
};

/** The human-readable screening: a verdict per cohort, then each criterion with its reason. */
export function renderScreening(screening: Screening): string {
  const { protocol } = screening;
  const version = protocol.version ? ` version ${protocol.version}` : '';
  let out = `${protocol.id}${version} (${protocol.hash.slice(0, 12)}), screened as of ${screening.asOf}\n`;
  for (const cohort of screening.cohorts) {
    out += `\n${cohort.id}${cohort.label ? ` (${cohort.label})` : ''}: ${VERDICT[cohort.verdict]}\n`;
    const width = Math.max(...cohort.criteria.map((c) => c.id.length));
    for (const c of cohort.criteria) {
      const kind = c.kind === 'inclusion' ? 'in' : 'ex';
      out += `  ${c.id.padEnd(width)}  ${kind}  ${STATUS[c.status].padEnd(7)}  ${c.explanation}\n`;
      if (c.status === 'unknown' && c.missing.length > 0)
        out += `  ${''.padEnd(width)}              missing: ${c.missing.join(', ')}\n`;
    }
    if (cohort.questions.length > 0) {
      out += '  questions that would help decide:\n';
      for (const q of cohort.questions) out += `    - ${q.id}: ${q.text}\n`;
    }
  }
  for (const w of screening.warnings) out += `\nwarning: ${w.message}${w.path ? ` (${w.path})` : ''}`;
  return screening.warnings.length > 0 ? `${out}\n` : out;
}

/**
 * The attrition funnel: per cohort, how many each criterion excludes and how many remain after it,
 * its met / not met / unknown counts, and its gain (patients held back by it alone).
 */
export function renderFunnel(summary: FunnelResult): string {
  let out = '';
  const columns = ['excludes', 'remaining', 'met', 'not met', 'unknown', 'gain'] as const;
  for (const cohort of summary.cohorts) {
    out += `${cohort.id}: ${cohort.total} screened, ${cohort.eligible} eligible, ${cohort.ineligible} ineligible, ${cohort.undetermined} undetermined\n`;
    const width = Math.max(9, ...cohort.criteria.map((c) => c.id.length));
    const widths = columns.map((c) => Math.max(c.length, String(cohort.total).length));
    out += `  ${'criterion'.padEnd(width)}${columns.map((c, i) => `  ${c.padStart(widths[i]!)}`).join('')}\n`;
    for (const c of cohort.criteria) {
      const values = [c.excludes, c.remaining, c.met, c.not_met, c.unknown, c.gain];
      out += `  ${c.id.padEnd(width)}${values.map((v, i) => `  ${String(v).padStart(widths[i]!)}`).join('')}\n`;
    }
    out += '\n';
  }
  return out;
}
