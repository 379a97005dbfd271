import { ELEMENT_KINDS } from '../protocol';
/**
 * A rough reading of criteria text for syntax errors, where the grammar has already failed and
 * only says where it stopped: words, quoted strings and brackets, with comments skipped and unit
 * annotations (`{1.73_m2}`) kept inside their word. Nothing here decides whether a text is valid.
 */

export interface RoughToken {
  readonly kind: 'word' | 'string' | 'punct';
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Nothing but blanks before it on its line. */
  readonly lineFirst: boolean;
}

const BLANK = /[ \t\f\v\u00a0\ufeff]/;
/** Characters that end a word: blanks, brackets, quotes, comments, commas and comparison signs. */
const WORD_END = /[\s()",#<>=!]/;
const COMPARISON = /[<>=!]/;

/** The tokens that start before `end` (all of them by default). */
export function roughTokens(text: string, end = text.length): RoughToken[] {
  const tokens: RoughToken[] = [];
  let lineFirst = true;
  let i = 0;
  const push = (kind: RoughToken['kind'], start: number, stop: number) => {
    tokens.push({ kind, start, end: stop, text: text.slice(start, stop), lineFirst });
    lineFirst = false;
  };
  while (i < end) {
    const c = text[i]!;
    if (c === '\n' || c === '\r') {
      lineFirst = true;
      i++;
    } else if (BLANK.test(c)) {
      i++;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== '\n' && text[j] !== '\r') {
        j += text[j] === '\\' ? 2 : 1;
      }
      push('string', i, Math.min(text[j] === '"' ? j + 1 : j, text.length));
      i = j + 1;
    } else if (COMPARISON.test(c)) {
      let j = i + 1;
      while (j < text.length && COMPARISON.test(text[j]!)) j++;
      push('punct', i, j);
      i = j;
    } else if (WORD_END.test(c)) {
      push('punct', i, i + 1);
      i++;
    } else {
      let j = i;
      while (j < text.length && !WORD_END.test(text[j]!)) {
        if (text[j] === '{') {
          const close = text.slice(j).search(/[}\n\r]/);
          j = close < 0 ? text.length : j + close + (text[j + close] === '}' ? 1 : 0);
        } else j++;
      }
      push('word', i, j);
      i = j;
    }
  }
  return tokens;
}

/** True when no line break lies between `from` and `to`. */
export function onOneLine(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text[i] === '\n' || text[i] === '\r') return false;
  return true;
}

/** Words that start a declaration, a list of criteria or a cohort: never inside an expression. */
const ITEM_KEYWORDS: ReadonlySet<string> = new Set([
  'trial',
  'inclusion',
  'exclusion',
  'cohort',
  ...ELEMENT_KINDS,
]);
/** What may follow a criterion id, and nothing in an expression can. */
const CRITERION_HEAD = new Set(['met', 'decided', 'source']);

/**
 * Whether the token at `i` starts a new item at the start of its line: a declaration, section or
 * cohort keyword, or a criterion id followed by its title, `source`, `met if` or `decided by`.
 */
function startsItem(tokens: readonly RoughToken[], i: number): boolean {
  const t = tokens[i]!;
  if (!t.lineFirst || t.kind !== 'word') return false;
  if (ITEM_KEYWORDS.has(t.text)) return true;
  const next = tokens[i + 1];
  return next !== undefined && (next.kind === 'string' || CRITERION_HEAD.has(next.text));
}

/**
 * The innermost `(` still open at `pos`, and whether it is ever closed. Parentheses never span two
 * criteria or declarations, so those still open where a new item starts count as never closed: in
 * `met if (a and b` followed by `C-2 met if c or d)`, the `)` of C-2 does not close C-1's `(`.
 */
export function openParenthesisAt(text: string, pos: number): { at: number; closed: boolean } | undefined {
  const tokens = roughTokens(text);
  let stack: number[] = [];
  let innermost: number | undefined;
  let depthAtPos = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (depthAtPos < 0 && t.start >= pos) {
      innermost = stack.at(-1);
      depthAtPos = stack.length;
      if (innermost === undefined) return undefined;
    }
    if (startsItem(tokens, i)) {
      if (depthAtPos >= 0) return { at: innermost!, closed: false };
      stack = [];
    } else if (t.text === '(') stack.push(t.start);
    else if (t.text === ')') {
      stack.pop();
      if (depthAtPos >= 0 && stack.length < depthAtPos) return { at: innermost!, closed: true };
    }
  }
  if (depthAtPos < 0) innermost = stack.at(-1);
  return innermost === undefined ? undefined : { at: innermost, closed: false };
}
