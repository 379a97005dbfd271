import type { Span } from '../ast';
import type { Diagnostic } from './diagnostic';

/**
 * Every diagnostic Eligo can produce, one factory per code. Codes are stable: E00xx syntax,
 * E01xx names, E02xx types and units, E03xx structure, W0xxx warnings. Each has a page in
 * docs/diagnostics.md.
 */

// ---------------------------------------------------------------- syntax (E00xx)

/** E0001: the text does not match the grammar; `expected` is in human words. */
export function syntaxError(span: Span, expected: string, found: string): Diagnostic {
  return {
    code: 'E0001',
    severity: 'error',
    message: `syntax error: expected ${expected}, found ${found}`,
    span,
    label: `expected ${expected}`,
  };
}
