import type { Node } from './ast';

type Kind = Node['kind'];
type NodeOf<K extends Kind> = Extract<Node, { kind: K }>;

/**
 * The keys of each node kind that hold child nodes, in source order. One table drives `visit`,
 * `children` and every traversal built on them; a new node kind is a compile error until listed.
 */
export const CHILD_KEYS: { readonly [K in Kind]: readonly (keyof NodeOf<K> & string)[] } = {
  Protocol: ['id', 'screeningPeriod', 'declarations', 'sections', 'cohorts'],
  Cohort: ['id', 'sections'],
  Section: ['criteria'],
  Criterion: ['id', 'rule'],
  Identifier: [],
  PatientDecl: ['name', 'lay'],
  LabDecl: [
    'name',
    'unit',
    'binding',
    'molarMass',
    'positiveAbove',
    'valueCodes',
    'method',
    'rangeFor',
    'lay',
  ],
  TestDecl: ['name', 'binding', 'values', 'valueCodes', 'positiveAbove', 'method', 'lay'],
  RecordDecl: ['name', 'binding', 'classes', 'routes', 'sites', 'reasons', 'lay'],
  QuestionDecl: ['name', 'answer', 'lay'],
  DefineDecl: ['name', 'expr', 'lay'],
  LayWording: [],
  Binding: ['codes', 'except'],
  CodeFilter: ['codes'],
  CodePattern: [],
  ValueCode: [],
  AnswerType: ['unit', 'values'],
  UnitRef: [],
  If: ['condition', 'then', 'else'],
  Unless: ['expr', 'exception'],
  Given: ['expr', 'premise'],
  Binary: ['left', 'right'],
  Not: ['operand'],
  Quantifier: ['operands'],
  Compare: ['left', 'right'],
  Between: ['value', 'low', 'high'],
  Is: ['subject', 'value'],
  ConditionTest: ['subject', 'duration'],
  MedicationTest: ['subject', 'duration'],
  WithinTest: ['subject', 'duration', 'anchor'],
  AnyReading: ['test', 'duration', 'anchor'],
  SevereTest: ['subject'],
  Trend: ['subject', 'duration'],
  Ref: ['window'],
  Quantity: ['unit'],
  LimitRef: [],
  LimitMultiple: [],
  Call: ['callee', 'args'],
  Latest: ['alternatives'],
  DailyDose: ['subject', 'as', 'highestWithin'],
  DoseIncrease: ['dose', 'duration'],
  DoseCourse: ['test', 'duration', 'window'],
  Episodes: ['subject', 'separatedBy'],
  Arith: ['left', 'right'],
  Duration: [],
};

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'kind' in value;
}

/** The direct children of a node, in source order. */
export function children(node: Node): Node[] {
  const out: Node[] = [];
  const record = node as unknown as Record<string, unknown>;
  for (const key of CHILD_KEYS[node.kind] as readonly string[]) {
    const value = record[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) out.push(item);
    } else if (isNode(value)) {
      out.push(value);
    }
  }
  return out;
}

/** Return `false` from `enter` to skip the node's children (and its `leave`). */
export type VisitFn<N extends Node> = (node: N, parent: Node | undefined) => unknown;

export interface EnterLeave<N extends Node> {
  readonly enter?: VisitFn<N>;
  readonly leave?: VisitFn<N>;
}

/**
 * A visitor as in graphql-js: a function or `{ enter, leave }` per node kind, and optional
 * `enter`/`leave` for every node.
 */
export type Visitor = {
  readonly [K in Kind]?: VisitFn<NodeOf<K>> | EnterLeave<NodeOf<K>>;
} & EnterLeave<Node>;

/** Walks `root` depth-first in source order, calling the visitor's functions. */
export function visit(root: Node, visitor: Visitor): void {
  // An explicit stack: deeply nested expressions must not exhaust the call stack.
  type Frame = { node: Node; parent: Node | undefined; entered: boolean };
  const stack: Frame[] = [{ node: root, parent: undefined, entered: false }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const { node, parent } = frame;
    const own = visitor[node.kind] as VisitFn<Node> | EnterLeave<Node> | undefined;
    const enter = typeof own === 'function' ? own : own?.enter;
    const leave = typeof own === 'function' ? undefined : own?.leave;
    if (!frame.entered) {
      frame.entered = true;
      if (visitor.enter?.(node, parent) === false || enter?.(node, parent) === false) {
        stack.pop();
        continue;
      }
      const kids = children(node);
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, parent: node, entered: false });
      continue;
    }
    stack.pop();
    leave?.(node, parent);
    visitor.leave?.(node, parent);
  }
}

/** A deep copy without `span`s: what two parses of the same program have in common. */
export function withoutSpans<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutSpans) as T;
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (key !== 'span') out[key] = withoutSpans(v);
  return out as T;
}
