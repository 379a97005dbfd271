/** Tokens of the FHIRPath subset; `at` is the 0-based offset into the expression. */
export interface Token {
  readonly type: 'identifier' | 'string' | 'number' | 'temporal' | 'constant' | 'variable' | 'symbol' | 'end';
  readonly text: string;
  readonly at: number;
  /** A `backtick`-delimited name: never a keyword. */
  readonly delimited?: boolean;
}

/** Thrown by the lexer and parser; the caller turns it into a SofError naming the element. */
export class PathSyntaxError {
  constructor(
    readonly at: number,
    readonly expected: string,
  ) {}
}

const symbols = [
  '<=',
  '{',
  '}',
  '>=',
  '!=',
  '!~',
  '.',
  ',',
  '(',
  ')',
  '[',
  ']',
  '+',
  '-',
  '*',
  '/',
  '&',
  '|',
  '=',
  '~',
  '<',
  '>',
];

const escapes: Record<string, string> = {
  "'": "'",
  '"': '"',
  '`': '`',
  '\\': '\\',
  '/': '/',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** Reads a quoted string or delimited identifier starting at `start` (the opening quote). */
function readQuoted(source: string, start: number): { text: string; end: number } {
  const quote = source[start]!;
  let text = '';
  let i = start + 1;
  while (i < source.length && source[i] !== quote) {
    if (source[i] === '\\') {
      const next = source[i + 1] ?? '';
      if (next === 'u') {
        text += String.fromCharCode(Number.parseInt(source.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      if (!(next in escapes)) throw new PathSyntaxError(i, 'a valid escape sequence');
      text += escapes[next];
      i += 2;
      continue;
    }
    text += source[i];
    i++;
  }
  if (i >= source.length) throw new PathSyntaxError(start, `a closing ${quote}`);
  return { text, end: i + 1 };
}

export function lex(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (source.startsWith('//', i)) {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (word) {
      tokens.push({ type: 'identifier', text: word[0], at: i });
      i += word[0].length;
      continue;
    }
    if (c === '`' || c === "'") {
      const { text, end } = readQuoted(source, i);
      tokens.push(
        c === '`' ? { type: 'identifier', text, at: i, delimited: true } : { type: 'string', text, at: i },
      );
      i = end;
      continue;
    }
    const number = /^[0-9]+(\.[0-9]+)?/.exec(source.slice(i));
    if (number) {
      tokens.push({ type: 'number', text: number[0], at: i });
      i += number[0].length;
      continue;
    }
    if (c === '@') {
      const temporal = /^@[0-9T][0-9T:.+\-Z]*/.exec(source.slice(i));
      if (!temporal || temporal[0].length === 1) throw new PathSyntaxError(i, 'a date or time after @');
      tokens.push({ type: 'temporal', text: temporal[0].slice(1), at: i });
      i += temporal[0].length;
      continue;
    }
    if (c === '%') {
      const next = source[i + 1];
      if (next === '`' || next === "'") {
        const { text, end } = readQuoted(source, i + 1);
        tokens.push({ type: 'constant', text, at: i });
        i = end;
        continue;
      }
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i + 1));
      if (!name) throw new PathSyntaxError(i, 'a constant name after %');
      tokens.push({ type: 'constant', text: name[0], at: i });
      i += 1 + name[0].length;
      continue;
    }
    if (c === '$') {
      const name = /^\$(this|index|total)\b/.exec(source.slice(i));
      if (!name) throw new PathSyntaxError(i, '$this, $index or $total');
      tokens.push({ type: 'variable', text: name[1]!, at: i });
      i += name[0].length;
      continue;
    }
    const symbol = symbols.find((s) => source.startsWith(s, i));
    if (!symbol) throw new PathSyntaxError(i, 'an expression');
    tokens.push({ type: 'symbol', text: symbol, at: i });
    i += symbol.length;
  }
  tokens.push({ type: 'end', text: '', at: source.length });
  return tokens;
}
