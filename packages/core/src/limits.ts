import type { Span } from './ast';
import { textTooLong, tooDeeplyNested, tooManyItems, tooManyOperators } from './diagnostics/catalog';
import type { Diagnostic } from './diagnostics/diagnostic';
import { KEYWORDS } from './grammar/keywords';

/**
 * How large a text Eligo compiles. The grammar engine recurses once or more per level of nesting
 * and the phases after it once per operator of a chain, so without bounds the outcome of a
 * pathological text depended on the caller's stack (the CLI refused what the API compiled), and
 * a megabyte of criteria held a server's thread for half a minute. These bounds are checked on
 * the text before the grammar sees it, by the same code wherever Eligo runs, so the answer is the
 * same everywhere; each is far above the largest real protocol (docs/security.md lists both).
 */
export const LIMITS = {
  /** Characters (UTF-16 code units) in one text, comments and sources included. */
  textLength: 128 * 1024,
  /** Criteria in one protocol, headings and every cohort's included. */
  criteria: 1_000,
  /** Declarations (patient, lab, test, record kinds, question, define) in one protocol. */
  declarations: 1_000,
  /** Levels of `(`, `not` and `if` one inside another. */
  nesting: 24,
  /** `and`, `or`, `unless`, `given`, `+`, `-`, `*` and `/` in one criterion's rule or one define. */
  operators: 128,
} as const;

export type Limits = { readonly [K in keyof typeof LIMITS]: number };

/** What a text comes to, measured the way the limits count: the largest of each. */
export interface Measure {
  readonly textLength: number;
  readonly criteria: number;
  readonly declarations: number;
  readonly nesting: number;
  readonly operators: number;
}

/**
 * The first limit the text goes over, as a diagnostic at the construct that goes over it, or
 * undefined. `expression` reads the whole text as one rule (`parseExpression`).
 */
export function exceededLimit(
  text: string,
  options: { expression?: boolean; limits?: Limits } = {},
): Diagnostic | undefined {
  const limits = options.limits ?? LIMITS;
  if (text.length > limits.textLength) {
    return textTooLong(
      { start: limits.textLength, end: limits.textLength + 1 },
      text.length,
      limits.textLength,
    );
  }
  return scan(text, options.expression ?? false, limits).over;
}

/** The text's counts, for reports and tests; nothing stops at a limit. */
export function measure(text: string, options: { expression?: boolean } = {}): Measure {
  const unbounded: Limits = {
    textLength: Number.POSITIVE_INFINITY,
    criteria: Number.POSITIVE_INFINITY,
    declarations: Number.POSITIVE_INFINITY,
    nesting: Number.POSITIVE_INFINITY,
    operators: Number.POSITIVE_INFINITY,
  };
  return { ...scan(text, options.expression ?? false, unbounded).measure, textLength: text.length };
}

/** Words that start a declaration; a record kind also follows `records complete for` and commas. */
const DECLARATION_WORDS = new Set([
  'patient',
  'lab',
  'test',
  'question',
  'define',
  'condition',
  'medication',
  'procedure',
  'allergy',
  'encounter',
]);
/** Keywords after which no rule goes on (a rule never contains a keyword that starts an item). */
const ITEM_WORDS = new Set([...DECLARATION_WORDS, 'inclusion', 'exclusion', 'cohort', 'decided', 'trial']);
const BOOLEAN_OPERATORS = new Set(['and', 'or', 'unless', 'given']);
/** Where a new operand of `and`, `or` or `unless` (or a branch) begins, and `not`s stop nesting. */
const OPERAND_BREAKS = new Set(['and', 'or', 'unless', 'given', 'then', 'else']);

interface Level {
  /** The `(` that opened it; undefined for the rule itself. */
  readonly open: number | undefined;
  nots: number;
  ifs: number;
  /** A `between` whose `and` is still to come. */
  between: boolean;
}

/** A criterion's rule or a define's body, with the words in it that may name a define. */
interface Rule {
  readonly define: string | undefined;
  operators: number;
  nesting: number;
  readonly refs: { readonly name: string; readonly span: Span; readonly depth: number }[];
}

interface Token {
  readonly kind: 'word' | 'string' | 'punct';
  readonly start: number;
  readonly end: number;
}

/**
 * One pass over the text with a rough tokenizer (comments, quoted strings and unit annotations
 * skipped), keeping what the limits count. It never decides whether the text is valid: that is
 * the grammar's work, which comes after.
 */
function scan(text: string, expression: boolean, limits: Limits): { over?: Diagnostic; measure: Measure } {
  let criteria = 0;
  let declarations = 0;
  let maxNesting = 0;
  let maxOperators = 0;

  let inRule = expression;
  let operators = 0;
  const rules: Rule[] = [];
  let rule: Rule | undefined = expression
    ? { define: undefined, operators: 0, nesting: 0, refs: [] }
    : undefined;
  if (rule) rules.push(rule);
  let defineName = false;
  let levels: Level[] = [{ open: undefined, nots: 0, ifs: 0, between: false }];
  let depth = 0;
  // The last few tokens, to find a criterion's id before `met if` and a number before its unit.
  const recent: Token[] = [];
  let lastLine = 0;
  let line = 0;

  const word = (t: Token) => text.slice(t.start, t.end);
  const startRule = (define: boolean) => {
    inRule = true;
    operators = 0;
    defineName = define;
    rule = { define: undefined, operators: 0, nesting: 0, refs: [] };
    rules.push(rule);
    levels = [{ open: undefined, nots: 0, ifs: 0, between: false }];
    depth = 0;
  };
  const nest = (at: Span, what: string): Diagnostic | undefined => {
    depth++;
    if (depth > maxNesting) maxNesting = depth;
    if (rule && depth > rule.nesting) rule.nesting = depth;
    return depth > limits.nesting ? tooDeeplyNested(at, what, depth, limits.nesting) : undefined;
  };
  const operator = (at: Span, what: string): Diagnostic | undefined => {
    operators++;
    if (operators > maxOperators) maxOperators = operators;
    if (rule) rule.operators = operators;
    return operators > limits.operators ? tooManyOperators(at, what, operators, limits.operators) : undefined;
  };
  const done = (over?: Diagnostic) => ({
    over,
    measure: {
      textLength: text.length,
      criteria,
      declarations,
      nesting: maxNesting,
      operators: maxOperators,
    },
  });

  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === LF) {
      line++;
      i++;
      continue;
    }
    if (c <= SPACE || c === NBSP || c === BOM) {
      i++;
      continue;
    }
    if (c === HASH) {
      while (i < n && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i++;
      continue;
    }
    let token: Token;
    if (c === QUOTE) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === QUOTE || d === LF || d === CR) break;
        j += d === BACKSLASH ? 2 : 1;
      }
      // An unclosed string ends at its line's end, leaving the line break to count as one.
      token = { kind: 'string', start: i, end: j < n && text.charCodeAt(j) === QUOTE ? j + 1 : j };
    } else if (PUNCT.has(c)) {
      let j = i + 1;
      if (COMPARISON.has(c)) while (j < n && COMPARISON.has(text.charCodeAt(j))) j++;
      token = { kind: 'punct', start: i, end: j };
    } else {
      let j = i;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === OPEN_BRACE) {
          // A unit annotation (`{1.73_m2}`) belongs to its unit, whatever it contains.
          while (j < n && text.charCodeAt(j) !== CLOSE_BRACE && text.charCodeAt(j) !== LF) j++;
          if (j < n && text.charCodeAt(j) === CLOSE_BRACE) j++;
          continue;
        }
        if (d <= SPACE || d === NBSP || d === BOM || d === HASH || d === QUOTE || PUNCT.has(d)) break;
        j++;
      }
      token = { kind: 'word', start: i, end: j };
    }
    i = token.end;
    const sameLine = line === lastLine;
    lastLine = line;
    const previous = recent.at(-1);
    recent.push(token);
    if (recent.length > 5) recent.shift();

    if (token.kind === 'string') continue;
    const level = levels.at(-1)!;
    const at = { start: token.start, end: token.end };

    if (token.kind === 'punct') {
      const p = text.charCodeAt(token.start);
      if (p === OPEN_PAREN) {
        levels.push({ open: token.start, nots: 0, ifs: 0, between: false });
        const over = nest(at, "'('");
        if (over) return done(over);
      } else if (p === CLOSE_PAREN) {
        if (levels.length > 1) {
          const closed = levels.pop()!;
          depth -= 1 + closed.nots + closed.ifs;
        }
      } else if (p === COMMA) {
        // Operands of `any of (…)`, arguments of a call: siblings, none inside another.
        depth -= level.nots + level.ifs;
        level.nots = 0;
        level.ifs = 0;
        level.between = false;
      } else if (p === PLUS && inRule) {
        const over = operator(at, "'+'");
        if (over) return done(over);
      }
      continue;
    }

    const w = word(token);
    if (w === 'met' || w === 'decided') {
      criteria++;
      if (criteria > limits.criteria) {
        return done(
          tooManyItems(criterionIdBefore(text, recent) ?? at, 'criteria', criteria, limits.criteria),
        );
      }
      if (w === 'met') startRule(false);
      else inRule = false;
      continue;
    }
    if (DECLARATION_WORDS.has(w)) {
      const before =
        previous && previous.kind === 'punct' ? text[previous.start] : previous && word(previous);
      // `records complete for condition, medication` names record kinds without declaring any.
      if (before !== 'for' && before !== ',') {
        declarations++;
        if (declarations > limits.declarations) {
          return done(tooManyItems(at, 'declarations', declarations, limits.declarations));
        }
      }
    }
    if (w === 'define') {
      startRule(true);
      continue;
    }
    if (ITEM_WORDS.has(w)) {
      inRule = false;
      levels = [{ open: undefined, nots: 0, ifs: 0, between: false }];
      depth = 0;
      continue;
    }
    if (!inRule) continue;
    if (defineName && rule) {
      defineName = false;
      (rule as { define: string | undefined }).define = w;
      continue;
    }

    if (w === 'if' && !(previous && word(previous) === 'met')) {
      level.ifs++;
      depth -= level.nots;
      level.nots = 0;
      const over = nest(at, "'if'");
      if (over) return done(over);
    } else if (w === 'not') {
      level.nots++;
      const over = nest(at, "'not'");
      if (over) return done(over);
    } else if (w === 'between') {
      level.between = true;
    } else if (OPERAND_BREAKS.has(w)) {
      depth -= level.nots;
      level.nots = 0;
      if (w === 'and' && level.between) {
        level.between = false;
      } else if (BOOLEAN_OPERATORS.has(w)) {
        const over = operator(at, `'${w}'`);
        if (over) return done(over);
      }
    } else {
      const over = arithmetic(text, token, previous, sameLine, operator);
      if (over) return done(over);
      if (rule && NAME.test(w)) rule.refs.push({ name: w, span: at, depth });
    }
  }
  return done(
    throughDefines(rules, limits, (expanded) => {
      if (expanded.nesting > maxNesting) maxNesting = expanded.nesting;
      if (expanded.operators > maxOperators) maxOperators = expanded.operators;
    }),
  );
}

/**
 * The limits again, with the defines each rule uses written out: a use of a define costs the
 * stack what its body does, so `define d2 = d1 and …` over a thousand defines is as deep as one
 * rule of a thousand operators. A define's operators add to the rule's where it is used, and its
 * nesting adds to the level it is used at. The first rule in the text that goes over, at the use
 * that takes it over.
 */
function throughDefines(
  rules: readonly Rule[],
  limits: Limits,
  seen: (expanded: { nesting: number; operators: number }) => void,
): Diagnostic | undefined {
  const defines = new Map<string, Rule>();
  for (const r of rules) if (r.define !== undefined && !defines.has(r.define)) defines.set(r.define, r);
  const memo = new Map<Rule, { nesting: number; operators: number }>();
  const expand = (r: Rule): { nesting: number; operators: number } => {
    const known = memo.get(r);
    if (known) return known;
    // A cycle is the checker's to report (E0302); here it adds nothing.
    memo.set(r, { nesting: 0, operators: 0 });
    let { nesting, operators } = r;
    for (const ref of r.refs) {
      const used = defines.get(ref.name);
      if (used === undefined || used === r) continue;
      const inner = expand(used);
      operators += inner.operators;
      nesting = Math.max(nesting, ref.depth + inner.nesting);
    }
    const result = { nesting, operators };
    memo.set(r, result);
    return result;
  };
  for (const r of rules) {
    let operators = r.operators;
    for (const ref of r.refs) {
      const used = defines.get(ref.name);
      if (used === undefined || used === r) continue;
      const inner = expand(used);
      operators += inner.operators;
      const depth = ref.depth + inner.nesting;
      seen({ nesting: depth, operators });
      if (depth > limits.nesting)
        return tooDeeplyNested(ref.span, `'${ref.name}'`, depth, limits.nesting, true);
      if (operators > limits.operators) {
        return tooManyOperators(ref.span, `'${ref.name}'`, operators, limits.operators, true);
      }
    }
  }
  return undefined;
}

/**
 * Counts the arithmetic operators in a word of a rule. A word right after a number on its line is
 * that number's unit (`3 10*9/L`) unless it starts with `*` or is a `/` on its own, as no unit does. `-` counts where
 * it follows a value (`a - b`, `(a) -b`), not where it signs a number (`>= -2`).
 */
function arithmetic(
  text: string,
  token: Token,
  previous: Token | undefined,
  sameLine: boolean,
  count: (at: Span, what: string) => Diagnostic | undefined,
): Diagnostic | undefined {
  const afterNumber =
    previous?.kind === 'word' &&
    sameLine &&
    /^-?[0-9][0-9.]*$/.test(text.slice(previous.start, previous.end));
  const first = text.charCodeAt(token.start);
  const spacedSlash = first === SLASH && (text[token.start + 1] === ' ' || text[token.start + 1] === '\t');
  if (afterNumber && first !== STAR && !spacedSlash) return undefined;
  const followsValue =
    previous !== undefined &&
    (previous.kind === 'word'
      ? !KEYWORD_SET.has(text.slice(previous.start, previous.end))
      : previous.kind === 'punct' && text.charCodeAt(previous.start) === CLOSE_PAREN);
  for (let k = token.start; k < token.end; k++) {
    const d = text.charCodeAt(k);
    const isOperator = d === STAR || d === SLASH || (d === MINUS && k === token.start && followsValue);
    if (!isOperator) continue;
    const over = count({ start: k, end: k + 1 }, `'${text[k]}'`);
    if (over) return over;
  }
  return undefined;
}

/** The id of the criterion whose `met if` or `decided by` was just read: before its title and source. */
function criterionIdBefore(text: string, recent: readonly Token[]): Span | undefined {
  let k = recent.length - 2;
  const before = recent[k - 1];
  if (recent[k]?.kind === 'string' && before && text.slice(before.start, before.end) === 'source') k -= 2;
  if (recent[k]?.kind === 'string') k--;
  const id = recent[k];
  return id?.kind === 'word' ? { start: id.start, end: id.end } : undefined;
}

/** A word that may name a define (keywords included; they never match one). */
const NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/** After one of these a `-` signs a number (`between -1 and 3`) rather than subtracting. */
const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);

const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const HASH = 35;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const STAR = 42;
const PLUS = 43;
const COMMA = 44;
const MINUS = 45;
const SLASH = 47;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const NBSP = 0xa0;
const BOM = 0xfeff;
const COMPARISON = new Set([33, 60, 61, 62]);
const PUNCT = new Set([OPEN_PAREN, CLOSE_PAREN, COMMA, PLUS, ...COMPARISON]);
