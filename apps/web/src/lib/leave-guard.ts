/**
 * Work a page would lose if the user went elsewhere in the app (the editor's unsaved text). The
 * page registers a question while it has such work; navigation asks it before leaving.
 */
let pending: (() => string | undefined) | undefined;

/** Registers what to ask before leaving (undefined from `question` when nothing would be lost); returns the unregistration. */
export function guardLeaving(question: () => string | undefined): () => void {
  pending = question;
  return () => {
    if (pending === question) pending = undefined;
  };
}

/** True when leaving loses nothing, or the user agreed to lose it. */
export function mayLeave(confirm: (message: string) => boolean = (m) => window.confirm(m)): boolean {
  const message = pending?.();
  return message === undefined || confirm(message);
}
