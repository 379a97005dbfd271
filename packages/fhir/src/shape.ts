import { z } from 'zod';

/**
 * A zod schema and a plain predicate built from one declaration, so they accept the same values.
 * The predicate decides whether a value is well-formed without building zod's copy of it or any
 * issue objects: on a 60-resource bundle it is about ten times cheaper than the schema. The
 * schema stays the authority for what is wrong and where: a value the predicate refuses is run
 * through zod, whose issues name the offending field.
 */
export interface Shape<Z extends z.ZodType = z.ZodType> {
  readonly zod: Z;
  readonly accepts: (value: unknown) => boolean;
  /**
   * Set on optional shapes: the predicate for a value that is there. An object checks its absent
   * optional fields (most of a resource's) without a call, and its present ones with one call less.
   */
  readonly present?: (value: unknown) => boolean;
}

const shape = <Z extends z.ZodType>(zod: Z, accepts: (value: unknown) => boolean): Shape<Z> => ({
  zod,
  accepts,
});

/** As zod sees an object: not null, not an array. */
export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const string = shape(z.string(), (v) => typeof v === 'string');

/** zod's number refuses NaN and the infinities. */
export const number = shape(z.number(), (v) => typeof v === 'number' && Number.isFinite(v));

/** zod's int is a safe integer. */
export const integer = shape(z.number().int(), (v) => typeof v === 'number' && Number.isSafeInteger(v));

export const boolean = shape(z.boolean(), (v) => typeof v === 'boolean');

/** A string the predicate accepts; `message` is the error when it does not. */
export function refinedString(test: (text: string) => boolean, message: string) {
  return shape(z.string().refine(test, { message }), (v) => typeof v === 'string' && test(v));
}

export function literal<const T extends string>(value: T) {
  return shape(z.literal(value), (v) => v === value);
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  const set: ReadonlySet<unknown> = new Set(values);
  return shape(z.enum(values), (v) => set.has(v));
}

export function optional<Z extends z.ZodType>(inner: Shape<Z>) {
  const present = inner.accepts;
  return { ...shape(inner.zod.optional(), (v) => v === undefined || present(v)), present };
}

export function array<Z extends z.ZodType>(element: Shape<Z>) {
  return shape(z.array(element.zod), (v) => {
    if (!Array.isArray(v)) return false;
    for (const item of v) if (!element.accepts(item)) return false;
    return true;
  });
}

type ZodShapeOf<S extends Record<string, Shape>> = { [K in keyof S]: S[K]['zod'] };

/** An object with these fields; other fields pass through unread (FHIR resources carry many). */
export function loose<S extends Record<string, Shape>>(fields: S) {
  const zodShape = {} as ZodShapeOf<S>;
  for (const key of Object.keys(fields) as (keyof S)[]) zodShape[key] = fields[key]!.zod;
  const keys = Object.keys(fields);
  const tests = keys.map((key) => {
    const field = fields[key] as Shape;
    return field.present ?? field.accepts;
  });
  const optionals = keys.map((key) => (fields[key] as Shape).present !== undefined);
  return shape(z.looseObject(zodShape), (v) => {
    if (!isObject(v)) return false;
    for (let i = 0; i < keys.length; i++) {
      const value = v[keys[i] as string];
      // A missing field reads as undefined, which only optional fields accept, as in zod.
      if (value === undefined && optionals[i]) continue;
      if (!(tests[i] as Shape['accepts'])(value)) return false;
    }
    return true;
  });
}

/** An object shape with a rule across its fields; `issue` is reported when `test` fails. */
export function refinedObject<Z extends z.ZodType>(
  inner: Shape<Z>,
  test: (value: z.output<Z>) => boolean,
  issue: { readonly path: PropertyKey[]; readonly message: string },
) {
  return shape(
    inner.zod.superRefine((value, ctx) => {
      if (!test(value)) ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message });
    }),
    (v) => inner.accepts(v) && test(v as z.output<Z>),
  );
}
