import type { CompiledProtocol, CriterionInfo, ElementInfo } from '@eligo/core';
import { visit } from '@eligo/core';

/**
 * Where a criterion's answer comes from, as the protocols' coverage tables say it: from records,
 * from a question put on the screening form, from both, or `partial` when the encoding reads no
 * data at all (it cannot be deciding the sentence). A heading is decided by its sub-criteria.
 */
export type CoverageMark = 'records' | 'question' | 'records and question' | 'partial' | 'sub-criteria';

export function coverageOf(
  criterion: CriterionInfo,
  elements: ReadonlyMap<string, ElementInfo>,
): CoverageMark {
  if (criterion.heading) return 'sub-criteria';
  let records = false;
  let questions = false;
  for (const id of criterion.elements) {
    const kind = elements.get(id)?.kind;
    if (kind === 'question') questions = true;
    else if (kind !== undefined && kind !== 'define') records = true;
  }
  if (records && questions) return 'records and question';
  if (questions) return 'question';
  return records ? 'records' : 'partial';
}

export interface ReviewRow {
  readonly id: string;
  readonly kind: 'inclusion' | 'exclusion';
  /** The cohorts it applies to (every cohort for a common criterion). */
  readonly cohorts: readonly string[];
  readonly title: string | undefined;
  /** The registry's sentence, as the protocol quotes it. */
  readonly source: string | undefined;
  /** The criterion as written in the protocol text, from its id to the end of its rule. */
  readonly encoding: string;
  readonly coverage: CoverageMark;
  /** The labels of the data elements and questions it reads. */
  readonly reads: readonly string[];
}

/** One row per criterion, in protocol order, for the side-by-side review. */
export function reviewRows(protocol: CompiledProtocol): ReviewRow[] {
  const elements = new Map(protocol.info.elements.map((e) => [e.id, e]));
  const text = protocol.source.body;
  const encodings = new Map<string, string>();
  visit(protocol.ast, {
    Criterion(node) {
      encodings.set(node.id.value, text.slice(node.span.start, node.span.end).replace(/\s+$/, ''));
    },
  });
  const rows = new Map<string, { info: CriterionInfo; cohorts: string[] }>();
  for (const cohort of protocol.info.cohorts) {
    for (const criterion of cohort.criteria) {
      const row = rows.get(criterion.id) ?? { info: criterion, cohorts: [] };
      row.cohorts.push(cohort.label ?? cohort.id);
      rows.set(criterion.id, row);
    }
  }
  return [...rows.values()].map(({ info, cohorts }) => ({
    id: info.id,
    kind: info.kind,
    cohorts,
    title: info.title,
    source: info.source,
    encoding: encodings.get(info.id) ?? '',
    coverage: coverageOf(info, elements),
    reads: info.elements.map((id) => elements.get(id)?.label ?? id),
  }));
}

/** "31 criteria: 24 from records, 5 questions, 2 both" — the counts a reviewer reads first. */
export function coverageSummary(rows: readonly ReviewRow[]): string {
  const count = (mark: CoverageMark) => rows.filter((r) => r.coverage === mark).length;
  const parts = [
    [count('records'), 'from records'],
    [count('question'), 'from questions'],
    [count('records and question'), 'from records and questions'],
    [count('partial'), 'reading no data'],
    [count('sub-criteria'), 'decided by sub-criteria'],
  ]
    .filter(([n]) => n !== 0)
    .map(([n, what]) => `${n} ${what}`);
  return `${rows.length} criteria: ${parts.join(', ')}.`;
}
