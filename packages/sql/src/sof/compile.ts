import { duckDbTypeOf, type EmitOptions, emitDuckDb } from './duckdb/emit';
import { SofError } from './errors';
import { planView, type ViewPlan } from './plan';
import type { ValueKind } from './types';

/** A column of a compiled view: its name, declared FHIR type and SQL type. */
export interface CompiledColumn {
  readonly name: string;
  readonly type: string | null;
  readonly kind: ValueKind | null;
  readonly collection: boolean;
  readonly sqlType: string;
}

export interface CompiledView {
  readonly resource: string;
  readonly sql: string;
  readonly columns: readonly CompiledColumn[];
}

export type CompileResult =
  | ({ readonly ok: true } & CompiledView)
  | { readonly ok: false; readonly errors: readonly SofError[] };

/** Plans a view and writes its DuckDB query; throws SofError. */
export function compileViewToDuckDb(view: unknown, options: EmitOptions = {}): CompiledView {
  const plan: ViewPlan = planView(view);
  return {
    resource: plan.resource,
    sql: emitDuckDb(plan, options),
    columns: plan.columns.map((c) => ({
      name: c.name,
      type: c.type,
      kind: c.kind,
      collection: c.collection,
      sqlType: duckDbTypeOf(c),
    })),
  };
}

/** The convenience call: never throws for a bad view, returns its errors as values. */
export function compileView(view: unknown, options: EmitOptions = {}): CompileResult {
  try {
    return { ok: true, ...compileViewToDuckDb(view, options) };
  } catch (error) {
    if (error instanceof SofError) return { ok: false, errors: [error] };
    throw error;
  }
}
