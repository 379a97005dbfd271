import type { z } from 'zod';
import type { Shape } from './shape';

/** A problem with the shape of the input, with where it is: `bundle.entry[3].resource.valueQuantity.value`. */
export interface InputError {
  readonly path: string;
  readonly message: string;
}

/** `['entry', 3, 'resource']` under `bundle` → `bundle.entry[3].resource`. */
export function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

const ARTICLE: Record<string, string> = {
  array: 'an array',
  object: 'an object',
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  boolean: 'a boolean',
};

/**
 * Short messages in our own words, so they read the same whatever zod's version says:
 * `expected a number`, `required`, `expected one of "male", "female"`.
 */
export function issueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'required';
      return `expected ${ARTICLE[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `expected ${JSON.stringify(issue.values[0])}`
        : `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    default:
      return undefined;
  }
}

/**
 * Checks a value against a shape and returns its issues as InputErrors under `prefix`; never
 * throws. A value the shape's predicate accepts is returned as it is (zod's copy of it would be
 * equal); only a refused one is run through zod, for the issues.
 */
export function validate<Z extends z.ZodType>(
  shape: Shape<Z>,
  value: unknown,
  prefix: string,
): { ok: true; value: z.infer<Z> } | { ok: false; errors: InputError[] } {
  if (shape.accepts(value)) return { ok: true, value: value as z.infer<Z> };
  const result = shape.zod.safeParse(value, { error: issueMessage });
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({
      path: formatPath(prefix, issue.path),
      message: issue.message,
    })),
  };
}
