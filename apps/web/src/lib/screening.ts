import { type CompiledProtocol, compile, type LocatedDiagnostic, type Screening } from '@eligo/core';
import { screenDocument } from '@eligo/fhir';
import type { ScreeningRequest } from './request';

export type Compiled =
  | {
      readonly ok: true;
      readonly protocol: CompiledProtocol;
      readonly diagnostics: readonly LocatedDiagnostic[];
    }
  | { readonly ok: false; readonly diagnostics: readonly LocatedDiagnostic[] };

export function compileCriteria(text: string, name: string): Compiled {
  const { protocol, diagnostics } = compile(text, { name });
  if (!protocol || diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics };
  return { ok: true, protocol, diagnostics };
}

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
