/**
 * Text for a terminal, with every control character made visible instead of obeyed. Protocol
 * text, file names and input can carry escape sequences (`\x1b[2J` clears the screen, `\x1b]52;…`
 * writes the clipboard, `\r` overwrites what was printed); diagnostics quote them. A C0 control
 * becomes its Unicode control picture (`\x1b` → `␛`), one column wide like the character it
 * stands for, so the carets under a code frame's line stay aligned. Line feeds and tabs are kept,
 * and a carriage return only before a line feed.
 */
export function forTerminal(text: string): string {
  return text.replace(UNSAFE, (c, offset: number) => {
    // A character that reorders the display (E0012) would scramble the line it is quoted on: one
    // replacement character stands in its one column, so the carets stay under what they mark.
    if (BIDI.test(c)) return '\ufffd';
    if (c === '\r' && text[offset + 1] === '\n') return c;
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    // C1 controls (`\x9b` is a one-byte CSI on some terminals) have no control picture.
    return `\\x${code.toString(16)}`;
  });
}

// C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional controls and marks.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
