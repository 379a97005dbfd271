import type { ColumnPlan, SelectPlan, ViewPlan } from '../plan';
import type { ValueKind } from '../types';
import {
  asBoolean,
  asCollection,
  asItem,
  compileCondition,
  compilePath,
  type PathScope,
  type Value,
} from './path';
import { bind, identifier, Names, text } from './sql';

/**
 * DuckDB emitter: one SELECT per view over `resources(resource_type, id, resource JSON)`.
 * Every select of the view is a LATERAL subquery of its parent, so a row of the parent is the
 * focus of its children; forEach unnests the focus list with its 0-based position (%rowIndex),
 * a select's parts are a cross product (its own columns, each nested select, its unionAll), and
 * repeat is a recursive CTE ordered depth-first as the specification's reference runner walks.
 */

export interface EmitOptions {
  /** The table of resources; `schema.table` allowed. Default `resources`. */
  readonly table?: string;
}

const sqlTypes: Readonly<Record<ValueKind, string>> = {
  text: 'VARCHAR',
  integer: 'INTEGER',
  integer64: 'BIGINT',
  decimal: 'DOUBLE',
  boolean: 'BOOLEAN',
};

/** The SQL type a column has in the emitted query; JSON when the view gives no type. */
export function duckDbTypeOf(column: ColumnPlan): string {
  const base = column.kind === null ? 'JSON' : sqlTypes[column.kind];
  return column.collection ? `${base}[]` : base;
}

/** One JSON item as the column's SQL type. */
function fromJson(item: string, kind: ValueKind | null): string {
  if (kind === null) return item;
  if (kind === 'text') return `json_extract_string(${item}, '$')`;
  return `CAST(${item} AS ${sqlTypes[kind]})`;
}

function columnSql(column: ColumnPlan, value: Value, scope: PathScope): string {
  const { where, source } = column.path;
  if (column.collection) {
    const x = scope.names.next('_c');
    return `list_transform(${asCollection(value)}, lambda ${x}: ${fromJson(x, column.kind)})`;
  }
  if (value.shape === 'scalar' && column.kind !== 'text' && column.kind !== null) {
    return `CAST(${value.sql} AS ${sqlTypes[column.kind]})`;
  }
  if (value.shape === 'scalar') {
    return column.kind === null ? value.sql : `CAST(${value.sql} AS VARCHAR)`;
  }
  if (column.kind === 'boolean') {
    return asBoolean(
      scope,
      value,
      false,
      `${where}: '${source}' gave more than one value; set collection: true`,
    );
  }
  const item = asItem(
    scope,
    value,
    `column '${column.name}' (${where}): '${source}' gave more than one value; set collection: true`,
  );
  return bind(scope.names, item, (v) => fromJson(v, column.kind));
}

interface Focus {
  readonly focus: string;
  readonly rowIndex: string;
}

function emitSelect(select: SelectPlan, at: Focus, base: Omit<PathScope, 'focus' | 'rowIndex'>): string {
  const names = base.names;
  const from: string[] = [];
  let focus = at;
  const iteration = select.iteration;
  if (iteration) {
    const it = names.next('it');
    const scope: PathScope = { ...base, ...at };
    if (iteration.mode === 'repeat') {
      const children = (node: string, prefix: string): string =>
        iteration.paths
          .map((path, k) => {
            const list = asCollection(compilePath(path, { ...scope, focus: node }));
            const o = names.next('_o');
            const src = names.next('src');
            const n = names.next('n');
            return (
              `SELECT ${src}.l[${n}.j + 1] AS node, ${prefix}[${k}, ${n}.j] AS ord ` +
              `FROM (SELECT list_filter(${list}, lambda ${o}: json_type(${o}) = 'OBJECT') AS l) AS ${src}, range(len(${src}.l)) AS ${n}(j)`
            );
          })
          .join(' UNION ALL ');
      const walk = names.next('walk');
      const step = names.next('step');
      from.push(
        `(WITH RECURSIVE ${walk}(node, ord) AS (${children(at.focus, '')} UNION ALL ` +
          `SELECT ${step}.node, ${step}.ord FROM ${walk}, LATERAL (${children(`${walk}.node`, `${walk}.ord || `)}) AS ${step}) ` +
          `SELECT node AS f, CAST(row_number() OVER (ORDER BY ord) - 1 AS INTEGER) AS i FROM ${walk}) AS ${it}`,
      );
    } else {
      let list = asCollection(compilePath(iteration.path, scope));
      if (iteration.mode === 'forEachOrNull') {
        // No element: one row whose focus is empty (every column null), %rowIndex 0.
        list = bind(names, list, (v) => `CASE WHEN len(${v}) = 0 THEN [NULL::JSON] ELSE ${v} END`);
      }
      const src = names.next('src');
      const n = names.next('n');
      from.push(
        `(SELECT ${src}.l[${n}.i + 1] AS f, CAST(${n}.i AS INTEGER) AS i FROM (SELECT ${list} AS l) AS ${src}, range(len(${src}.l)) AS ${n}(i)) AS ${it}`,
      );
    }
    focus = { focus: `${it}.f`, rowIndex: `${it}.i` };
  } else {
    from.push(`(SELECT 1) AS ${names.next('one')}`);
  }
  const scope: PathScope = { ...base, ...focus };
  const output = select.columns.map(
    (column) => `${columnSql(column, compilePath(column.path, scope), scope)} AS ${identifier(column.name)}`,
  );
  for (const nested of select.selects) {
    const alias = names.next('s');
    from.push(`LATERAL (${emitSelect(nested, focus, base)}) AS ${alias}`);
    output.push(...nested.columnNames.map((name) => `${alias}.${identifier(name)}`));
  }
  if (select.unionAll.length > 0) {
    const alias = names.next('u');
    const branches = select.unionAll.map((branch) => emitSelect(branch, focus, base));
    from.push(`LATERAL (${branches.join(' UNION ALL ')}) AS ${alias}`);
    output.push(...select.unionAll[0]!.columnNames.map((name) => `${alias}.${identifier(name)}`));
  }
  if (output.length === 0) output.push('NULL AS "_empty"');
  return `SELECT ${output.join(', ')} FROM ${from.join(', ')}`;
}

/** The DuckDB query of a planned view. */
export function emitDuckDb(plan: ViewPlan, options: EmitOptions = {}): string {
  const names = new Names();
  const base = { resource: 'r.resource', resourceType: plan.resource, constants: plan.constants, names };
  const scope: PathScope = { ...base, focus: 'r.resource', rowIndex: '0' };
  const conditions = [
    `r.resource_type = ${text(plan.resource)}`,
    ...plan.filters.map((f) => compileCondition(f, scope)),
  ];
  const body = emitSelect(plan.root, { focus: 'r.resource', rowIndex: '0' }, base);
  const columns = plan.columns.map((c) => `v.${identifier(c.name)}`).join(', ');
  return (
    `SELECT ${columns} FROM (SELECT resource FROM ${identifier(options.table ?? 'resources')} AS r ` +
    `WHERE ${conditions.join(' AND ')}) AS r, LATERAL (${body}) AS v`
  );
}
