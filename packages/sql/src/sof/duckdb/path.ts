import { badArguments, notBoolean, unsupportedFunction, unsupportedOperator } from '../errors';
import type { PathNode } from '../fhirpath/ast';
import type { ConstantValue, PlannedPath } from '../plan';
import { isPrimitiveType } from '../types';
import { type TemporalKind, temporalBoundary } from './boundary';
import { bind, emptyList, keyPath, type Names, numericJson, text } from './sql';

/**
 * FHIRPath → DuckDB SQL. A FHIRPath collection is a `JSON[]` list; an `item` is one JSON value
 * or NULL (the focus, a lambda variable); a `scalar` is a typed SQL value where NULL is the
 * empty collection. Booleans are SQL BOOLEAN, so FHIRPath's `and`/`or`/`not` on empty are
 * SQL's three-valued AND/OR/NOT (both are Kleene logic): an empty collection stays unknown.
 */
export type Value =
  | { readonly shape: 'collection'; readonly sql: string }
  | { readonly shape: 'item'; readonly sql: string }
  | { readonly shape: 'scalar'; readonly type: 'boolean' | 'number' | 'string'; readonly sql: string };

export interface PathScope {
  /** The focus: JSON, NULL for the empty focus of a forEachOrNull row. */
  readonly focus: string;
  /** %rowIndex: an INTEGER expression. */
  readonly rowIndex: string;
  /** %resource: the row's whole resource, JSON. */
  readonly resource: string;
  readonly resourceType: string;
  readonly constants: ReadonlyMap<string, ConstantValue>;
  readonly names: Names;
}

const capitalize = (name: string): string => name[0]!.toUpperCase() + name.slice(1);

/** The elements of one JSON value as a list: arrays spread, JSON null and missing dropped. */
function elementsOf(scope: PathScope, json: string): string {
  return bind(scope.names, json, (v) => {
    const e = scope.names.next('_e');
    return (
      `CASE WHEN ${v} IS NULL OR json_type(${v}) = 'NULL' THEN ${emptyList} ` +
      `WHEN json_type(${v}) = 'ARRAY' THEN list_filter(json_extract(${v}, '$[*]'), lambda ${e}: json_type(${e}) <> 'NULL') ` +
      `ELSE [${v}] END`
    );
  });
}

export function asCollection(value: Value): string {
  switch (value.shape) {
    case 'collection':
      return value.sql;
    case 'item':
      return `list_filter([${value.sql}], lambda _i: _i IS NOT NULL)`;
    case 'scalar':
      return `list_filter([to_json(${value.sql})], lambda _i: _i IS NOT NULL)`;
  }
}

/** One JSON value or NULL; more than one item is an error at run time with `message`. */
export function asItem(scope: PathScope, value: Value, message: string): string {
  switch (value.shape) {
    case 'item':
      return value.sql;
    case 'scalar':
      return `to_json(${value.sql})`;
    case 'collection':
      return bind(
        scope.names,
        value.sql,
        (v) => `CASE WHEN len(${v}) > 1 THEN error(${text(message)}) ELSE ${v}[1] END`,
      );
  }
}

/**
 * A boolean from a value, by FHIRPath's singleton evaluation: empty is NULL, one boolean is
 * itself. One other item is true in FHIRPath, but a view's `where` must give a boolean, so
 * `strict` turns it into an error (as the specification's reference runner does).
 */
export function asBoolean(scope: PathScope, value: Value, strict: boolean, message: string): string {
  if (value.shape === 'scalar') {
    if (value.type === 'boolean') return value.sql;
    return strict
      ? `CASE WHEN ${value.sql} IS NULL THEN NULL ELSE error(${text(message)}) END`
      : `(${value.sql} IS NOT NULL OR NULL)`;
  }
  const item = asItem(scope, value, message);
  return bind(
    scope.names,
    item,
    (v) =>
      `CASE WHEN ${v} IS NULL THEN NULL WHEN json_type(${v}) = 'BOOLEAN' THEN CAST(${v} AS BOOLEAN) ` +
      `ELSE ${strict ? `error(${text(message)})` : 'true'} END`,
  );
}

/** A number (DOUBLE) from a value; NULL when empty or not a number. */
function asNumber(scope: PathScope, value: Value, message: string): string {
  if (value.shape === 'scalar')
    return value.type === 'number' ? value.sql : `TRY_CAST(${value.sql} AS DOUBLE)`;
  const item = asItem(scope, value, message);
  return bind(
    scope.names,
    item,
    (v) => `CASE WHEN json_type(${v}) IN ${numericJson} THEN CAST(${v} AS DOUBLE) END`,
  );
}

/** A string from a value; NULL when empty. */
function asString(scope: PathScope, value: Value, message: string): string {
  if (value.shape === 'scalar') return value.type === 'string' ? value.sql : `CAST(${value.sql} AS VARCHAR)`;
  return `json_extract_string(${asItem(scope, value, message)}, '$')`;
}

/** FHIRPath `=` on two JSON items (numbers by value, strings by text, the rest by JSON text). */
function itemsEqual(a: string, b: string): string {
  return (
    `CASE WHEN json_type(${a}) IN ${numericJson} AND json_type(${b}) IN ${numericJson} ` +
    `THEN CAST(${a} AS DOUBLE) = CAST(${b} AS DOUBLE) ` +
    `WHEN json_type(${a}) = 'VARCHAR' AND json_type(${b}) = 'VARCHAR' ` +
    `THEN json_extract_string(${a}, '$') = json_extract_string(${b}, '$') ` +
    `ELSE CAST(${a} AS VARCHAR) = CAST(${b} AS VARCHAR) END`
  );
}

/** FHIRPath `<` and friends on two JSON items: numbers or strings (dates compare as text). */
function itemsCompare(a: string, b: string, operator: string): string {
  return (
    `CASE WHEN json_type(${a}) IN ${numericJson} AND json_type(${b}) IN ${numericJson} ` +
    `THEN CAST(${a} AS DOUBLE) ${operator} CAST(${b} AS DOUBLE) ` +
    `WHEN json_type(${a}) = 'VARCHAR' AND json_type(${b}) = 'VARCHAR' ` +
    `THEN json_extract_string(${a}, '$') ${operator} json_extract_string(${b}, '$') END`
  );
}

const functionArity: Readonly<Record<string, readonly [number, number]>> = {
  where: [1, 1],
  exists: [0, 1],
  empty: [0, 0],
  first: [0, 0],
  last: [0, 0],
  count: [0, 0],
  not: [0, 0],
  extension: [1, 1],
  ofType: [1, 1],
  join: [0, 1],
  getResourceKey: [0, 0],
  getReferenceKey: [0, 1],
  lowBoundary: [0, 1],
  highBoundary: [0, 1],
};

const temporalKinds: Readonly<Record<string, TemporalKind>> = {
  date: 'date',
  dateTime: 'dateTime',
  instant: 'dateTime',
  time: 'time',
};

/** The type name of an `ofType(T)` / `getReferenceKey(T)` argument (`T` or `FHIR.T`). */
function typeName(node: PathNode | undefined, where: string, fn: string): string {
  if (node?.kind === 'member' && node.target === null) return node.name;
  if (node?.kind === 'member' && node.target?.kind === 'member' && node.target.target === null)
    return node.name;
  throw badArguments(where, fn, 'a type name');
}

/** Compiles one planned path at the scope's focus. */
export function compilePath(path: PlannedPath, scope: PathScope): Value {
  const { where, source } = path;
  const many = (what: string) => `${where}: '${source}' gave more than one value for ${what}`;

  const stringArgument = (node: PathNode | undefined, fn: string): string => {
    const value = node ? compile(node, focusOf(scope.focus)) : undefined;
    if (value?.shape === 'scalar' && value.type === 'string') return value.sql;
    throw badArguments(where, fn, 'a string');
  };

  const member = (input: Value, name: string): Value => {
    if (input.shape === 'item')
      return { shape: 'collection', sql: elementsOf(scope, `json_extract(${input.sql}, ${keyPath(name)})`) };
    const x = scope.names.next('_x');
    const children = elementsOf(scope, `json_extract(${x}, ${keyPath(name)})`);
    return {
      shape: 'collection',
      sql: `flatten(list_transform(${asCollection(input)}, lambda ${x}: ${children}))`,
    };
  };

  const filter = (input: Value, predicate: (x: string) => string): Value => {
    const x = scope.names.next('_x');
    return { shape: 'collection', sql: `list_filter(${asCollection(input)}, lambda ${x}: ${predicate(x)})` };
  };

  const ofType = (input: Value, type: string): Value => {
    const json = (x: string): string => {
      if (type === 'boolean') return `json_type(${x}) = 'BOOLEAN'`;
      if (type === 'integer' || type === 'positiveInt' || type === 'unsignedInt')
        return `json_type(${x}) IN ('BIGINT', 'UBIGINT')`;
      if (type === 'decimal') return `json_type(${x}) IN ${numericJson}`;
      if (isPrimitiveType(type)) return `json_type(${x}) = 'VARCHAR'`;
      return `coalesce(json_extract_string(${x}, '$.resourceType') = ${text(type)}, json_type(${x}) = 'OBJECT')`;
    };
    return filter(input, json);
  };

  const call = (node: Extract<PathNode, { kind: 'call' }>, focus: Value): Value => {
    const arity = functionArity[node.name];
    if (!arity) throw unsupportedFunction(where, node.name);
    if (node.args.length < arity[0] || node.args.length > arity[1]) {
      throw badArguments(
        where,
        node.name,
        arity[0] === arity[1] ? `${arity[0]} argument(s)` : `${arity[0]} to ${arity[1]} arguments`,
      );
    }
    // A choice element with its type: `value.ofType(Quantity)` reads `valueQuantity`.
    if (node.name === 'ofType' && node.target?.kind === 'member') {
      const type = typeName(node.args[0], where, 'ofType');
      const owner = node.target.target === null ? focus : compile(node.target.target, focus);
      return member(owner, node.target.name + capitalize(type));
    }
    const input = node.target === null ? focus : compile(node.target, focus);
    switch (node.name) {
      case 'where': {
        const x = scope.names.next('_x');
        const criterion = asBoolean(
          scope,
          compile(node.args[0]!, { shape: 'item', sql: x }),
          false,
          many('where()'),
        );
        return {
          shape: 'collection',
          sql: `list_filter(${asCollection(input)}, lambda ${x}: coalesce(${criterion}, false))`,
        };
      }
      case 'exists': {
        const tested = node.args.length === 0 ? input : call({ ...node, name: 'where' }, focus);
        return { shape: 'scalar', type: 'boolean', sql: `(len(${asCollection(tested)}) > 0)` };
      }
      case 'empty':
        return { shape: 'scalar', type: 'boolean', sql: `(len(${asCollection(input)}) = 0)` };
      case 'count':
        return { shape: 'scalar', type: 'number', sql: `len(${asCollection(input)})` };
      case 'first':
        return { shape: 'collection', sql: `list_slice(${asCollection(input)}, 1, 1)` };
      case 'last':
        return {
          shape: 'collection',
          sql: bind(scope.names, asCollection(input), (v) => `list_slice(${v}, len(${v}), len(${v}))`),
        };
      case 'not':
        return {
          shape: 'scalar',
          type: 'boolean',
          sql: `(NOT ${asBoolean(scope, input, false, many('not()'))})`,
        };
      case 'extension': {
        const url = stringArgument(node.args[0], 'extension');
        return filter(member(input, 'extension'), (x) => `json_extract_string(${x}, '$.url') = ${url}`);
      }
      case 'ofType':
        return ofType(input, typeName(node.args[0], where, 'ofType'));
      case 'join': {
        const separator = node.args.length === 0 ? "''" : stringArgument(node.args[0], 'join');
        const x = scope.names.next('_x');
        return {
          shape: 'scalar',
          type: 'string',
          sql: `array_to_string(list_transform(${asCollection(input)}, lambda ${x}: json_extract_string(${x}, '$')), ${separator})`,
        };
      }
      case 'getResourceKey': {
        const x = scope.names.next('_x');
        return {
          shape: 'collection',
          sql: `list_filter(list_transform(${asCollection(input)}, lambda ${x}: json_extract(${x}, '$.id')), lambda _k: _k IS NOT NULL)`,
        };
      }
      case 'getReferenceKey': {
        // `Patient/p1`, `http://host/fhir/Patient/p1` and `Patient/p1/_history/2` all key to p1.
        const pattern = text('([A-Z][A-Za-z]+)/([A-Za-z0-9\\-\\.]{1,64})(/_history/[^/]+)?$');
        const wanted = node.args.length === 0 ? null : typeName(node.args[0], where, 'getReferenceKey');
        const x = scope.names.next('_x');
        const key = bind(scope.names, `json_extract_string(${x}, '$.reference')`, (r) => {
          const typeTest =
            wanted === null ? '' : ` AND regexp_extract(${r}, ${pattern}, 1) = ${text(wanted)}`;
          return `CASE WHEN regexp_matches(${r}, ${pattern})${typeTest} THEN to_json(regexp_extract(${r}, ${pattern}, 2)) END`;
        });
        return {
          shape: 'collection',
          sql: `list_filter(list_transform(${asCollection(input)}, lambda ${x}: ${key}), lambda _k: _k IS NOT NULL)`,
        };
      }
      case 'lowBoundary':
      case 'highBoundary': {
        // The precision argument is not supported: the boundary keeps the finest precision.
        if (node.args.length > 0) throw badArguments(where, node.name, 'no precision argument here');
        const target = node.target;
        const declared =
          target?.kind === 'call' && target.name === 'ofType'
            ? typeName(target.args[0], where, 'ofType')
            : undefined;
        const kind: TemporalKind =
          (declared === undefined ? undefined : temporalKinds[declared]) ?? 'unknown';
        const x = scope.names.next('_x');
        const bound = temporalBoundary(`json_extract_string(${x}, '$')`, kind, node.name === 'highBoundary');
        const decimal = text(`${where}: ${node.name}() of a decimal is not supported`);
        return {
          shape: 'collection',
          sql:
            `list_filter(list_transform(${asCollection(input)}, lambda ${x}: CASE WHEN json_type(${x}) = 'VARCHAR' ` +
            `THEN to_json(${bound}) WHEN json_type(${x}) IN ${numericJson} THEN error(${decimal}) END), lambda _k: _k IS NOT NULL)`,
        };
      }
      default:
        throw unsupportedFunction(where, node.name);
    }
  };

  const equality = (left: Value, right: Value): string => {
    if (left.shape === 'scalar' && right.shape === 'scalar' && left.type === right.type)
      return `(${left.sql} = ${right.sql})`;
    return bind(scope.names, asCollection(left), (a) =>
      bind(scope.names, asCollection(right), (b) => {
        const x = scope.names.next('_x');
        const i = scope.names.next('_n');
        return (
          `CASE WHEN len(${a}) = 0 OR len(${b}) = 0 THEN NULL WHEN len(${a}) <> len(${b}) THEN false ` +
          `ELSE list_bool_and(list_transform(${a}, lambda ${x}, ${i}: ${itemsEqual(x, `${b}[${i}]`)})) END`
        );
      }),
    );
  };

  const binary = (node: Extract<PathNode, { kind: 'binary' }>, focus: Value): Value => {
    const left = compile(node.left, focus);
    const right = compile(node.right, focus);
    const operands = `'${node.operator}'`;
    const bool = (sql: string): Value => ({ shape: 'scalar', type: 'boolean', sql });
    switch (node.operator) {
      case 'and':
      case 'or':
        return bool(
          `(${asBoolean(scope, left, false, many(operands))} ${node.operator.toUpperCase()} ${asBoolean(scope, right, false, many(operands))})`,
        );
      case 'xor':
        return bool(
          `(${asBoolean(scope, left, false, many(operands))} <> ${asBoolean(scope, right, false, many(operands))})`,
        );
      case 'implies':
        return bool(
          `(NOT ${asBoolean(scope, left, false, many(operands))} OR ${asBoolean(scope, right, false, many(operands))})`,
        );
      case '=':
        return bool(equality(left, right));
      case '!=':
        return bool(`(NOT ${equality(left, right)})`);
      case '<':
      case '>':
      case '<=':
      case '>=': {
        if (left.shape === 'scalar' && right.shape === 'scalar' && left.type === right.type) {
          return bool(`(${left.sql} ${node.operator} ${right.sql})`);
        }
        const a = asItem(scope, left, many(operands));
        const b = asItem(scope, right, many(operands));
        return bool(
          bind(scope.names, a, (x) => bind(scope.names, b, (y) => itemsCompare(x, y, node.operator))),
        );
      }
      case '&':
        return {
          shape: 'scalar',
          type: 'string',
          sql: `(coalesce(${asString(scope, left, many(operands))}, '') || coalesce(${asString(scope, right, many(operands))}, ''))`,
        };
      case '+':
        if (
          (left.shape === 'scalar' && left.type === 'string') ||
          (right.shape === 'scalar' && right.type === 'string')
        ) {
          return {
            shape: 'scalar',
            type: 'string',
            sql: `(${asString(scope, left, many(operands))} || ${asString(scope, right, many(operands))})`,
          };
        }
        return {
          shape: 'scalar',
          type: 'number',
          sql: `(${asNumber(scope, left, many(operands))} + ${asNumber(scope, right, many(operands))})`,
        };
      case '-':
      case '*':
        return {
          shape: 'scalar',
          type: 'number',
          sql: `(${asNumber(scope, left, many(operands))} ${node.operator} ${asNumber(scope, right, many(operands))})`,
        };
      case '/':
        return {
          shape: 'scalar',
          type: 'number',
          sql: `(${asNumber(scope, left, many(operands))} / nullif(${asNumber(scope, right, many(operands))}, 0))`,
        };
      case '|':
        return {
          shape: 'collection',
          sql: `list_distinct(list_concat(${asCollection(left)}, ${asCollection(right)}))`,
        };
      default:
        throw unsupportedOperator(where, node.operator);
    }
  };

  const compile = (node: PathNode, focus: Value): Value => {
    switch (node.kind) {
      case 'string':
        return { shape: 'scalar', type: 'string', sql: text(node.value) };
      case 'number':
        return { shape: 'scalar', type: 'number', sql: `${node.value}` };
      case 'boolean':
        return { shape: 'scalar', type: 'boolean', sql: `${node.value}` };
      case 'temporal':
        return { shape: 'scalar', type: 'string', sql: text(node.value.replace(/^T/, '')) };
      case 'empty':
        return { shape: 'collection', sql: emptyList };
      case 'this':
        return focus;
      case 'constant': {
        if (node.name === 'rowIndex') return { shape: 'scalar', type: 'number', sql: scope.rowIndex };
        if (node.name === 'resource' || node.name === 'rootResource')
          return { shape: 'item', sql: scope.resource };
        const constant = scope.constants.get(node.name)!;
        if (constant.kind === 'string') return { shape: 'scalar', type: 'string', sql: text(constant.value) };
        return { shape: 'scalar', type: constant.kind, sql: `${constant.value}` };
      }
      case 'member':
        if (node.target === null && node.name === scope.resourceType) return focus;
        return member(node.target === null ? focus : compile(node.target, focus), node.name);
      case 'call':
        return call(node, focus);
      case 'index': {
        const index = asNumber(scope, compile(node.index, focusOf(scope.focus)), many('an index'));
        const list = asCollection(compile(node.target, focus));
        return {
          shape: 'collection',
          sql: `coalesce(list_slice(${list}, CAST(${index} AS BIGINT) + 1, CAST(${index} AS BIGINT) + 1), ${emptyList})`,
        };
      }
      case 'binary':
        return binary(node, focus);
      case 'negate':
        return {
          shape: 'scalar',
          type: 'number',
          sql: `(- ${asNumber(scope, compile(node.operand, focus), many("'-'"))})`,
        };
    }
  };

  return compile(path.tree, focusOf(scope.focus));
}

const focusOf = (sql: string): Value => ({ shape: 'item', sql });

/** A where clause's condition: must be boolean, checked at compile time where it can be. */
export function compileCondition(path: PlannedPath, scope: PathScope): string {
  const value = compilePath(path, scope);
  if (value.shape === 'scalar' && value.type !== 'boolean') throw notBoolean(path.where, path.source);
  return asBoolean(scope, value, true, `${path.where}: '${path.source}' must give a boolean`);
}
