import type { RecordedImpact } from './api';
import type { Impact } from './impact';

/**
 * A recorded screening as the preview names it: the site's own reference when it has one, and the
 * audit id, which an admin can look up. Nothing else of the patient reaches the browser.
 */
export function recordedName(screening: { readonly screening: string; readonly siteRef: string | null }) {
  return screening.siteRef === null
    ? `Screening ${screening.screening}`
    : `${screening.siteRef} (screening ${screening.screening})`;
}

/** A page of the server's preview over the site's recorded screenings, in the shape the preview shows. */
export function fromRecorded(page: RecordedImpact): Impact {
  return {
    changed: page.changed.map((s) => ({
      name: recordedName(s),
      changes: s.changes.map((c) => ({
        cohort: c.cohort,
        label: c.label ?? undefined,
        before: c.before ?? undefined,
        after: c.after ?? undefined,
        criteria: c.criteria.map((k) => ({
          id: k.id,
          before: k.before ?? undefined,
          after: k.after ?? undefined,
        })),
      })),
    })),
    unchanged: page.unchanged,
    unusable: page.unusable.map((s) => ({
      name: recordedName(s),
      version: s.side === 'from' ? 'old' : 'new',
      problem: s.paths.length
        ? `its kept input does not fit at ${s.paths.join(', ')}`
        : 'its kept input does not fit',
    })),
  };
}

/** Two pages of one preview as one. */
export function joinImpacts(a: Impact, b: Impact): Impact {
  return {
    changed: [...a.changed, ...b.changed],
    unchanged: a.unchanged + b.unchanged,
    unusable: [...a.unusable, ...b.unusable],
  };
}
