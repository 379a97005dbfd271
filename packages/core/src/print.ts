import type {
  AnswerType,
  Binding,
  CodeFilter,
  CodePattern,
  CodeSystemName,
  Cohort,
  Criterion,
  Declaration,
  Duration,
  Expr,
  Identifier,
  LimitRef,
  Protocol,
  QuantityLit,
  Section,
  UnitRef,
  Value,
  ValueCode,
} from './ast';
import type { Diagnostic } from './diagnostics/diagnostic';
import { hasErrors } from './diagnostics/diagnostic';
import { parse } from './parse';
import { type Source, toSource } from './source';

/** Declaration lines longer than this are wrapped, code lists at commas. */
const WIDTH = 120;

/**
 * Expressions are wrapped sooner, before `and`/`or`/`unless`/`then`/`else`: a reviewer reads a
 * rule beside its source sentence, and a line of logic is hard to follow past about 100 columns.
 */
const EXPRESSION_WIDTH = 100;

/** The canonical text of a protocol. `parse(print(ast))` gives back `ast`, spans aside. */
export function print(ast: Protocol): string {
  return new Printer(undefined).protocol(ast);
}

export interface FormatResult {
  readonly text: string | undefined;
  readonly diagnostics: Diagnostic[];
}

/**
 * Reprints a protocol canonically, keeping its comments and the blank lines that group its
 * declarations and criteria. A text with syntax errors is left alone (`text` is undefined).
 */
export function format(source: string | Source): FormatResult {
  const src = toSource(source);
  const { ast, diagnostics } = parse(src);
  if (!ast || hasErrors(diagnostics)) return { text: undefined, diagnostics };
  return { text: new Printer(src.body).protocol(ast), diagnostics };
}

// ---------------------------------------------------------------- values and expressions

/** The shortest decimal that reads back as the same number, never in exponent notation. */
export function printNumber(n: number): string {
  if (Object.is(n, -0)) return '-0';
  const s = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, int, frac = '', exp] = m as unknown as [string, string, string, string | undefined, string];
  const digits = int + frac;
  const point = int.length + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

export function printString(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function duration(d: Duration): string {
  return `${printNumber(d.amount)} ${d.unit}${d.amount === 1 ? '' : 's'}`;
}

function unit(u: UnitRef): string {
  return u.code;
}

function quantity(q: QuantityLit): string {
  return q.unit ? `${printNumber(q.value)} ${unit(q.unit)}` : printNumber(q.value);
}

function threshold(t: LimitRef | QuantityLit): string {
  return t.kind === 'LimitRef' ? t.limit : quantity(t);
}

export function printValue(v: Value): string {
  switch (v.kind) {
    case 'Ref':
      return v.window ? `${v.name} within ${duration(v.window)}` : v.name;
    case 'Quantity':
      return quantity(v);
    case 'LimitMultiple':
      return `${printNumber(v.factor)} x ${v.limit}`;
    case 'Call':
      return `${v.callee.value}(${v.args.map(printValue).join(', ')})`;
    case 'Latest':
      return `latest of (${v.alternatives.map(printValue).join(', ')})`;
    case 'DailyDose': {
      const as = v.as ? ` as ${v.as.value}` : '';
      return v.highestWithin
        ? `${v.subject.name} highest daily dose${as} within ${duration(v.highestWithin)}`
        : `${v.subject.name} daily dose${as}`;
    }
    case 'Episodes':
      return `episodes of ${v.subject.name}${v.separatedBy ? ` separated by more than ${duration(v.separatedBy)}` : ''}`;
    case 'Arith': {
      // Brackets only where the tree groups against the operators' own binding: a looser operand,
      // or an operand on the right of the same strength (a - (b - c)).
      const strength = (x: Value) => (x.kind !== 'Arith' ? 3 : x.op === '+' || x.op === '-' ? 1 : 2);
      const own = strength(v);
      const left = strength(v.left) < own ? `(${printValue(v.left)})` : printValue(v.left);
      const right =
        strength(v.right) <= own && v.right.kind === 'Arith'
          ? `(${printValue(v.right)})`
          : printValue(v.right);
      return `${left} ${v.op} ${right}`;
    }
  }
}

/** Binding strength, loosest first; an operand looser than its slot needs parentheses. */
function precedence(e: Expr): number {
  switch (e.kind) {
    case 'If':
      return 0;
    case 'Unless':
    case 'Given':
      return 1;
    case 'Binary':
      return e.op === 'or' ? 2 : 3;
    case 'Not':
      return 4;
    default:
      return 5;
  }
}

/**
 * Where an operand stands, for the parentheses kept for clarity: `or` (either side of `or`),
 * `exception` (after `unless` or `given`) and `else` (the last branch of `if`, which runs to the end).
 */
type Slot = 'or' | 'exception' | 'else';

/**
 * Parentheses around an operand that binds looser than its slot, and, for clarity rather than
 * precedence, wherever a reader would otherwise take another reading than the grammar's: `and`
 * under `or` (`a or (b and c)`, as protocols are written), an `and`/`or` after `unless`
 * (`a unless (b and not c)`, not `(a unless b) and not c`), and an `and`/`or`/`unless` as the
 * `else` branch (`if a then b else (c or d)`, not `(if a then b else c) or d`).
 */
function parenthesized(e: Expr, min: number, slot?: Slot): boolean {
  if (precedence(e) < min) return true;
  switch (slot) {
    case 'or':
      return e.kind === 'Binary' && e.op === 'and';
    case 'exception':
      return e.kind === 'Binary';
    case 'else':
      return e.kind === 'Binary' || e.kind === 'Unless' || e.kind === 'Given';
    default:
      return false;
  }
}

function operand(e: Expr, min: number, slot?: Slot): string {
  const text = printExpression(e);
  return parenthesized(e, min, slot) ? `(${text})` : text;
}

/** An expression on one line, with only the parentheses precedence requires. */
export function printExpression(e: Expr): string {
  switch (e.kind) {
    case 'If':
      return `if ${operand(e.condition, 0)} then ${operand(e.then, 0)} else ${operand(e.else, 0, 'else')}`;
    case 'Unless':
      return `${operand(e.expr, 1)} unless ${operand(e.exception, 2, 'exception')}`;
    case 'Given':
      return `${operand(e.expr, 1)} given ${operand(e.premise, 2, 'exception')}`;
    case 'Binary':
      return e.op === 'or'
        ? `${operand(e.left, 2, 'or')} or ${operand(e.right, 3, 'or')}`
        : `${operand(e.left, 3)} and ${operand(e.right, 4)}`;
    case 'Not':
      return `not ${operand(e.operand, 4)}`;
    case 'Quantifier': {
      const head = e.quantifier === 'atLeast' ? `at least ${printNumber(e.count ?? 0)}` : e.quantifier;
      return `${head} of (${e.operands.map((o) => operand(o, 0)).join(', ')})`;
    }
    case 'Compare':
      return `${printValue(e.left)} ${e.op} ${printValue(e.right)}`;
    case 'Between':
      return `${printValue(e.value)} between ${printValue(e.low)} and ${printValue(e.high)}`;
    case 'Is':
      return `${printValue(e.subject)} is ${e.negated ? 'not ' : e.known ? 'known ' : e.only ? 'only ' : ''}${e.value.value}`;
    case 'ConditionTest':
      return e.qualifier === 'resolvedMoreThan'
        ? `${e.subject.name} resolved more than ${duration(e.duration!)} ago`
        : e.qualifier === 'resolvedAtLeast'
          ? `${e.subject.name} resolved at least ${duration(e.duration!)} ago`
          : `${e.subject.name} ${e.qualifier}`;
    case 'MedicationTest':
      switch (e.qualifier) {
        case 'forAtLeast':
          return `${e.subject.name} for at least ${duration(e.duration)}`;
        case 'forMoreThan':
          return `${e.subject.name} for more than ${duration(e.duration)}`;
        case 'stableForAtLeast':
          return `${e.subject.name} stable for at least ${duration(e.duration)}`;
      }
      break;
    case 'WithinTest':
      return `${e.subject.name} within ${e.strict ? 'less than ' : ''}${e.duration.kind === 'Duration' ? duration(e.duration) : printValue(e.duration)} ${e.side} ${e.anchor === 'screening' ? 'screening' : e.anchor.name}`;
    case 'AnyReading':
      return `any ${printValue(e.test.left)} within ${e.strict ? 'less than ' : ''}${duration(e.duration)} before ${e.anchor === 'screening' ? 'screening' : e.anchor.name} ${e.test.op} ${printValue(e.test.right)}`;
    case 'SevereTest':
      return `${e.subject.name} severe`;
    case 'DoseIncrease':
      return `${printValue(e.dose)} increased within ${duration(e.duration)}`;
    case 'DoseCourse': {
      const window = e.window
        ? ` within ${e.strict ? 'less than ' : ''}${duration(e.window)} before screening`
        : '';
      return `${printValue(e.test.left)} ${e.test.op} ${printValue(e.test.right)} for at least ${duration(e.duration)}${window}`;
    }
    case 'Trend':
      return e.change === 'fell'
        ? `${printValue(e.subject)} fell by at least ${printNumber(e.percent)} % within ${duration(e.duration)}`
        : `${printValue(e.subject)} stable within ${printNumber(e.percent)} % for at least ${duration(e.duration)}`;
    default:
      return printValue(e);
  }
}

interface Link {
  readonly op: string;
  readonly expr: Expr;
  readonly min: number;
  readonly slot: Slot | undefined;
}

interface Chain {
  readonly head: Expr;
  readonly headMin: number;
  readonly headSlot: Slot | undefined;
  readonly rest: readonly Link[];
}

/** `a or b or c` as its head `a` and the operands after each operator. */
function chainOf(e: Expr): Chain | undefined {
  const op =
    e.kind === 'Binary' ? e.op : e.kind === 'Unless' ? 'unless' : e.kind === 'Given' ? 'given' : undefined;
  if (op === undefined) return undefined;
  const slot = op === 'or' ? 'or' : undefined;
  const rest: Link[] = [];
  let head = e;
  let headMin = 0;
  for (;;) {
    if (head.kind === 'Binary' && head.op === op) {
      rest.unshift({ op, expr: head.right, min: op === 'or' ? 3 : 4, slot });
      headMin = op === 'or' ? 2 : 3;
      head = head.left;
    } else if (head.kind === 'Unless' && op === 'unless') {
      rest.unshift({ op, expr: head.exception, min: 2, slot: 'exception' });
      headMin = 1;
      head = head.expr;
    } else if (head.kind === 'Given' && op === 'given') {
      rest.unshift({ op, expr: head.premise, min: 2, slot: 'exception' });
      headMin = 1;
      head = head.expr;
    } else {
      return { head, headMin, headSlot: slot, rest };
    }
  }
}

/**
 * Lines of an expression whose first line starts with `first`: one line when it fits, else
 * broken before each operator of its outermost `or`/`and`/`unless` chain, or before `then` and
 * `else` of an `if`, those words at `indent`; parts that still do not fit are broken the same
 * way one level deeper.
 */
function wrapExpression(e: Expr, min: number, first: string, indent: string, slot?: Slot): string[] {
  const flat = `${first}${operand(e, min, slot)}`;
  if (flat.length <= EXPRESSION_WIDTH) return [flat];
  const open = parenthesized(e, min, slot) ? '(' : '';
  const deeper = `${indent}  `;
  let lines: string[];
  if (e.kind === 'If') {
    lines = wrapExpression(e.condition, 0, `${first}${open}if `, deeper);
    lines.push(...wrapExpression(e.then, 0, `${indent}then `, deeper));
    lines.push(...wrapExpression(e.else, 0, `${indent}else `, deeper, 'else'));
  } else {
    const chain = chainOf(e);
    if (!chain) return [flat];
    lines = wrapExpression(chain.head, chain.headMin, `${first}${open}`, deeper, chain.headSlot);
    for (const c of chain.rest)
      lines.push(...wrapExpression(c.expr, c.min, `${indent}${c.op} `, deeper, c.slot));
  }
  if (open) lines[lines.length - 1] += ')';
  return lines;
}

// ---------------------------------------------------------------- declarations

function codeList(codes: readonly CodePattern[], system: { current: CodeSystemName | undefined }): string[] {
  return codes.map((c) => {
    const text = c.match === 'range' ? `${c.code} to ${c.to}` : c.match === 'prefix' ? `${c.code}*` : c.code;
    if (c.system === system.current) return text;
    system.current = c.system;
    return `${c.system} ${text}`;
  });
}

/** `from …` as comma-separated pieces; `except` starts a piece of its own. */
function methodClause(b: Binding): string {
  return `method ${codeList(b.codes, { current: undefined }).join(', ')}`;
}

function bindingPieces(b: Binding): string[] {
  if (b.any) return ['from any'];
  const system = { current: undefined as CodeSystemName | undefined };
  const codes = codeList(b.codes, system);
  const except = codeList(b.except, system);
  const pieces = codes.map((c, i) => (i === 0 ? `from ${c}` : c));
  return [...pieces, ...except.map((c, i) => (i === 0 ? `except ${c}` : c))];
}

/** A `site`/`for` filter's codes, each system written where it changes. */
function filterCodes(f: CodeFilter): string {
  return codeList(f.codes, { current: undefined }).join(', ');
}

function answer(a: AnswerType): string {
  switch (a.type) {
    case 'boolean':
      return 'yes/no';
    case 'count':
      return 'count';
    case 'score':
      return `score ${printNumber(a.min ?? 0)} to ${printNumber(a.max ?? 0)}`;
    case 'number':
      return `number in ${a.unit ? unit(a.unit) : '1'}`;
    case 'date':
      return 'date';
    case 'code':
      return `one of ${(a.values ?? []).map((v) => v.value).join(', ')}`;
  }
}

/** Lines of a declaration at column 0, its lay wording (if any) on a line of its own below it. */
function declaration(d: Declaration): string[] {
  const lines = declarationProper(d);
  return d.lay ? [...lines, `  lay ${printString(d.lay.text)}`] : lines;
}

/** Lines of a declaration's own syntax: one line, or the binding and modifiers wrapped below it. */
function declarationProper(d: Declaration): string[] {
  const head = (keyword: string) => `${keyword} ${d.name.value}`;
  switch (d.kind) {
    case 'PatientDecl':
      return [`${head('patient')} ${printString(d.label)} from ${d.field}`];
    case 'QuestionDecl':
      return [`${head('question')} ${printString(d.label)}: ${answer(d.answer)}`];
    case 'DefineDecl': {
      const start =
        d.label === undefined ? `${head('define')} =` : `${head('define')} ${printString(d.label)} =`;
      const flat = `${start} ${printExpression(d.expr)}`;
      return flat.length <= EXPRESSION_WIDTH ? [flat] : [start, ...wrapExpression(d.expr, 0, '  ', '    ')];
    }
    case 'LabDecl': {
      const mods: string[] = [];
      if (d.molarMass) mods.push(`molar mass ${quantity(d.molarMass)}`);
      if (d.positiveAbove) mods.push(`positive above ${threshold(d.positiveAbove)}`);
      if (d.valueCodes?.length) mods.push(`values ${valueList(undefined, d.valueCodes)}`);
      if (d.method) mods.push(methodClause(d.method));
      if (d.rangeFor) mods.push(`range for ${filterCodes(d.rangeFor)}`);
      return withBinding(`${head('lab')} ${printString(d.label)} in ${unit(d.unit)}`, d.binding, mods);
    }
    case 'TestDecl': {
      const mods: string[] = [];
      if (d.values) mods.push(`values ${valueList(d.values, d.valueCodes ?? [])}`);
      if (d.positiveAbove) mods.push(`positive above ${threshold(d.positiveAbove)}`);
      if (d.method) mods.push(methodClause(d.method));
      return withBinding(`${head('test')} ${printString(d.label)}`, d.binding, mods);
    }
    case 'RecordDecl': {
      const mods = d.classes ? [`class ${d.classes.map((c) => c.value).join(', ')}`] : [];
      if (d.routes) mods.push(`route ${d.routes.map((r) => r.value).join(', ')}`);
      if (d.sites) mods.push(`site ${d.sites.except ? 'except ' : ''}${filterCodes(d.sites)}`);
      if (d.reasons) mods.push(`for ${filterCodes(d.reasons)}`);
      return withBinding(`${head(d.record)} ${printString(d.label)}`, d.binding, mods);
    }
  }
}

function withBinding(head: string, binding: Binding, modifiers: string[]): string[] {
  const pieces = bindingPieces(binding);
  const tail = [pieces.join(', ').replace(/, except /, ' except '), ...modifiers].join(' ');
  const flat = `${head} ${tail}`;
  if (flat.length <= WIDTH) return [flat];
  // The binding moves to its own line; codes fill lines up to the width, continuations deeper.
  const lines: string[] = [head];
  let line = '  ';
  const words = [
    ...pieces.map((p, i) => (i < pieces.length - 1 && !pieces[i + 1]!.startsWith('except ') ? `${p},` : p)),
    ...modifiers,
  ];
  for (const word of words) {
    const candidate = line.trim() === '' ? `${line}${word}` : `${line} ${word}`;
    if (candidate.length > WIDTH && line.trim() !== '') {
      lines.push(line);
      line = `    ${word}`;
    } else {
      line = candidate;
    }
  }
  lines.push(line);
  return lines;
}

// ---------------------------------------------------------------- protocol layout

interface Comment {
  readonly start: number;
  readonly text: string;
  /** Nothing but spaces before it on its line. */
  readonly ownLine: boolean;
}

/** `#` comments outside strings, in order. */
function comments(text: string): Comment[] {
  const out: Comment[] = [];
  let inString = false;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      inString = false;
      lineStart = i + 1;
    } else if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
    } else if (ch === '#') {
      let end = text.indexOf('\n', i);
      if (end < 0) end = text.length;
      out.push({
        start: i,
        text: text.slice(i, end).replace(/\s+$/, ''),
        ownLine: text.slice(lineStart, i).trim() === '',
      });
      i = end - 1;
    }
  }
  return out;
}

class Printer {
  readonly #lines: string[] = [];
  readonly #comments: Comment[];
  #next = 0;
  #previousEnd = 0;

  constructor(readonly source: string | undefined) {
    this.#comments = source === undefined ? [] : comments(source);
  }

  protocol(p: Protocol): string {
    const at = (word: string) => (this.source === undefined ? 0 : findWord(this.source, word, p.id.span.end));
    this.#item(p.id.span.start, p.id.span.end, '', () =>
      this.#line(
        p.title === undefined ? `trial ${p.id.value}` : `trial ${p.id.value} ${printString(p.title)}`,
      ),
    );
    if (p.version !== undefined) {
      const start = at('version');
      this.#item(start, start, '', () => this.#line(`version ${printString(p.version!)}`));
    }
    if (p.screeningPeriod !== undefined) {
      const start = at('screening');
      this.#item(start, start, '', () => this.#line(`screening period ${duration(p.screeningPeriod!)}`));
    }
    if (p.complete.length > 0) {
      const start = at('records');
      this.#item(start, start, '', () => this.#line(`records complete for ${p.complete.join(', ')}`));
    }
    const body = p.declarations[0] ?? p.sections[0] ?? p.cohorts[0];
    this.#trailingComments(body ? body.span.start : Number.POSITIVE_INFINITY);
    this.#blank();
    for (const d of p.declarations)
      this.#item(d.span.start, d.span.end, '', () => {
        for (const l of declaration(d)) this.#line(l);
      });
    for (const s of p.sections) this.#section(s, '', true);
    for (const c of p.cohorts) this.#cohort(c);
    this.#flushComments(Number.POSITIVE_INFINITY, '');
    while (this.#lines.at(-1) === '') this.#lines.pop();
    return `${this.#lines.join('\n')}\n`;
  }

  #cohort(c: Cohort): void {
    const end = this.source === undefined ? c.id.span.end : lineEnd(this.source, c.id.span.end);
    const head =
      c.label === undefined ? `cohort ${c.id.value}` : `cohort ${c.id.value} ${printString(c.label)}`;
    this.#item(c.span.start, end, '', () => this.#line(head), true);
    c.sections.forEach((s, i) => {
      this.#section(s, '  ', i > 0);
    });
  }

  #section(s: Section, indent: string, blankBefore: boolean): void {
    this.#item(
      s.span.start,
      s.span.start + s.list.length,
      indent,
      () => this.#line(`${indent}${s.list}`),
      blankBefore,
    );
    for (const c of s.criteria) this.#criterion(c, `${indent}  `);
  }

  #criterion(c: Criterion, indent: string): void {
    this.#item(c.span.start, c.span.end, indent, () => {
      this.#line(
        c.title === undefined ? `${indent}${c.id.value}` : `${indent}${c.id.value} ${printString(c.title)}`,
      );
      const inner = `${indent}  `;
      if (c.source !== undefined) this.#line(`${inner}source ${printString(c.source)}`);
      if (c.rule === null) this.#line(`${inner}decided by sub-criteria`);
      else for (const l of wrapExpression(c.rule, 0, `${inner}met if `, `${inner}  `)) this.#line(l);
    });
  }

  /**
   * Prints one item after what precedes it: comments that trail the previous line, the blank line
   * the layout wants (`blankBefore`) or the source had, and comments on lines of their own.
   */
  #item(start: number, end: number, indent: string, body: () => void, blankBefore = false): void {
    if (blankBefore) {
      this.#trailingComments(start);
      this.#blank();
    }
    this.#flushComments(start, indent);
    if (this.#blankInSource(this.#previousEnd, start)) this.#blank();
    body();
    this.#previousEnd = Math.max(this.#previousEnd, end);
  }

  #trailingComments(before: number): void {
    while (this.#next < this.#comments.length) {
      const c = this.#comments[this.#next]!;
      if (c.start >= before || c.ownLine || this.#lines.length === 0) return;
      this.#lines[this.#lines.length - 1] += ` ${c.text}`;
      this.#previousEnd = Math.max(this.#previousEnd, c.start + c.text.length);
      this.#next++;
    }
  }

  #flushComments(before: number, indent: string): void {
    while (this.#next < this.#comments.length && this.#comments[this.#next]!.start < before) {
      const c = this.#comments[this.#next++]!;
      const last = this.#lines.length - 1;
      if (!c.ownLine && last >= 0 && this.#lines[last] !== '') {
        this.#lines[last] = `${this.#lines[last]} ${c.text}`;
      } else {
        if (this.#blankInSource(this.#previousEnd, c.start)) this.#blank();
        this.#line(`${indent}${c.text}`);
      }
      this.#previousEnd = Math.max(this.#previousEnd, c.start + c.text.length);
    }
  }

  #blankInSource(from: number, to: number): boolean {
    if (this.source === undefined || from >= to) return false;
    return /\n[ \t]*\r?\n/.test(this.source.slice(from, to));
  }

  #line(text: string): void {
    this.#lines.push(text);
  }

  #blank(): void {
    if (this.#lines.length > 0 && this.#lines.at(-1) !== '') this.#lines.push('');
  }
}

/** Offset of the first `word` at or after `from`, outside comments and strings. */
function findWord(text: string, word: string, from: number): number {
  let inString = false;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '#') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (text.startsWith(word, i) && !/[A-Za-z0-9_]/.test(text[i - 1] ?? ' ')) return i;
  }
  return from;
}

function lineEnd(text: string, from: number): number {
  const i = text.indexOf('\n', from);
  return i < 0 ? text.length : i;
}

/** `iv = snomed 1222837003 or snomed 1222838008, other`: each value with the codes bound to it. */
function valueList(values: readonly Identifier[] | undefined, codes: readonly ValueCode[]): string {
  const words = values?.map((v) => v.value) ?? [...new Set(codes.map((c) => c.value))];
  return words
    .map((w) => {
      const bound = codes.filter((c) => c.value === w).map((c) => `${c.system} ${c.code}`);
      return bound.length ? `${w} = ${bound.join(' or ')}` : w;
    })
    .join(', ');
}
