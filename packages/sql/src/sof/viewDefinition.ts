import { z } from 'zod';

/**
 * The SQL-on-FHIR v2 ViewDefinition, as far as the compiler reads it. Unknown keys are allowed
 * (a ViewDefinition is a FHIR resource: `meta`, `text`, `url`, … travel with it) except inside
 * `select`, where an unknown key is almost always a misspelt `forEach` or `column` that would
 * otherwise be ignored silently.
 */

const columnName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a column name starts with a letter and has only letters, digits and _');

export const columnSchema = z.looseObject({
  name: columnName,
  path: z.string().min(1),
  description: z.string().optional(),
  collection: z.boolean().optional(),
  type: z.string().optional(),
  tag: z.array(z.looseObject({ name: z.string(), value: z.string() })).optional(),
});

export type Column = z.infer<typeof columnSchema>;

export interface Select {
  column?: Column[] | undefined;
  select?: Select[] | undefined;
  forEach?: string | undefined;
  forEachOrNull?: string | undefined;
  repeat?: string[] | undefined;
  unionAll?: Select[] | undefined;
}

export const selectSchema: z.ZodType<Select> = z.lazy(() =>
  z.strictObject({
    column: z.array(columnSchema).min(1).optional(),
    select: z.array(selectSchema).min(1).optional(),
    forEach: z.string().min(1).optional(),
    forEachOrNull: z.string().min(1).optional(),
    repeat: z.array(z.string().min(1)).min(1).optional(),
    unionAll: z.array(selectSchema).min(1).optional(),
  }),
);

/** A constant: a name and one `value[x]` (checked by the planner, which names the constant). */
export const constantSchema = z.looseObject({ name: columnName });

export type Constant = z.infer<typeof constantSchema> & Record<string, unknown>;

export const viewDefinitionSchema = z.looseObject({
  resourceType: z.literal('ViewDefinition').optional(),
  name: z.string().optional(),
  status: z.string().optional(),
  resource: z.string().regex(/^[A-Z][A-Za-z]+$/, 'a FHIR resource type such as Patient'),
  constant: z.array(constantSchema).optional(),
  select: z.array(selectSchema).min(1),
  where: z.array(z.looseObject({ path: z.string().min(1), description: z.string().optional() })).optional(),
});

export type ViewDefinition = z.infer<typeof viewDefinitionSchema>;
