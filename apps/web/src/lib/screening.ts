import type { CompiledProtocol, CompileResult, Screening } from '@eligo/core';
import { screenDocument } from '@eligo/fhir';
import type { ScreeningRequest } from './request';

/** A protocol compiled in the browser: core's result, `ok` exactly when there is no error. */
export type Compiled = CompileResult;

export interface InputProblem {
  readonly path: string;
  readonly message: string;
}

export type LocalScreening =
  | { readonly ok: true; readonly screening: Screening }
  | { readonly ok: false; readonly problems: readonly InputProblem[] };

/**
 * Screens in the browser with the same steps the API takes (read the bundle or facts through the
 * protocol's bindings, validate, screen), so what the form shows is what the server will record.
 */
export function screenLocally(protocol: CompiledProtocol, request: ScreeningRequest): LocalScreening {
  const result = screenDocument(protocol, request);
  return result.ok ? result : { ok: false, problems: result.errors };
}
