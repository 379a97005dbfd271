import type { MatchResult, Node as OhmNode } from 'ohm-js';
import type {
  AnswerType,
  Arith,
  Binding,
  CodeFilter,
  CodePattern,
  CodeSystemName,
  Cohort,
  CompareOp,
  Criterion,
  DailyDose,
  Declaration,
  Duration,
  Expr,
  Identifier,
  LayWording,
  LimitRef,
  Protocol,
  QuantityLit,
  RecordKind,
  Ref,
  Section,
  Span,
  UnitRef,
  Value,
  ValueCode,
} from './ast';
import {
  duplicateClause,
  numberRounded,
  numberTooLarge,
  syntaxError,
  unclosedParenthesis,
  unexpectedWordAfterExpression,
  unitOnNextLine,
} from './diagnostics/catalog';
import type { Diagnostic } from './diagnostics/diagnostic';
import { onOneLine, openParenthesisAt, roughTokens } from './diagnostics/textScan';
import grammar from './grammar/eligo.ohm-bundle.js';
import { bidiDiagnostics } from './lexical/bidi';
import { numberProblem } from './lexical/numbers';
import { exceededLimit } from './limits';
import { type Source, toSource } from './source';

export interface ParseResult<T> {
  readonly ast: T | undefined;
  readonly diagnostics: Diagnostic[];
}

/** Parses a protocol. Never throws: a text that does not match yields one syntax error. */
export function parse(source: string | Source): ParseResult<Protocol> {
  return checkedText(toSource(source).body, 'Protocol');
}

/** Parses a single expression (`age_years between 18 and 70`), for tests and editors. */
export function parseExpression(text: string): ParseResult<Expr> {
  return checkedText(text, 'Expr');
}

/**
 * The parse, with what the grammar cannot see: a leading byte order mark is read as a blank (it
 * keeps its offset, so every span still points into the caller's text, and `Source` leaves it out
 * of columns), and hidden characters that reorder the text are errors wherever they stand.
 */
function checkedText<T>(text: string, startRule: 'Protocol' | 'Expr'): ParseResult<T> {
  const result = run<T>(text.charCodeAt(0) === BYTE_ORDER_MARK ? ` ${text.slice(1)}` : text, startRule);
  const hidden = bidiDiagnostics(text);
  if (hidden.length === 0) return result;
  // The grammar stops at such a character too; its syntax error there says less than ours.
  const at = new Set(hidden.map((d) => d.span!.start));
  const rest = result.diagnostics.filter((d) => !(d.code === 'E0001' && d.span && at.has(d.span.start)));
  return { ast: result.ast, diagnostics: [...hidden, ...rest].sort((a, b) => a.span!.start - b.span!.start) };
}

const BYTE_ORDER_MARK = 0xfeff;

function run<T>(text: string, startRule: 'Protocol' | 'Expr'): ParseResult<T> {
  // Within the limits the grammar engine and every phase after it stay well inside any stack.
  const over = exceededLimit(text, { expression: startRule === 'Expr' });
  if (over) return { ast: undefined, diagnostics: [over] };
  const short = shorten(text);
  if (short !== undefined) {
    const parsed = convertShort<T>(short, startRule);
    if (parsed !== undefined) return parsed;
  }
  return convert(text, startRule);
}

/**
 * The parse of the shortened text, or undefined when it fails in any way: errors are always
 * reported from the full text, so that their positions and wording are the grammar's own.
 */
function convertShort<T>(short: Shortened, startRule: 'Protocol' | 'Expr'): ParseResult<T> | undefined {
  let match: MatchResult;
  try {
    match = grammar.match(short.text, startRule);
  } catch {
    return undefined;
  }
  if (match.failed()) return undefined;
  try {
    return toAst<T>(match, short);
  } catch {
    return undefined;
  }
}

function convert<T>(text: string, startRule: 'Protocol' | 'Expr'): ParseResult<T> {
  let match: MatchResult;
  try {
    match = grammar.match(text, startRule);
  } catch {
    // A grammar engine failure is still a syntax error at the start, never an exception for the
    // caller. Stack exhaustion cannot reach here for a text within the limits (src/limits.ts).
    return {
      ast: undefined,
      diagnostics: [syntaxError({ start: 0, end: 0 }, 'a shorter text', describeFound(text, 0))],
    };
  }
  if (match.failed()) return { ast: undefined, diagnostics: [failureDiagnostic(text, match)] };
  try {
    return toAst<T>(match, { original: text, toOriginal: (offset) => offset });
  } catch {
    return {
      ast: undefined,
      diagnostics: [syntaxError({ start: 0, end: 0 }, 'a shorter text', describeFound(text, 0))],
    };
  }
}

function toAst<T>(match: MatchResult, layout: Layout): ParseResult<T> {
  const diagnostics: Diagnostic[] = [];
  conversion = { original: layout.original, toOriginal: layout.toOriginal, diagnostics };
  try {
    const ast = semantics(match).ast() as T;
    // A criterion read from a stray word is invented: no tree, only the error.
    if (diagnostics.some((d) => d.code === 'E0005')) return { ast: undefined, diagnostics };
    return { ast, diagnostics };
  } finally {
    conversion = IDLE;
  }
}

// ---------------------------------------------------------------- shortened text

/** How offsets in the text ohm matched map to the text the author wrote. */
interface Layout {
  readonly original: string;
  toOriginal(offset: number): number;
}

/**
 * The conversion in progress: its layout and where its diagnostics go. Semantic actions get no
 * context of their own (and an operation with arguments costs ohm an arguments object per node),
 * so toAst() sets this and resets it after.
 */
interface Conversion extends Layout {
  readonly diagnostics: Diagnostic[];
}

const IDLE: Conversion = { original: '', toOriginal: (offset) => offset, diagnostics: [] };

let conversion: Conversion = IDLE;

interface Shortened extends Layout {
  readonly text: string;
}

/**
 * The text with what the grammar never looks inside cut short: the characters of each quoted
 * string and comment dropped (`""`, `#`), and each run of blanks cut to its first character and
 * its first line break. Ohm spends a few rule steps on every character, and quoted sources and
 * comments are most of a protocol's characters. The grammar gives `"`, `#` and blanks no other
 * meaning outside strings, comments and unit annotations (`{…}`, kept whole), so the short text
 * matches exactly when the full one does, with the same tree. Undefined when a string or an
 * annotation is not closed on its line: the full text then reports the error.
 */
function shorten(text: string): Shortened | undefined {
  const kept: string[] = [];
  // cutAt[i] is an offset in the short text, and removedBefore[i] all that was dropped before it.
  const cutAt: number[] = [];
  const removedBefore: number[] = [];
  let removed = 0;
  let copiedTo = 0;
  const drop = (from: number, to: number) => {
    if (to <= from) return;
    kept.push(text.slice(copiedTo, from));
    removed += to - from;
    cutAt.push(to - removed);
    removedBefore.push(removed);
    copiedTo = to;
  };
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      let j = i + 1;
      for (;;) {
        if (j >= n) return undefined;
        const d = text.charCodeAt(j);
        if (d === QUOTE) break;
        if (d === LF || d === CR) return undefined;
        if (d === BACKSLASH) {
          const e = text.charCodeAt(j + 1);
          if (e !== QUOTE && e !== BACKSLASH) return undefined;
          j++;
        }
        j++;
      }
      drop(i + 1, j);
      i = j + 1;
    } else if (c === HASH) {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== LF && text.charCodeAt(j) !== CR) j++;
      drop(i + 1, j);
      i = j;
    } else if (c === OPEN_BRACE) {
      let j = i + 1;
      for (;;) {
        if (j >= n) return undefined;
        const d = text.charCodeAt(j);
        if (d === CLOSE_BRACE) break;
        if (d === LF || d === CR) return undefined;
        j++;
      }
      i = j + 1;
    } else if (c <= SPACE) {
      // `hspace` (space and tab) is the only place blanks differ: `3 mg` is a quantity, and
      // `3` with `mg` on the next line is not. So a run keeps its first character and, when that
      // is a space or tab, its first other blank.
      let j = i + 1;
      while (j < n && text.charCodeAt(j) <= SPACE) j++;
      if (c === SPACE || c === TAB) {
        let k = i + 1;
        while (k < j && (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === TAB)) k++;
        if (k < j) {
          drop(i + 1, k);
          drop(k + 1, j);
        } else drop(i + 1, j);
      } else drop(i + 1, j);
      i = j;
    } else i++;
  }
  if (removed === 0) return { text, original: text, toOriginal: (offset) => offset };
  kept.push(text.slice(copiedTo));
  return {
    text: kept.join(''),
    original: text,
    toOriginal(offset) {
      // The last cut at or before `offset`: everything dropped there lies before it.
      let lo = 0;
      let hi = cutAt.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cutAt[mid]! <= offset) lo = mid + 1;
        else hi = mid;
      }
      return lo === 0 ? offset : offset + removedBefore[lo - 1]!;
    },
  };
}

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const HASH = 35;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

// ---------------------------------------------------------------- syntax errors

/** The part of ohm's failure record that its type declarations leave out. */
interface OhmFailures {
  getRightmostFailurePosition(): number;
  getRightmostFailures(): {
    getText(): string;
    isFluffy(): boolean;
    isDescription(): boolean;
    isStringTerminal(): boolean;
  }[];
}

/** Where a match failed, and what the grammar expected there, in words. */
function failureOf(result: MatchResult): { pos: number; expected: string[] } {
  const match = result as unknown as OhmFailures;
  const failures = match.getRightmostFailures().filter((f) => !f.isFluffy());
  const expected: string[] = [];
  for (const f of failures) {
    const t = f.getText();
    // Failures of negative lookaheads (`not an idChar`) say nothing useful to an author.
    if (f.isDescription() && t.startsWith('not ')) continue;
    const words = f.isStringTerminal() ? `'${t}'` : t;
    if (!expected.includes(words)) expected.push(words);
  }
  return { pos: match.getRightmostFailurePosition(), expected };
}

function failureDiagnostic(text: string, result: MatchResult): Diagnostic {
  const failure = failureOf(result);
  const expected = failure.expected;
  let pos = failure.pos;
  if (expected.length === 0) {
    // Only a keyword running into more letters (`andx`) fails this way: point at the whole word.
    const wordStart = startOfWord(text, pos);
    const keyword = text.slice(wordStart, pos);
    pos = wordStart;
    return syntaxError(spanAt(text, pos), `a space after '${keyword}'`, describeFound(text, pos));
  }
  if (looksLikeUnitOnNextLine(text, pos)) return unitOnNextLine(spanAt(text, pos));
  if (expected.includes("')'")) {
    const open = openParenthesisAt(text, pos);
    if (open && !open.closed) {
      return unclosedParenthesis(
        { start: open.at, end: open.at + 1 },
        spanAt(text, pos),
        describeFound(text, pos),
      );
    }
  }
  const stray = expected.includes(EXPRESSION_ENDED)
    ? wordAfterExpression(text, pos, expected)
    : expected.includes("'met if'")
      ? criterionAfterExpression(text, pos)
      : undefined;
  if (stray) return stray;
  return syntaxError(spanAt(text, pos), joinOr(collapseOperators(expected)), describeFound(text, pos));
}

/** `and` can follow only an expression that is complete. */
const EXPRESSION_ENDED = "'and'";

/** Expected where a new criterion could start. */
const CRITERION_ID = 'a criterion id';

/**
 * A word the grammar cannot take right after a complete expression on the same line
 * (`chemo_end more than 28 days ago`): E0005 at the word, with what could have followed.
 */
function wordAfterExpression(text: string, pos: number, expected: readonly string[]): Diagnostic | undefined {
  if (!/^[\p{L}_]/u.test(text.slice(pos, pos + 2))) return undefined;
  let before = pos;
  while (before > 0 && (text[before - 1] === ' ' || text[before - 1] === '\t')) before--;
  if (before === 0 || !onOneLine(text, before - 1, pos)) return undefined;
  const word = tokenAt(text, pos);
  return unexpectedWordAfterExpression(
    { start: pos, end: pos + word.length },
    word,
    followers(expected),
    expected.includes(CRITERION_ID),
  );
}

/**
 * The parser took a word after a complete expression for the id of a new criterion, then failed
 * for want of its `met if` (`met if a and b foo`, then the next criterion): the fault is the word,
 * on the line of the expression. Undefined when the criterion id stands where a criterion may.
 */
function criterionAfterExpression(text: string, pos: number): Diagnostic | undefined {
  const tokens = roughTokens(text, pos);
  let i = tokens.length - 1;
  // The failing criterion so far: its id, then perhaps a title and `source "…"`.
  if (tokens[i]?.kind === 'string') i--;
  if (tokens[i]?.text === 'source') i--;
  if (tokens[i]?.kind === 'string') i--;
  const id = tokens[i];
  const previous = tokens[i - 1];
  if (id?.kind !== 'word' || previous === undefined) return undefined;
  if (!onOneLine(text, previous.end, id.start) || STARTS_CRITERIA.has(previous.text)) return undefined;
  return strayWord(text, id.start);
}

/** Words after which a criterion may start on the same line. */
const STARTS_CRITERIA = new Set(['inclusion', 'exclusion', 'sub-criteria']);

/**
 * E0005 for the word at `start`, when the text before it ends in a complete expression: the text
 * is matched again with the word's first character replaced by one no rule accepts, so the failure
 * there lists what could follow the expression.
 */
function strayWord(text: string, start: number): Diagnostic | undefined {
  let result: MatchResult;
  try {
    result = grammar.match(`${text.slice(0, start)}\u00a7${text.slice(start + 1)}`, 'Protocol');
  } catch {
    return undefined;
  }
  if (result.succeeded()) return undefined;
  const { pos, expected } = failureOf(result);
  if (pos !== start || !expected.includes(EXPRESSION_ENDED)) return undefined;
  const word = tokenAt(text, start);
  return unexpectedWordAfterExpression(
    { start, end: start + word.length },
    word,
    followers(expected),
    expected.includes(CRITERION_ID),
  );
}

/** What may follow an expression, in the order an author thinks of them, each once. */
const FOLLOWERS: readonly (readonly [string, string])[] = [
  ["'and'", "'and'"],
  ["'or'", "'or'"],
  ["'unless'", "'unless'"],
  ["'given'", "'given'"],
  ['a comparison operator: >=, >, <=, <, = or !=', 'a comparison (>=, >, <=, <, =, !=)'],
  ["'is'", "'is'"],
  ["'between'", "'between'"],
  ["'x'", "'x ULN'"],
  ["'within'", "'within'"],
  ["'for'", "'for at least …'"],
  ["'stable'", "'stable for at least …'"],
  ["'increased'", "'increased within …'"],
  ["'ever'", "'ever'"],
  ["'suspected'", "'suspected'"],
  ["'resolved'", "'resolved more than … ago'"],
  ["'severe'", "'severe'"],
  ["'fell'", "'fell by at least …'"],
];

/** Arithmetic on a value, listed as one item. */
const ARITHMETIC = ['+', '-', '*', '/'];

function followers(expected: readonly string[]): string {
  const words = FOLLOWERS.filter(([failure]) => expected.includes(failure)).map(([, text]) => text);
  const arithmetic = ARITHMETIC.filter((op) => expected.includes(`'${op}'`));
  // After the comparison, where an author who wrote a value thinks of it.
  const at = words.findIndex((w) => w.startsWith('a comparison')) + 1 || words.length;
  if (arithmetic.length > 0) words.splice(at, 0, `arithmetic (${arithmetic.join(', ')})`);
  return joinOr(words);
}

/** Words that could continue an expression that is already complete. */
const OPERATORS = new Set([
  "'and'",
  "'or'",
  "'unless'",
  "'given'",
  "'is'",
  "'between'",
  "'within'",
  "'fell'",
  "'for'",
  "'stable'",
  "'daily'",
  "'highest'",
  "'as'",
  "'increased'",
  "'severe'",
  "'ever'",
  "'suspected'",
  "'resolved'",
  "'x'",
  "'('",
  "'+'",
  "'-'",
  "'*'",
  "'/'",
  'a comparison operator: >=, >, <=, <, = or !=',
]);

/**
 * After a complete expression every operator could follow; listing a dozen of them buries what
 * was actually missing (`')'`), so they read as one item.
 */
function collapseOperators(expected: string[]): string[] {
  const operators = expected.filter((e) => OPERATORS.has(e));
  if (operators.length < 3) return expected;
  return [...expected.filter((e) => !OPERATORS.has(e)), 'an operator'];
}

function joinOr(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

const WORD = /[\p{L}\p{N}_.-]/u;

function startOfWord(text: string, pos: number): number {
  let i = pos;
  while (i > 0 && /[A-Za-z0-9_]/.test(text[i - 1]!)) i--;
  return i;
}

function tokenAt(text: string, pos: number): string {
  const first = String.fromCodePoint(text.codePointAt(pos)!);
  if (!WORD.test(first)) return first;
  let end = pos + first.length;
  while (end < text.length) {
    const ch = String.fromCodePoint(text.codePointAt(end)!);
    if (!WORD.test(ch)) break;
    end += ch.length;
  }
  return text.slice(pos, end);
}

/** What the author wrote at `pos`, in words: `end of input`, `a line break`, `'foo'`. */
function describeFound(text: string, pos: number): string {
  if (pos >= text.length) return 'end of input';
  const ch = text[pos]!;
  if (ch === '\n' || ch === '\r') return 'a line break';
  if (ch === '"') return 'a quoted string';
  return `'${tokenAt(text, pos)}'`;
}

function spanAt(text: string, pos: number): Span {
  if (pos >= text.length || text[pos] === '\n' || text[pos] === '\r') return { start: pos, end: pos };
  return { start: pos, end: pos + tokenAt(text, pos).length };
}

/** `3` at the end of one line and `10*9/L` at the start of the next: a unit that lost its number. */
function looksLikeUnitOnNextLine(text: string, pos: number): boolean {
  let i = pos;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  if (i === 0 || text[i - 1] !== '\n') return false;
  const before = text.slice(0, i).replace(/(#[^\n]*)?\s*$/, '');
  if (!/\d$/.test(before)) return false;
  const word = text.slice(pos).match(/^\S+/)?.[0] ?? '';
  return word !== '' && grammar.match(word, 'unit').succeeded();
}

// ---------------------------------------------------------------- CST → AST

function span(node: OhmNode): Span {
  return {
    start: conversion.toOriginal(node.source.startIdx),
    end: conversion.toOriginal(node.source.endIdx),
  };
}

function identifier(node: OhmNode): Identifier {
  return { kind: 'Identifier', value: node.sourceString, span: span(node) };
}

function optional<T>(iter: OhmNode, f: (node: OhmNode) => T): T | undefined {
  const child = iter.children[0];
  return child === undefined ? undefined : f(child);
}

function listOf<T>(list: OhmNode, f: (node: OhmNode) => T): T[] {
  return list.asIteration().children.map(f);
}

/** A string's value, read from the text the author wrote: the matched text may have lost it. */
function stringValue(node: OhmNode): string {
  const { start, end } = span(node);
  return conversion.original.slice(start + 1, end - 1).replace(/\\(["\\])/g, '$1');
}

function str(node: OhmNode): string {
  return stringValue(node);
}

function num(node: OhmNode): number {
  const text = node.sourceString;
  const problem = numberProblem(text);
  if (problem) {
    conversion.diagnostics.push(
      problem.kind === 'too large'
        ? numberTooLarge(span(node), text.replace(/^-/, '').split('.')[0]!.length)
        : numberRounded(span(node), String(problem.readAs)),
    );
  }
  return Number(text);
}

function ast<T>(node: OhmNode): T {
  return node.ast() as T;
}

function expr(node: OhmNode): Expr {
  return ast<Expr>(node);
}

/**
 * `a op b op c` read as `(a op b) op c`, from the first operand and the repetition after it. Each
 * node spans from the first operand's start (a bracket included) to the end of its right operand,
 * as a left-recursive rule's node did.
 */
function leftGrouped<T>(
  first: OhmNode,
  rest: readonly OhmNode[],
  join: (left: T, right: OhmNode, at: Span) => T,
): T {
  let tree = ast<T>(first);
  const start = conversion.toOriginal(first.source.startIdx);
  for (const right of rest)
    tree = join(tree, right, { start, end: conversion.toOriginal(right.source.endIdx) });
  return tree;
}

/** A Sum or a Product: each tail is a case of SumTail or ProductTail, an operator and an operand. */
function arithmetic(first: OhmNode, tails: OhmNode): Value {
  return leftGrouped<Value>(first, tails.children, (left, tail, at) => {
    const [op, right] = tail.children[0]!.children as [OhmNode, OhmNode];
    return { kind: 'Arith', op: op.sourceString as Arith['op'], left, right: value(right), span: at };
  });
}

function value(node: OhmNode): Value {
  return ast<Value>(node);
}

function duration(node: OhmNode): Duration {
  const [amount, , unit] = node.children as [OhmNode, OhmNode, OhmNode];
  const word = unit.sourceString.replace(/s$/, '') as Duration['unit'];
  return { kind: 'Duration', amount: num(amount), unit: word, span: span(node) };
}

function ref(node: OhmNode, window?: OhmNode, whole: OhmNode = node): Ref {
  return {
    kind: 'Ref',
    name: node.sourceString,
    window: window ? duration(window) : undefined,
    span: span(whole),
  };
}

function unitRef(node: OhmNode): UnitRef {
  return { kind: 'UnitRef', code: node.sourceString, span: span(node) };
}

function quantity(node: OhmNode): QuantityLit {
  const [n, , unit] = node.children as [OhmNode, OhmNode, OhmNode];
  return { kind: 'Quantity', value: num(n), unit: optional(unit, unitRef), span: span(node) };
}

function limitRef(node: OhmNode): LimitRef {
  return { kind: 'LimitRef', limit: node.sourceString as LimitRef['limit'], span: span(node) };
}

function threshold(node: OhmNode): LimitRef | QuantityLit {
  const alt = node.children[0]!;
  return alt.ctorName === 'Threshold_limit' ? limitRef(alt) : quantity(alt.children[0]!);
}

interface CodeItem {
  readonly system: CodeSystemName | undefined;
  readonly spec: OhmNode;
}

function codeItem(node: OhmNode): CodeItem {
  // CodeItem_system → CodeGroup, or CodeItem_same → CodeSpec; CodeGroup itself is accepted too.
  const inner = node.ctorName === 'CodeItem' ? node.children[0]! : node;
  const target =
    inner.ctorName === 'CodeItem_system' || inner.ctorName === 'CodeItem_same' ? inner.children[0]! : inner;
  if (target.ctorName === 'CodeGroup') {
    const [system, spec] = target.children as [OhmNode, OhmNode];
    return { system: system.sourceString as CodeSystemName, spec };
  }
  return { system: undefined, spec: target };
}

function codePattern(item: CodeItem, system: CodeSystemName): CodePattern {
  const alt = item.spec.children[0]!;
  const s = span(item.spec);
  switch (alt.ctorName) {
    case 'CodeSpec_range': {
      const [from, , to] = alt.children as [OhmNode, OhmNode, OhmNode];
      return {
        kind: 'CodePattern',
        system,
        code: from.sourceString,
        match: 'range',
        to: to.sourceString,
        span: s,
      };
    }
    // Every code of the system: a prefix that every code starts with (codes/match.ts).
    case 'CodeSpec_all':
      return { kind: 'CodePattern', system, code: '', match: 'prefix', to: undefined, span: s };
    case 'CodeSpec_prefix':
      return {
        kind: 'CodePattern',
        system,
        code: alt.children[0]!.children[0]!.sourceString,
        match: 'prefix',
        to: undefined,
        span: s,
      };
    default:
      return { kind: 'CodePattern', system, code: alt.sourceString, match: 'exact', to: undefined, span: s };
  }
}

/** The codes of a `site` or `for` filter; a code without a system takes the one before it. */
function codeFilter(except: boolean, first: OhmNode, rest: readonly OhmNode[], s: Span): CodeFilter {
  let system: CodeSystemName = 'snomed';
  const codes = [first, ...rest].map((n) => {
    const item = codeItem(n);
    if (item.system) system = item.system;
    return codePattern(item, system);
  });
  return { kind: 'CodeFilter', except, codes, span: s };
}

function answerType(node: OhmNode): AnswerType {
  const body = node.children[1]!;
  const alt = body.children[0]!;
  const base = {
    kind: 'AnswerType',
    min: undefined,
    max: undefined,
    unit: undefined,
    values: undefined,
    span: span(node),
  } as const;
  switch (alt.ctorName) {
    case 'AnswerTypeBody_boolean':
      return { ...base, type: 'boolean' };
    case 'AnswerTypeBody_count':
      return { ...base, type: 'count' };
    case 'AnswerTypeBody_score':
      return { ...base, type: 'score', min: num(alt.children[1]!), max: num(alt.children[3]!) };
    case 'AnswerTypeBody_number':
      return { ...base, type: 'number', unit: unitRef(alt.children[2]!) };
    case 'AnswerTypeBody_date':
      return { ...base, type: 'date' };
    default:
      return { ...base, type: 'code', values: listOf(alt.children[2]!, identifier) };
  }
}

type Modifiers = {
  molarMass?: QuantityLit;
  positiveAbove?: LimitRef | QuantityLit;
  values?: Identifier[];
  valueCodes?: ValueCode[];
  method?: Binding;
  rangeFor?: CodeFilter;
};

const MODIFIER_KEYS: Readonly<Record<string, keyof Modifiers>> = {
  MolarMass: 'molarMass',
  PositiveAbove: 'positiveAbove',
  TestValues: 'values',
  LabValues: 'values',
  Method: 'method',
  RangeFor: 'rangeFor',
};

/** `values iv = snomed 1 or snomed 2, other` (a test) or `values 1 = snomed 3` (a lab). */
function valueList(m: OhmNode): { values: Identifier[]; valueCodes: ValueCode[] } {
  const values: Identifier[] = [];
  const valueCodes: ValueCode[] = [];
  for (const item of m.children[1]!.asIteration().children) {
    const [word, codes] = item.children as [OhmNode, OhmNode];
    const written = word.sourceString;
    if (item.ctorName === 'TestValue') values.push(identifier(word));
    // TestValue's codes are optional (an iteration); LabValue's are not.
    const bound = item.ctorName === 'TestValue' ? codes.children[0] : codes;
    if (bound === undefined) continue;
    for (const c of bound.children[1]!.asIteration().children) {
      const [system, code] = c.children as [OhmNode, OhmNode];
      valueCodes.push({
        kind: 'ValueCode',
        value: written,
        system: system.sourceString as CodeSystemName,
        code: code.sourceString,
        span: span(c),
      });
    }
  }
  return { values, valueCodes };
}

function modifiers(iter: OhmNode): Modifiers {
  const out: Modifiers = {};
  for (const wrapper of iter.children) {
    const m = wrapper.children[0]!;
    const key = MODIFIER_KEYS[m.ctorName]!;
    if (out[key] !== undefined || (key === 'values' && out.valueCodes !== undefined)) {
      conversion.diagnostics.push(
        duplicateClause(
          span(m),
          m.children[0]!.sourceString === 'molar' || m.children[0]!.sourceString === 'range'
            ? `${m.children[0]!.sourceString} ${m.children[1]!.sourceString}`
            : m.children[0]!.sourceString,
        ),
      );
      continue;
    }
    if (m.ctorName === 'MolarMass') out.molarMass = quantity(m.children[2]!);
    else if (m.ctorName === 'PositiveAbove') out.positiveAbove = threshold(m.children[2]!);
    else if (m.ctorName === 'Method') {
      const [, first, , rest] = m.children as [OhmNode, OhmNode, OhmNode, OhmNode];
      out.method = codeBinding(first, rest, undefined, span(m));
    } else if (m.ctorName === 'RangeFor') {
      out.rangeFor = codeFilter(false, m.children[2]!, m.children[4]!.children, span(m));
    } else {
      const list = valueList(m);
      if (m.ctorName === 'TestValues') out.values = list.values;
      out.valueCodes = list.valueCodes;
    }
  }
  return out;
}

/** A list of codes, each under the last system named (`snomed 1, 2, atc X`), and its exceptions. */
function codeBinding(first: OhmNode, rest: OhmNode, except: OhmNode | undefined, at: Span): Binding {
  let system: CodeSystemName = 'loinc';
  const resolve = (item: CodeItem): CodePattern => {
    if (item.system) system = item.system;
    return codePattern(item, system);
  };
  const codes = [first, ...rest.children].map((n) => resolve(codeItem(n)));
  const excluded =
    except === undefined
      ? []
      : (optional(except, (e) => listOf(e.children[1]!, (n) => resolve(codeItem(n)))) ?? []);
  return { kind: 'Binding', any: false, codes, except: excluded, span: at };
}

function sections(iter: OhmNode): Section[] {
  return iter.children.map((n) => ast<Section>(n));
}

const semantics = grammar.createSemantics().addOperation<unknown>('ast', {
  Protocol(header, declarations, secs, cohorts) {
    const [, id, title, version, period, complete] = header.children as [
      OhmNode,
      OhmNode,
      OhmNode,
      OhmNode,
      OhmNode,
      OhmNode,
    ];
    const kinds =
      optional(complete, (c) => listOf(c.children[3]!, (k) => k.sourceString as RecordKind)) ?? [];
    const protocol: Protocol = {
      kind: 'Protocol',
      id: identifier(id),
      title: optional(title, str),
      version: optional(version, (v) => str(v.children[1]!)),
      screeningPeriod: optional(period, (p) => duration(p.children[2]!)),
      complete: kinds,
      declarations: declarations.children.map((n) => ast<Declaration>(n)),
      sections: sections(secs),
      cohorts: cohorts.children.map((n) => ast<Cohort>(n)),
      span: { start: 0, end: conversion.toOriginal(this.source.sourceString.length) },
    };
    return protocol;
  },
  Cohort(_kw, id, label, secs): Cohort {
    return {
      kind: 'Cohort',
      id: identifier(id),
      label: optional(label, str),
      sections: sections(secs),
      span: span(this),
    };
  },
  Section(kind, criteria): Section {
    const list = criteria.children.map((n) => ast<Criterion>(n));
    for (let i = 1; i < list.length; i++) {
      // `met if a and b foo met if c` matches, with `foo` as the id of a second criterion on the
      // expression's line: that reading is not what anyone wrote, so it is the E0005 of `foo`.
      const rule = list[i - 1]!.rule;
      const id = list[i]!.id.span.start;
      if (rule === null || !onOneLine(conversion.original, rule.span.end, id)) continue;
      const stray = strayWord(conversion.original, id);
      if (stray) conversion.diagnostics.push(stray);
    }
    return {
      kind: 'Section',
      list: kind.sourceString as Section['list'],
      criteria: list,
      span: span(this),
    };
  },
  Criterion(id, title, source, rule): Criterion {
    const alt = rule.children[0]!;
    return {
      kind: 'Criterion',
      id: identifier(id),
      title: optional(title, str),
      source: optional(source, (s) => str(s.children[1]!)),
      rule: alt.ctorName === 'Rule_met' ? expr(alt.children[1]!) : null,
      span: span(this),
    };
  },
  Declaration(_look, body, lay) {
    const declaration = ast<Declaration>(body.children[0]!);
    const wording = optional(
      lay,
      (l): LayWording => ({ kind: 'LayWording', text: str(l.children[1]!), span: span(l) }),
    );
    return wording ? { ...declaration, lay: wording } : declaration;
  },
  PatientDecl(_kw, name, label, _from, field) {
    return {
      kind: 'PatientDecl',
      name: identifier(name),
      label: str(label),
      field: field.sourceString,
      span: span(this),
    };
  },
  LabDecl(_kw, name, label, _in, unit, binding, mods) {
    const m = modifiers(mods);
    return {
      kind: 'LabDecl',
      name: identifier(name),
      label: str(label),
      unit: unitRef(unit),
      binding: ast<Binding>(binding),
      molarMass: m.molarMass,
      positiveAbove: m.positiveAbove,
      valueCodes: m.valueCodes,
      method: m.method,
      rangeFor: m.rangeFor,
      span: span(this),
    };
  },
  TestDecl(_kw, name, label, binding, mods) {
    const m = modifiers(mods);
    return {
      kind: 'TestDecl',
      name: identifier(name),
      label: str(label),
      binding: ast<Binding>(binding),
      values: m.values,
      valueCodes: m.values ? (m.valueCodes ?? []) : undefined,
      positiveAbove: m.positiveAbove,
      method: m.method,
      span: span(this),
    };
  },
  RecordDecl(kind, name, label, binding, classes, routes, sites, reasons) {
    return {
      kind: 'RecordDecl',
      record: kind.sourceString as RecordKind,
      name: identifier(name),
      label: str(label),
      binding: ast<Binding>(binding),
      classes: optional(classes, (c) => listOf(c.children[1]!, identifier)),
      routes: optional(routes, (r) => listOf(r.children[1]!, identifier)),
      sites: optional(sites, (s) => ast<CodeFilter>(s)),
      reasons: optional(reasons, (r) => ast<CodeFilter>(r)),
      span: span(this),
    };
  },
  QuestionDecl(_kw, name, label, _colon, answer) {
    return {
      kind: 'QuestionDecl',
      name: identifier(name),
      label: str(label),
      answer: answerType(answer),
      span: span(this),
    };
  },
  DefineDecl(_kw, name, label, _eq, body) {
    return {
      kind: 'DefineDecl',
      name: identifier(name),
      label: optional(label, str),
      expr: expr(body),
      span: span(this),
    };
  },
  BodySites(_site, except, first, _commas, rest): CodeFilter {
    return codeFilter(except.numChildren > 0, first, rest.children, span(this));
  },
  Reasons(_for, first, _commas, rest): CodeFilter {
    return codeFilter(false, first, rest.children, span(this));
  },
  Binding_any(_from, _any): Binding {
    return { kind: 'Binding', any: true, codes: [], except: [], span: span(this) };
  },
  Binding_codes(_from, first, _commas, rest, except): Binding {
    return codeBinding(first, rest, except, span(this));
  },

  // -------------------------------------------------------------- expressions

  Expr(_look, body) {
    return ast(body);
  },
  ExprBody(inner) {
    return ast(inner);
  },
  IfExpr(_if, c, _then, t, _else, e) {
    // biome-ignore lint/suspicious/noThenProperty: the AST names the branches of `if` after the keywords.
    return { kind: 'If', condition: expr(c), then: expr(t), else: expr(e), span: span(this) };
  },
  UnlessExpr(first, tails) {
    return leftGrouped(first, tails.children, (left, tail, at): Expr => {
      const which = tail.children[0]!;
      const right = which.children[1]!;
      return which.ctorName === 'UnlessTail_unless'
        ? { kind: 'Unless', expr: left, exception: expr(right), span: at }
        : { kind: 'Given', expr: left, premise: expr(right), span: at };
    });
  },
  OrExpr(first, _words, rest) {
    return leftGrouped(first, rest.children, (left, right, at): Expr => {
      return { kind: 'Binary', op: 'or', left, right: expr(right), span: at };
    });
  },
  AndExpr(first, _words, rest) {
    return leftGrouped(first, rest.children, (left, right, at): Expr => {
      return { kind: 'Binary', op: 'and', left, right: expr(right), span: at };
    });
  },
  NotExpr(_look, body) {
    return ast(body);
  },
  NotExprBody_not(_kw, operand) {
    return { kind: 'Not', operand: expr(operand), span: span(this) };
  },
  Predicate_value(v) {
    return ast(v);
  },
  Predicate_paren(_open, inner, _close) {
    return ast(inner);
  },
  Predicate_record(_name, _word, test) {
    return ast(test);
  },
  RecordTest_suspected(name, _kw) {
    return {
      kind: 'ConditionTest',
      subject: ref(name),
      qualifier: 'suspected',
      duration: undefined,
      span: span(this),
    };
  },
  RecordTest_ever(name, _kw) {
    return {
      kind: 'ConditionTest',
      subject: ref(name),
      qualifier: 'ever',
      duration: undefined,
      span: span(this),
    };
  },
  RecordTest_resolved(name, _resolved, _moreThan, d, _ago) {
    return {
      kind: 'ConditionTest',
      subject: ref(name),
      qualifier: 'resolvedMoreThan',
      duration: duration(d),
      span: span(this),
    };
  },
  RecordTest_resolvedAtLeast(name, _resolved, _atLeast, d, _ago) {
    return {
      kind: 'ConditionTest',
      subject: ref(name),
      qualifier: 'resolvedAtLeast',
      duration: duration(d),
      span: span(this),
    };
  },
  RecordTest_forAtLeast(name, _for, _atLeast, d) {
    return {
      kind: 'MedicationTest',
      subject: ref(name),
      qualifier: 'forAtLeast',
      duration: duration(d),
      span: span(this),
    };
  },
  RecordTest_forMoreThan(name, _for, _moreThan, d) {
    return {
      kind: 'MedicationTest',
      subject: ref(name),
      qualifier: 'forMoreThan',
      duration: duration(d),
      span: span(this),
    };
  },
  RecordTest_stable(name, _stable, _for, _atLeast, d) {
    return {
      kind: 'MedicationTest',
      subject: ref(name),
      qualifier: 'stableForAtLeast',
      duration: duration(d),
      span: span(this),
    };
  },
  RecordTest_within(name, _within, less, length, side, anchor) {
    const alt = anchor.children[0]!;
    const form = length.children[0]!;
    const written = form.children[0]!;
    return {
      kind: 'WithinTest',
      subject: ref(name),
      duration: form.ctorName === 'WindowLength_duration' ? duration(written) : value(written),
      side: side.sourceString as 'before' | 'after',
      anchor: alt.ctorName === 'Anchor_screening' ? 'screening' : ref(alt.children[0]!),
      strict: less.children.length > 0,
      span: span(this),
    };
  },
  RecordTest_severe(name, _kw) {
    return { kind: 'SevereTest', subject: ref(name), span: span(this) };
  },
  Predicate_doseIncreased(name, _daily, _dose, as, _increased, _within, d) {
    // The daily dose spans the name to the table, or to `dose` without one.
    const last = as.children[0] ?? _dose;
    const doseSpan = { start: span(name).start, end: span(last).end };
    return {
      kind: 'DoseIncrease',
      dose: {
        kind: 'DailyDose',
        subject: ref(name),
        as: optional(as, (a) => identifier(a.children[1]!)),
        highestWithin: undefined,
        span: doseSpan,
      },
      duration: duration(d),
      span: span(this),
    };
  },
  Predicate_doseCourse(name, _daily, _dose, as, op, right, _for, _atLeast, d, window) {
    const last = as.children[0] ?? _dose;
    const dose: DailyDose = {
      kind: 'DailyDose',
      subject: ref(name),
      as: optional(as, (a) => identifier(a.children[1]!)),
      highestWithin: undefined,
      span: { start: span(name).start, end: span(last).end },
    };
    // CourseWindow = within LessThan? duration before screening
    const w = window.children[0];
    return {
      kind: 'DoseCourse',
      test: {
        kind: 'Compare',
        op: op.sourceString as CompareOp,
        left: dose,
        right: value(right),
        span: { start: dose.span.start, end: span(right).end },
      },
      duration: duration(d),
      window: w ? duration(w.children[2]!) : undefined,
      strict: w ? w.children[1]!.children.length > 0 : false,
      span: span(this),
    };
  },
  Predicate_steady(subject, _stable, _within, pct, _for, _atLeast, d) {
    return {
      kind: 'Trend',
      change: 'stable',
      subject: value(subject),
      percent: num(pct.children[0]!),
      duration: duration(d),
      span: span(this),
    };
  },
  Predicate_trend(subject, _fell, _by, _atLeast, pct, _within, d) {
    return {
      kind: 'Trend',
      change: 'fell',
      subject: value(subject),
      percent: num(pct.children[0]!),
      duration: duration(d),
      span: span(this),
    };
  },
  Predicate_between(v, _kw, low, _and, high) {
    return {
      kind: 'Between',
      value: value(v),
      low: value(low),
      high: value(high),
      span: span(this),
    };
  },
  Predicate_anyReading(_any, name, _within, less, d, _before, anchor, op, right) {
    const alt = anchor.children[0]!;
    return {
      kind: 'AnyReading',
      test: {
        kind: 'Compare',
        op: op.sourceString as CompareOp,
        left: ref(name),
        right: value(right),
        span: span(this),
      },
      duration: duration(d),
      anchor: alt.ctorName === 'Anchor_screening' ? 'screening' : ref(alt.children[0]!),
      strict: less.children.length > 0,
      span: span(this),
    };
  },
  Predicate_compare(left, op, right) {
    return {
      kind: 'Compare',
      op: op.sourceString as CompareOp,
      left: value(left),
      right: value(right),
      span: span(this),
    };
  },
  Predicate_isNot(subject, _is, _not, v) {
    return {
      kind: 'Is',
      subject: value(subject),
      negated: true,
      known: false,
      only: false,
      value: identifier(v),
      span: span(this),
    };
  },
  Predicate_isKnown(subject, _is, _known, v) {
    return {
      kind: 'Is',
      subject: value(subject),
      negated: false,
      known: true,
      only: false,
      value: identifier(v),
      span: span(this),
    };
  },
  Predicate_isOnly(subject, _is, _only, v) {
    return {
      kind: 'Is',
      subject: value(subject),
      negated: false,
      known: false,
      only: true,
      value: identifier(v),
      span: span(this),
    };
  },
  Predicate_is(subject, _is, v) {
    return {
      kind: 'Is',
      subject: value(subject),
      negated: false,
      known: false,
      only: false,
      value: identifier(v),
      span: span(this),
    };
  },
  Quantifier_any(_any, _of, operands) {
    return {
      kind: 'Quantifier',
      quantifier: 'any',
      count: undefined,
      operands: ast(operands),
      span: span(this),
    };
  },
  Quantifier_all(_all, _of, operands) {
    return {
      kind: 'Quantifier',
      quantifier: 'all',
      count: undefined,
      operands: ast(operands),
      span: span(this),
    };
  },
  Quantifier_atLeast(_atLeast, n, _of, operands) {
    return {
      kind: 'Quantifier',
      quantifier: 'atLeast',
      count: num(n),
      operands: ast(operands),
      span: span(this),
    };
  },
  Operands(_open, list, _close) {
    return listOf(list, expr);
  },
  Value(_look, body) {
    return ast(body);
  },
  Sum(first, tails) {
    return arithmetic(first, tails);
  },
  Product(first, tails) {
    return arithmetic(first, tails);
  },
  Factor_paren(_open, inner, _close) {
    // Parentheses group; the tree keeps the grouping, not the brackets.
    return ast(inner);
  },
  Factor_atom(_look, body) {
    return ast(body);
  },
  ValueBody_latest(_latest, _of, _open, list, _close) {
    return {
      kind: 'Latest',
      alternatives: listOf(list, value),
      span: span(this),
    };
  },
  ValueBody_dose(name, _daily, _dose, as) {
    return {
      kind: 'DailyDose',
      subject: ref(name),
      as: optional(as, (a) => identifier(a.children[1]!)),
      highestWithin: undefined,
      span: span(this),
    };
  },
  ValueBody_highestDose(name, _highest, _daily, _dose, as, _within, d) {
    return {
      kind: 'DailyDose',
      subject: ref(name),
      as: optional(as, (a) => identifier(a.children[1]!)),
      highestWithin: duration(d),
      span: span(this),
    };
  },
  ValueBody_episodes(_episodes, _of, name, separated) {
    return {
      kind: 'Episodes',
      subject: ref(name),
      separatedBy: optional(separated, (s) => duration(s.children[3]!)),
      span: span(this),
    };
  },
  ValueBody_call(callee, _open, args, _close) {
    return {
      kind: 'Call',
      callee: identifier(callee),
      args: listOf(args, value),
      span: span(this),
    };
  },
  ValueBody_limit(n, _x, limit) {
    return {
      kind: 'LimitMultiple',
      factor: num(n),
      limit: limit.sourceString as LimitRef['limit'],
      span: span(this),
    };
  },
  ValueBody_quantity(q) {
    return quantity(q);
  },
  ValueBody_window(name, _within, d) {
    return ref(name, d, this);
  },
  ValueBody_ref(name) {
    return ref(name);
  },
});
