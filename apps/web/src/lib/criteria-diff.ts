import { type CompiledProtocol, printExpression } from '@eligo/core';
import { diffWords } from 'diff';

/** What a reviewer compares of one criterion between two versions. */
export interface CriterionSnapshot {
  readonly id: string;
  readonly kind: 'inclusion' | 'exclusion';
  readonly title: string;
  /** The protocol's sentence, as the text quotes it. */
  readonly source: string;
  /** The rule as the formatter prints it, so layout alone never reads as a change. */
  readonly rule: string;
  /** Cohorts the criterion applies to, in protocol order. */
  readonly cohorts: readonly string[];
}

export type CriterionField = 'kind' | 'title' | 'source' | 'rule' | 'cohorts';

export type CriterionChange =
  | { readonly change: 'added'; readonly id: string; readonly after: CriterionSnapshot }
  | { readonly change: 'removed'; readonly id: string; readonly before: CriterionSnapshot }
  | {
      readonly change: 'changed';
      readonly id: string;
      readonly before: CriterionSnapshot;
      readonly after: CriterionSnapshot;
      readonly fields: readonly CriterionField[];
    };

/**
 * Every criterion of a compiled protocol once, in protocol order: its info (core's CriterionInfo,
 * per cohort) with the rule printed from the AST.
 */
export function criterionSnapshots(protocol: CompiledProtocol): CriterionSnapshot[] {
  const rules = new Map<string, string>();
  const sections = [...protocol.ast.sections, ...protocol.ast.cohorts.flatMap((c) => c.sections)];
  for (const section of sections)
    for (const c of section.criteria)
      rules.set(c.id.value, c.rule ? `met if ${printExpression(c.rule)}` : 'decided by sub-criteria');
  const byId = new Map<string, { info: CriterionSnapshot; cohorts: string[] }>();
  for (const cohort of protocol.info.cohorts) {
    for (const c of cohort.criteria) {
      let entry = byId.get(c.id);
      if (!entry) {
        const cohorts: string[] = [];
        entry = {
          cohorts,
          info: {
            id: c.id,
            kind: c.kind,
            title: c.title ?? '',
            source: c.source ?? '',
            rule: rules.get(c.id) ?? '',
            cohorts,
          },
        };
        byId.set(c.id, entry);
      }
      entry.cohorts.push(cohort.id);
    }
  }
  return [...byId.values()].map((e) => e.info);
}

const FIELDS: readonly CriterionField[] = ['kind', 'title', 'source', 'rule', 'cohorts'];

function differing(a: CriterionSnapshot, b: CriterionSnapshot): CriterionField[] {
  return FIELDS.filter((f) =>
    f === 'cohorts' ? a.cohorts.join('\n') !== b.cohorts.join('\n') : a[f] !== b[f],
  );
}

/**
 * The criteria added, removed and changed from `before` to `after`, matched by criterion id, in
 * the new version's order with removed criteria where they stood in the old one. Unchanged
 * criteria are left out.
 */
export function diffCriteria(
  before: readonly CriterionSnapshot[],
  after: readonly CriterionSnapshot[],
): CriterionChange[] {
  const old = new Map(before.map((c) => [c.id, c]));
  const kept = new Set(after.map((c) => c.id));
  const changes: CriterionChange[] = [];
  // Removed criteria go before the first surviving criterion that followed them in the old order.
  const removedBefore = new Map<string | undefined, CriterionSnapshot[]>();
  let pending: CriterionSnapshot[] = [];
  for (const c of before) {
    if (kept.has(c.id)) {
      if (pending.length) removedBefore.set(c.id, pending);
      pending = [];
    } else pending.push(c);
  }
  if (pending.length) removedBefore.set(undefined, pending);
  const pushRemoved = (id: string | undefined) => {
    for (const r of removedBefore.get(id) ?? []) changes.push({ change: 'removed', id: r.id, before: r });
  };
  for (const c of after) {
    pushRemoved(c.id);
    const was = old.get(c.id);
    if (!was) {
      changes.push({ change: 'added', id: c.id, after: c });
      continue;
    }
    const fields = differing(was, c);
    if (fields.length) changes.push({ change: 'changed', id: c.id, before: was, after: c, fields });
  }
  pushRemoved(undefined);
  return changes;
}

export interface WordPart {
  readonly text: string;
  /** In the new text only (`added`) or the old text only (`removed`); neither when in both. */
  readonly mark?: 'added' | 'removed';
}

/** Word-level marks between two texts, for showing old and new side by side. */
export function wordDiff(before: string, after: string): { before: WordPart[]; after: WordPart[] } {
  const parts = diffWords(before, after);
  return {
    before: parts
      .filter((p) => !p.added)
      .map((p) => (p.removed ? { text: p.value, mark: 'removed' as const } : { text: p.value })),
    after: parts
      .filter((p) => !p.removed)
      .map((p) => (p.added ? { text: p.value, mark: 'added' as const } : { text: p.value })),
  };
}
