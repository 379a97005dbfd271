import {
  constantWithoutValue,
  duplicateColumn,
  invalidShape,
  notBoolean,
  pathSyntax,
  type SofError,
  severalIterations,
  unionColumnsMismatch,
  unknownColumnType,
  unknownConstant,
} from './errors';
import type { PathNode } from './fhirpath/ast';
import { PathSyntaxError, parsePath } from './fhirpath/parse';
import { type ValueKind, valueKindOf } from './types';
import { type Select, type ViewDefinition, viewDefinitionSchema } from './viewDefinition';

/**
 * Planning: a validated ViewDefinition becomes a tree that every SQL dialect emits from. Paths
 * are parsed, constants resolved and checked, `column`/`select`/`unionAll` put in the order the
 * specification gives the columns (a select's own columns, then its nested selects, then its
 * unionAll), and column names checked for clashes, all before any SQL is written.
 */

/** A parsed FHIRPath with its text and where it sits in the ViewDefinition, for messages. */
export interface PlannedPath {
  readonly tree: PathNode;
  readonly source: string;
  readonly where: string;
}

export interface ColumnPlan {
  readonly name: string;
  readonly path: PlannedPath;
  /** The declared FHIR type (`dateTime`), or null when the view leaves it out. */
  readonly type: string | null;
  readonly kind: ValueKind | null;
  readonly collection: boolean;
}

export type Iteration =
  | { readonly mode: 'forEach' | 'forEachOrNull'; readonly path: PlannedPath }
  | { readonly mode: 'repeat'; readonly paths: readonly PlannedPath[] };

export interface SelectPlan {
  readonly iteration: Iteration | null;
  readonly columns: readonly ColumnPlan[];
  readonly selects: readonly SelectPlan[];
  readonly unionAll: readonly SelectPlan[];
  /** Output column names in order: own columns, nested selects, then the unionAll's. */
  readonly columnNames: readonly string[];
}

export type ConstantValue =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean };

export interface ViewPlan {
  readonly resource: string;
  readonly constants: ReadonlyMap<string, ConstantValue>;
  readonly filters: readonly PlannedPath[];
  readonly root: SelectPlan;
  /** The view's columns in output order, with their declared types. */
  readonly columns: readonly ColumnPlan[];
}

/** `select[0].` under a parent, nothing at the root. */
const at = (where: string): string => (where ? `${where}.` : '');

/** Variables every view has besides its own constants. */
export const builtInVariables = ['rowIndex', 'resource', 'rootResource'] as const;

const stringConstant =
  /^value(String|Code|Id|Uri|Url|Canonical|Oid|Uuid|Markdown|Base64Binary|Date|DateTime|Instant|Time)$/;
const numberConstant = /^value(Integer|PositiveInt|UnsignedInt|Integer64|Decimal)$/;

function resolveConstant(raw: Record<string, unknown>, where: string): ConstantValue {
  const name = String(raw.name);
  const valueKeys = Object.keys(raw).filter((key) => key.startsWith('value'));
  if (valueKeys.length !== 1) throw constantWithoutValue(where, name);
  const key = valueKeys[0]!;
  const value = raw[key];
  if (stringConstant.test(key) && typeof value === 'string') return { kind: 'string', value };
  if (key === 'valueInteger64' && typeof value === 'string') return { kind: 'number', value: Number(value) };
  if (numberConstant.test(key) && typeof value === 'number') return { kind: 'number', value };
  if (key === 'valueBoolean' && typeof value === 'boolean') return { kind: 'boolean', value };
  throw constantWithoutValue(where, name);
}

/** Every `%name` in a tree, to check them against the constants before emitting. */
function constantsUsed(node: PathNode, into: string[] = []): string[] {
  switch (node.kind) {
    case 'constant':
      into.push(node.name);
      break;
    case 'member':
      if (node.target) constantsUsed(node.target, into);
      break;
    case 'call':
      if (node.target) constantsUsed(node.target, into);
      for (const arg of node.args) constantsUsed(arg, into);
      break;
    case 'index':
      constantsUsed(node.target, into);
      constantsUsed(node.index, into);
      break;
    case 'binary':
      constantsUsed(node.left, into);
      constantsUsed(node.right, into);
      break;
    case 'negate':
      constantsUsed(node.operand, into);
      break;
  }
  return into;
}

/** Expressions that can only give a string or a number: never a valid `where`. */
function isSurelyNotBoolean(node: PathNode): boolean {
  if (node.kind === 'string' || node.kind === 'number' || node.kind === 'temporal') return true;
  if (node.kind === 'call') return ['join', 'count', 'getResourceKey', 'getReferenceKey'].includes(node.name);
  if (node.kind === 'binary') return ['+', '-', '*', '/', '&', 'div', 'mod'].includes(node.operator);
  return false;
}

/** Turns zod's first issue into a SofError naming the element, like `select[0].forEach`. */
function shapeError(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}): SofError {
  const issue = error.issues[0]!;
  const where = issue.path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
  const missing = issue.message.endsWith('received undefined');
  return invalidShape(where, missing ? 'this element is required' : issue.message);
}

/** Validates a ViewDefinition (unknown JSON) and plans it; throws SofError. */
export function planView(input: unknown): ViewPlan {
  const parsed = viewDefinitionSchema.safeParse(input);
  if (!parsed.success) throw shapeError(parsed.error);
  const view: ViewDefinition = parsed.data;

  const constants = new Map<string, ConstantValue>();
  for (const [i, raw] of (view.constant ?? []).entries()) {
    constants.set(raw.name, resolveConstant(raw, `constant[${i}]`));
  }
  const known = [...constants.keys()];

  const planPath = (source: string, where: string): PlannedPath => {
    let tree: PathNode;
    try {
      tree = parsePath(source);
    } catch (error) {
      if (error instanceof PathSyntaxError) throw pathSyntax(where, source, error.at + 1, error.expected);
      throw error;
    }
    for (const name of constantsUsed(tree)) {
      if (!constants.has(name) && !(builtInVariables as readonly string[]).includes(name)) {
        throw unknownConstant(where, name, known);
      }
    }
    return { tree, source, where };
  };

  const planSelect = (select: Select, where: string): SelectPlan => {
    const iterations = [select.forEach, select.forEachOrNull, select.repeat].filter((x) => x !== undefined);
    if (iterations.length > 1) throw severalIterations(where);
    let iteration: Iteration | null = null;
    if (select.forEach !== undefined) {
      iteration = { mode: 'forEach', path: planPath(select.forEach, `${at(where)}forEach`) };
    } else if (select.forEachOrNull !== undefined) {
      iteration = {
        mode: 'forEachOrNull',
        path: planPath(select.forEachOrNull, `${at(where)}forEachOrNull`),
      };
    } else if (select.repeat !== undefined) {
      iteration = {
        mode: 'repeat',
        paths: select.repeat.map((path, i) => planPath(path, `${at(where)}repeat[${i}]`)),
      };
    }
    const columns = (select.column ?? []).map((column, i): ColumnPlan => {
      const columnAt = `${at(where)}column[${i}]`;
      const type = column.type ?? null;
      const kind = type === null ? null : (valueKindOf(type) ?? null);
      if (type !== null && kind === null) throw unknownColumnType(`${columnAt}.type`, type);
      return {
        name: column.name,
        path: planPath(column.path, `${columnAt}.path`),
        type,
        kind,
        collection: column.collection === true,
      };
    });
    const selects = (select.select ?? []).map((nested, i) => planSelect(nested, `${at(where)}select[${i}]`));
    const unionAll = (select.unionAll ?? []).map((branch, i) =>
      planSelect(branch, `${at(where)}unionAll[${i}]`),
    );
    const first = unionAll[0];
    for (const [i, branch] of unionAll.entries()) {
      const same =
        first !== undefined &&
        branch.columnNames.length === first.columnNames.length &&
        branch.columnNames.every((name, j) => name === first.columnNames[j]);
      if (!same)
        throw unionColumnsMismatch(`${at(where)}unionAll[${i}]`, first!.columnNames, branch.columnNames);
    }
    const columnNames = [
      ...columns.map((c) => c.name),
      ...selects.flatMap((s) => s.columnNames),
      ...(first?.columnNames ?? []),
    ];
    const seen = new Set<string>();
    for (const name of columnNames) {
      if (seen.has(name)) throw duplicateColumn(where || 'select', name);
      seen.add(name);
    }
    return { iteration, columns, selects, unionAll, columnNames };
  };

  const root = planSelect({ select: view.select }, '');
  const filters = (view.where ?? []).map((w, i) => {
    const planned = planPath(w.path, `where[${i}].path`);
    if (isSurelyNotBoolean(planned.tree)) throw notBoolean(planned.where, planned.source);
    return planned;
  });
  return { resource: view.resource, constants, filters, root, columns: columnsInOrder(root) };
}

/** The ColumnPlans of a select in output order (a unionAll's from its first branch). */
function columnsInOrder(select: SelectPlan): ColumnPlan[] {
  return [
    ...select.columns,
    ...select.selects.flatMap(columnsInOrder),
    ...(select.unionAll[0] ? columnsInOrder(select.unionAll[0]) : []),
  ];
}
