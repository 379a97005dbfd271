import {
  type CompactScreening,
  type CompiledProtocol,
  type Screening,
  type UntracedScreening,
  withoutTraces,
} from '@eligo/core';
import { type InputError, screenDocument, screenDocumentCompact } from '@eligo/fhir';

/**
 * How much of a screening a response carries. `compact` (the default): per cohort the verdict,
 * each criterion's status and what is missing; the criteria's titles and sources are the
 * protocol's (`GET /v1/protocols/{id}`). `full`: each criterion with its kind, title, source,
 * explanation and missing elements. `trace`: those and each criterion's trace tree. For
 * NCT06469190 and its 34 KB example document: about 2.8 KB, 42 KB and 110 KB.
 */
export type Detail = 'compact' | 'full' | 'trace';

export function detailOf(asked: { full?: boolean | undefined; trace?: boolean | undefined }): Detail {
  return asked.trace ? 'trace' : asked.full ? 'full' : 'compact';
}

export type Screened =
  | { readonly ok: false; readonly errors: readonly InputError[] }
  | {
      readonly ok: true;
      /** What the audit record and the funnel count. */
      readonly screening: Screening | CompactScreening;
      /** What the response carries. */
      readonly shown: Screening | UntracedScreening | CompactScreening;
    };

/** One screening document screened at `detail`: the compact one without explaining every criterion. */
export function screenAt(protocol: CompiledProtocol, document: unknown, detail: Detail): Screened {
  if (detail === 'compact') {
    const outcome = screenDocumentCompact(protocol, document);
    return outcome.ok ? { ok: true, screening: outcome.screening, shown: outcome.screening } : outcome;
  }
  const outcome = screenDocument(protocol, document, { trace: detail === 'trace' });
  if (!outcome.ok) return outcome;
  const shown = detail === 'trace' ? outcome.screening : withoutTraces(outcome.screening);
  return { ok: true, screening: outcome.screening, shown };
}
