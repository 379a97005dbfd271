/** What publishing the editor's text would do, as far as the page can tell before asking the API. */
export type PublishPlan =
  /** The published versions are not loaded yet. */
  | { readonly kind: 'unknown' }
  /** The text is the latest published version's: the API would answer with that version. */
  | { readonly kind: 'published'; readonly version: number }
  /** The text has errors: the API refuses it (422) whatever its version line says. */
  | { readonly kind: 'broken' }
  | { readonly kind: 'next'; readonly next: number }
  /** The text's version line names another number than the one it would get: the API refuses it (409). */
  | { readonly kind: 'mismatch'; readonly declared: string; readonly next: number };

export function publishPlan(state: {
  readonly text: string;
  /** Whether the text compiled at its last check. */
  readonly compiles: boolean;
  /** The `version "…"` of the text, undefined when it has none (or does not compile). */
  readonly declared: string | undefined;
  readonly versions: readonly { readonly version: number }[] | undefined;
  /** The latest published version. */
  readonly published: { readonly version: number; readonly source: { readonly text: string } };
}): PublishPlan {
  if (state.text === state.published.source.text)
    return { kind: 'published', version: state.published.version };
  if (!state.compiles) return { kind: 'broken' };
  if (!state.versions) return { kind: 'unknown' };
  const next = Math.max(0, ...state.versions.map((v) => v.version)) + 1;
  if (state.declared !== undefined && state.declared !== String(next))
    return { kind: 'mismatch', declared: state.declared, next };
  return { kind: 'next', next };
}

// The header's `version "…"`, on its own line or after the trial's title; comments never match.
const VERSION_LINE = /^(\s*(?:trial\s[^\n#]*?\s)?version\s+)"(?:[^"\\\n]|\\.)*"/m;

/** The text with its version line set to `n`; unchanged when it has none. */
export function withVersionLine(text: string, n: number): string {
  return text.replace(VERSION_LINE, (_, head: string) => `${head}"${n}"`);
}
