import type { Span } from '../ast';
import type { Location, Source } from '../source';

export type Severity = 'error' | 'warning' | 'info';

export interface RelatedInformation {
  readonly message: string;
  readonly span: Span;
}

/**
 * The one diagnostic shape for parse, check and evaluation alike. Created only by the factories in
 * `catalog.ts`; `locate()` fills in line/column for a source so the value can cross a boundary.
 */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span | undefined;
  /** The label under the caret in a code frame ("'g/L' is a mass concentration; …"). */
  readonly label?: string | undefined;
  readonly hint?: string | undefined;
  readonly related?: readonly RelatedInformation[] | undefined;
}

/** A diagnostic with its position resolved: what the API and the CLI's `--json` emit. */
export interface LocatedDiagnostic extends Diagnostic {
  readonly source: string;
  readonly start: Location | undefined;
  readonly end: Location | undefined;
}

export function locate(diagnostic: Diagnostic, source: Source): LocatedDiagnostic {
  return {
    ...diagnostic,
    source: source.name,
    start: diagnostic.span ? source.locate(diagnostic.span.start) : undefined,
    end: diagnostic.span ? source.locate(diagnostic.span.end) : undefined,
  };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
