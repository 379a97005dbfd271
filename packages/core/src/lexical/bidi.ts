import { bidiControl } from '../diagnostics/catalog';
import type { Diagnostic } from '../diagnostics/diagnostic';

/**
 * Characters that change the order in which text is displayed without being seen themselves: the
 * embeddings and overrides (U+202A–U+202E), the isolates (U+2066–U+2069) and the implicit marks
 * (U+200E, U+200F, U+061C). With them a criterion can read one way in an editor or a review and
 * mean another to the parser ("Trojan Source", CVE-2021-42574), inside a string or a comment as
 * much as in code. The marks cannot reorder whole runs, but they are as invisible, and a protocol
 * never needs them: its keywords are Latin, and a right-to-left title displays correctly without.
 */
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Each bidirectional control character in `text`: its offset and its name. */
export function bidiControls(text: string): { offset: number; name: string }[] {
  const found: { offset: number; name: string }[] = [];
  for (const m of text.matchAll(BIDI_CONTROL)) found.push({ offset: m.index, name: BIDI_NAMES[m[0]]! });
  return found;
}

const BIDI_NAMES: Readonly<Record<string, string>> = {
  '\u061c': 'U+061C ARABIC LETTER MARK',
  '\u200e': 'U+200E LEFT-TO-RIGHT MARK',
  '\u200f': 'U+200F RIGHT-TO-LEFT MARK',
  '\u202a': 'U+202A LEFT-TO-RIGHT EMBEDDING',
  '\u202b': 'U+202B RIGHT-TO-LEFT EMBEDDING',
  '\u202c': 'U+202C POP DIRECTIONAL FORMATTING',
  '\u202d': 'U+202D LEFT-TO-RIGHT OVERRIDE',
  '\u202e': 'U+202E RIGHT-TO-LEFT OVERRIDE',
  '\u2066': 'U+2066 LEFT-TO-RIGHT ISOLATE',
  '\u2067': 'U+2067 RIGHT-TO-LEFT ISOLATE',
  '\u2068': 'U+2068 FIRST STRONG ISOLATE',
  '\u2069': 'U+2069 POP DIRECTIONAL ISOLATE',
};

/** E0012 at each bidirectional control character of the text, strings and comments included. */
export function bidiDiagnostics(text: string): Diagnostic[] {
  return bidiControls(text).map(({ offset, name }) => bidiControl({ start: offset, end: offset + 1 }, name));
}
