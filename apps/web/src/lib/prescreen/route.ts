/**
 * The public pre-screen lives at a path of its own, `/trials/<trial id>/prescreen`, not in the
 * signed-in app's hash routes: it is the address a recruitment page links to. The API serves the
 * app's index.html for it as for any page path.
 */
const PATH = /^\/trials\/([^/]+)\/prescreen\/?$/;

/** The trial id of a pre-screen page's path, or undefined for any other page. */
export function prescreenTrial(pathname: string): string | undefined {
  const match = PATH.exec(pathname);
  if (!match) return undefined;
  try {
    const id = decodeURIComponent(match[1]!);
    return /^[\w.-]{1,100}$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

export function prescreenPath(trialId: string): string {
  return `/trials/${encodeURIComponent(trialId)}/prescreen`;
}
