/**
 * Column types of a ViewDefinition and what a row carries for each. Dates and times stay text:
 * FHIR allows partial dates (`1970-06`, `2012`) that no SQL DATE can hold, and Eligo's readers
 * need the precision the record had.
 */
export type ValueKind = 'text' | 'integer' | 'integer64' | 'decimal' | 'boolean';

const kinds: Readonly<Record<string, ValueKind>> = {
  string: 'text',
  code: 'text',
  id: 'text',
  uri: 'text',
  url: 'text',
  canonical: 'text',
  oid: 'text',
  uuid: 'text',
  markdown: 'text',
  base64Binary: 'text',
  xhtml: 'text',
  date: 'text',
  dateTime: 'text',
  instant: 'text',
  time: 'text',
  integer: 'integer',
  positiveInt: 'integer',
  unsignedInt: 'integer',
  integer64: 'integer64',
  decimal: 'decimal',
  boolean: 'boolean',
};

/** The value kind of a FHIR primitive type name, or undefined when it is not one. */
export function valueKindOf(type: string): ValueKind | undefined {
  return Object.hasOwn(kinds, type) ? kinds[type] : undefined;
}

/** FHIR's primitive type names (lowercase in FHIRPath `ofType(dateTime)`). */
export function isPrimitiveType(type: string): boolean {
  return Object.hasOwn(kinds, type);
}
