/**
 * The type of a value in an expression, as far as the checker can tell without patient data.
 * `unknown` follows an earlier error (an unknown name, a cycle) so one mistake reports once.
 */
export type ValueType =
  | { readonly kind: 'boolean' }
  /** `unit` undefined: a plain number (a count, a score, an age in years). */
  | { readonly kind: 'quantity'; readonly unit: string | undefined; readonly molarMass?: number | undefined }
  | { readonly kind: 'code'; readonly values: readonly string[] }
  | { readonly kind: 'date' }
  /** `N x ULN`: a quantity in the unit of whatever it is compared with. */
  | { readonly kind: 'limit'; readonly limit: 'ULN' | 'LLN' }
  | { readonly kind: 'unknown' };

export const BOOLEAN: ValueType = { kind: 'boolean' };
export const UNKNOWN: ValueType = { kind: 'unknown' };
export const DATE: ValueType = { kind: 'date' };

/** "a quantity in 10*9/L", "true or false", "a date", "one of 'male', 'female'" */
export function describeType(type: ValueType): string {
  switch (type.kind) {
    case 'boolean':
      return 'true or false';
    case 'quantity':
      return type.unit === undefined ? 'a plain number' : `a quantity in ${type.unit}`;
    case 'code':
      return `a coded value (${type.values.join(', ')})`;
    case 'date':
      return 'a date';
    case 'limit':
      return `a multiple of the ${type.limit}`;
    case 'unknown':
      return 'a value of unknown type';
  }
}
