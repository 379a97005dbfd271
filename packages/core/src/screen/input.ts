import type { CompiledProtocol } from '../compile';
import { screeningInputSchema } from '../facts/schema';
import type { ScreeningInput } from '../facts/shapes';

export type ParsedInput =
  | { readonly ok: true; readonly input: ScreeningInput }
  | { readonly ok: false; readonly issues: { path: string; message: string }[] };

/** Validates a screening input against the protocol's own schema; issues carry dotted paths (`facts.wbc.0.unit`). */
export function parseScreeningInput(protocol: CompiledProtocol, raw: unknown): ParsedInput {
  const parsed = screeningInputSchema(protocol.info).safeParse(raw);
  if (parsed.success) return { ok: true, input: parsed.data as ScreeningInput };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  };
}
