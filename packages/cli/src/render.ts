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

/** The attrition funnel: per cohort, how many each criterion excludes and how many remain after it. */
export function renderFunnel(summary: FunnelResult): string {
  let out = '';
  for (const cohort of summary.cohorts) {
    out += `${cohort.id}: ${cohort.total} screened, ${cohort.eligible} eligible, ${cohort.ineligible} ineligible, ${cohort.undetermined} undetermined\n`;
    const width = Math.max(9, ...cohort.criteria.map((c) => c.id.length));
    out += `  ${'criterion'.padEnd(width)}  ${'excludes'.padStart(8)}  ${'remaining'.padStart(9)}\n`;
    for (const c of cohort.criteria) {
      out += `  ${c.id.padEnd(width)}  ${String(c.excludes).padStart(8)}  ${String(c.remaining).padStart(9)}\n`;
    }
    out += '\n';
  }
  return out;
}
