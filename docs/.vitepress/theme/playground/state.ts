/**
 * The playground's whole state lives in the page's URL fragment, so a link is the state and
 * nothing is ever sent to a server: the fragment never leaves the browser. The text is
 * deflate-raw compressed and base64url encoded (`#s=…`); the docs build writes the same format
 * with Node's zlib for the "Open in playground" links, and the browser reads it back with
 * `DecompressionStream`.
 */
export interface PlaygroundState {
  /** The protocol's text. */
  readonly criteria: string;
  /** The screening document as typed: `{asOf, facts | bundle, answers}` in JSON. */
  readonly patient: string;
}

const KEY = 's=';

/** An empty record screened on a fixed date: every criterion that needs data is unknown. */
export const EMPTY_PATIENT = `{
  "asOf": "2025-03-15",
  "facts": {},
  "answers": {}
}
`;

/** The state as the JSON that gets compressed. */
export function serialize(state: PlaygroundState): string {
  return JSON.stringify({ criteria: state.criteria, patient: state.patient });
}

/** The fragment (without `#`) for compressed bytes. */
export function fragmentOf(compressed: Uint8Array): string {
  let binary = '';
  for (const byte of compressed) binary += String.fromCharCode(byte);
  return KEY + btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** The fragment for a state, compressed in the browser. */
export async function encodeState(state: PlaygroundState): Promise<string> {
  const stream = new Blob([serialize(state)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return fragmentOf(new Uint8Array(await new Response(stream).arrayBuffer()));
}

/**
 * The state a fragment carries, or undefined when it carries none or cannot be read (a link cut
 * short, text edited by hand): the page then opens with its default instead of failing.
 */
export async function decodeState(fragment: string): Promise<PlaygroundState | undefined> {
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (!text.startsWith(KEY)) return undefined;
  try {
    const base64 = text.slice(KEY.length).replaceAll('-', '+').replaceAll('_', '/');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    const value: unknown = JSON.parse(await new Response(stream).text());
    if (typeof value !== 'object' || value === null) return undefined;
    const { criteria, patient } = value as Record<string, unknown>;
    if (typeof criteria !== 'string') return undefined;
    return { criteria, patient: typeof patient === 'string' ? patient : EMPTY_PATIENT };
  } catch {
    return undefined;
  }
}
